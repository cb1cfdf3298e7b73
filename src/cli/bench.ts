// `npm run bench`: the engine's throughput on realistic page text, beside two baselines measured
// in the same run — compromise over the whole text (what we avoid) and one combined regular
// expression of every rule keyword (the floor). Prints tables; no pass or fail.
import { join } from 'node:path';
import nlp from 'compromise';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import type { Scanner } from '../engine/scanner';
import { englishNlp, loadPack, PROJECT_ROOT } from '../rulepack/load-node';
import { readJsonl, SHARED_DIR } from './corpus';

const args = process.argv.slice(2);
const sizesArg = args.find((a) => a.startsWith('--sizes='));
const SIZES_MB = sizesArg ? sizesArg.slice(8).split(',').map(Number) : [1, 2, 4, 8];
const RUNS = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 5);
const WITH_COMPROMISE = !args.includes('--no-compromise');

/** Two kinds of page: an English job board of real ads, and a risk-dense mix in ten languages. */
const MIXES = {
  'job board (en)': ['external/glassdoor-legit.jsonl', 'external/emscad-fraud.jsonl'],
  'mixed (10 langs)': ['external/glassdoor-legit.jsonl', 'external/emscad-fraud.jsonl', 'corpus/dev.jsonl'],
} as const;

function corpusTexts(names: readonly string[]): string[] {
  const texts = names.flatMap((f) => readJsonl<{ text: string }>(join(SHARED_DIR, f)).map((r) => r.text));
  if (texts.length === 0) throw new Error(`bench: no corpus found under ${SHARED_DIR}`);
  return texts;
}

/** Interleave sources so every megabyte has legit, fraudulent and multilingual listings. */
function buildText(texts: string[], bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i = (i + 7919) % texts.length) {
    const t = texts[i]!;
    parts.push(t);
    size += Buffer.byteLength(t) + 2;
  }
  return parts.join('\n\n');
}

function countWords(t: string): number {
  const spaced = t.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  const ideographs = t.match(/[\u3400-\u9fff\u0e00-\u0e7f\u1000-\u109f]/g)?.length ?? 0;
  return spaced + Math.round(ideographs / 1.6); // a word of Chinese/Thai/Burmese is ~1.6 characters
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

setFlagsFromString('--expose-gc');
/** A full garbage collection, so that one measurement does not pay for the garbage of another. */
const collectGarbage = runInNewContext('gc') as () => void;

/** Median wall time of fn. */
function time(fn: () => void, runs: number): number {
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

const fmt = (n: number, d = 1) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

/**
 * The engine as the extension ships it: bundled by esbuild. (The command line runs the same code
 * through tsx, whose module wrappers cost a quarter more in the hot loops.)
 */
async function bundledScanner(): Promise<Scanner> {
  const out = join(PROJECT_ROOT, 'node_modules', '.cache', 'second-look', 'engine-bench.mjs');
  await build({ entryPoints: [join(PROJECT_ROOT, 'src', 'engine', 'scanner.ts')], bundle: true, format: 'esm', platform: 'neutral', outfile: out, logLevel: 'error' });
  const { Scanner: Bundled } = (await import(pathToFileURL(out).href)) as { Scanner: typeof Scanner };
  return new Bundled(loadPack(), { nlp: englishNlp });
}

const scanner = await bundledScanner();
const keywords = [...new Set(scanner.pack.rules.flatMap((r) => r.keywords))];
const floor = new RegExp(
  keywords
    .slice()
    .sort((a, b) => b.length - a.length)
    .map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|'),
  'g',
);
console.log(`Second Look bench — ${scanner.pack.rules.length} rules, ${keywords.length} keywords; median of ${RUNS} runs (the regex floor: of ${Math.min(3, RUNS)}); Node ${process.version}`);
interface Row {
  mix: string;
  mb: number;
  text: string;
  megabytes: number;
  times: number[];
  findings: number;
  /** Heap growth over one scan of this row alone (garbage included: no GC is forced). */
  heap: number;
}
const rows: Row[] = Object.entries(MIXES).flatMap(([mix, files]) => {
  const texts = corpusTexts(files);
  return SIZES_MB.map((mb) => {
    const text = buildText(texts, mb * 1e6);
    return { mix, mb, text, megabytes: Buffer.byteLength(text) / 1e6, times: [], findings: 0, heap: 0 };
  });
});

/** A fixed plain loop over 1 MB of the text: this VM's speed drifts by up to 2× over minutes. */
const reference = rows[0]!.text.slice(0, 1e6);
function referenceLoop(): number {
  let sum = 0;
  for (let i = 0; i < reference.length; i++) sum = (sum + reference.charCodeAt(i) * (i & 7)) | 0;
  return sum;
}
const referenceTimes: number[] = [];

// Steady state, as in the extension's long-lived background: V8 has compiled the engine and the
// rules' expressions before the first timed run (a cold start is a different number).
for (const row of rows) for (let i = 0; i < (row.mb <= 1 ? 3 : 1); i++) scanner.scan(row.text);
// The engine's runs go round the rows (and the reference loop) rather than row after row, so a
// slow minute of the machine slows every row alike instead of a few.
for (let round = 0; round < RUNS; round++) {
  referenceTimes.push(time(referenceLoop, 1));
  for (const row of rows) {
    let r: ReturnType<typeof scanner.scan> | null = null;
    row.times.push(time(() => void (r = scanner.scan(row.text)), 1));
    row.findings = r!.findings.length;
  }
}
// Heap, row by row and outside the timing (process.memoryUsage() blocks for tens of ms).
for (const row of rows) {
  for (let i = 0; i < 2; i++) {
    const before = process.memoryUsage().heapUsed;
    scanner.scan(row.text);
    row.heap = Math.max(row.heap, process.memoryUsage().heapUsed - before);
  }
}
console.log(`reference loop over 1 MB (machine speed; lower is faster): ${fmt(median(referenceTimes), 2)} ms, from ${fmt(Math.min(...referenceTimes), 2)} to ${fmt(Math.max(...referenceTimes), 2)}`);

/**
 * A baseline's median time, and its median ratio to the engine's time on the same row measured
 * just before and after each of its runs: a ratio between two minutes of different speed means
 * nothing on this VM.
 */
function beside(row: Row, fn: () => void, runs: number): { ms: number; ratio: number } {
  const ms: number[] = [];
  const ratios: number[] = [];
  // A baseline leaves a heap of garbage (compromise: hundreds of MB), which the next runs would
  // pay to collect: it is collected first, before and after, and one scan settles the engine.
  const engine = () => {
    collectGarbage();
    scanner.scan(row.text);
    return time(() => void scanner.scan(row.text), 3);
  };
  for (let i = 0; i < runs; i++) {
    const before = engine();
    collectGarbage();
    const t = time(fn, 1);
    ratios.push(t / ((before + engine()) / 2));
    ms.push(t);
  }
  return { ms: median(ms), ratio: median(ratios) };
}

for (const mix of Object.keys(MIXES)) {
  console.log(`\n${mix}`);
  console.log('size   words      engine ms  ms/MB (min)     words/s  findings  heap+MB | regex-floor ms  engine/floor | compromise ms  compromise/engine');
  for (const row of rows.filter((r) => r.mix === mix)) {
    const { text, megabytes } = row;
    const engineMs = median(row.times);
    const words = countWords(text);
    const lower = text.toLowerCase();
    // Seconds per run: three are enough to show it, each against the engine in the same minute.
    const floorRuns = beside(
      row,
      () => {
        floor.lastIndex = 0;
        let n = 0;
        while (floor.exec(lower) !== null) n++;
        return n;
      },
      Math.min(3, RUNS),
    );
    const nlpRuns = WITH_COMPROMISE && row.mb <= 1 ? beside(row, () => void nlp(text).json({ offset: false }).length, Math.min(3, RUNS)) : null;
    console.log(
      [
        `${fmt(megabytes, 2)}MB`.padEnd(7),
        String(words).padEnd(10),
        fmt(engineMs).padStart(9),
        `${fmt(engineMs / megabytes)} (${fmt(Math.min(...row.times) / megabytes)})`.padStart(13),
        fmt(words / (engineMs / 1000), 0).padStart(11),
        String(row.findings).padStart(9),
        fmt(row.heap / 1e6).padStart(8),
        '|',
        fmt(floorRuns.ms).padStart(14),
        `${fmt(1 / floorRuns.ratio, 3)}×`.padStart(13),
        '|',
        (nlpRuns ? fmt(nlpRuns.ms, 0) : '(1 MB only)').padStart(13),
        (nlpRuns ? `${fmt(nlpRuns.ratio, 0)}×` : '').padStart(18),
      ].join(' '),
    );
  }
}
console.log('\nengine = the whole pipeline (normalise, prefilter, confirm, score, kind) over the text as one page, bundled as in the extension;\n  its runs go round all rows, so the rows share the machine\'s slow and fast minutes.');
console.log('heap+MB = JS heap growth over one scan of the row, garbage included (no GC is forced; a collection during the scan shows less).');
console.log('regex-floor = one combined regular expression of all rule keywords over the lowercased text.');
console.log('engine/floor and compromise/engine compare each baseline run with engine runs just before and after it,\n  each after a full garbage collection (what a baseline leaves behind is not charged to the engine).');
console.log('compromise = nlp(text) over the whole text: what the engine avoids by parsing only candidate sentences.');
