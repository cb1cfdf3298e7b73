// `second-look scan`: the engine over files, stdin and JSON Lines. The JSON Lines output is a
// contract that measurement tools outside the project rely on; see README "Command line".
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { CATEGORIES, LEVEL_LABELS } from '../engine/categories';
import type { Scanner } from '../engine/scanner';
import type { Finding, Kind, ScanResult } from '../engine/types';
import { htmlToText } from './html';
import { Progress } from './progress';

export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
}

interface Args {
  jsonl: boolean;
  format: 'json' | 'text';
  files: string[];
}

export class UsageError extends Error {}

export const USAGE = `usage: second-look [--jsonl] [--format json|text] [FILE ...]
  FILE        .txt is read as text, .html/.htm as a page (visible text only); none or - reads stdin
  --jsonl     each input line is {"text", "id"?, "url"?, "lang"?}; one output line per input line
  --format    json (one object per input) or text (a readable report; the default on a terminal)`;

export function parseArgs(argv: string[], stdoutIsTTY: boolean): Args {
  const args: Args = { jsonl: false, format: stdoutIsTTY ? 'text' : 'json', files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--jsonl') args.jsonl = true;
    else if (a === '--format' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v !== 'json' && v !== 'text') throw new UsageError(`--format takes json or text, not ${JSON.stringify(v ?? '')}`);
      args.format = v;
    } else if (a === '-h' || a === '--help') throw new UsageError('');
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else args.files.push(a);
  }
  if (args.files.length === 0) args.files.push('-');
  return args;
}

/** The contract's verdict: position and rule of each finding, no prose (explanations are in the rules). */
function verdictFields(r: ScanResult) {
  return {
    level: r.level,
    score: r.score,
    kind: r.kind,
    lang: r.lang,
    findings: r.findings.map((f) => ({ rule: f.rule, category: f.category, start: f.start, end: f.end, quote: f.quote })),
  };
}

export function textReport(name: string, r: ScanResult): string {
  const lines = [`${name}: ${LEVEL_LABELS[r.level]} (score ${r.score}; looks like: ${r.kind}; language: ${r.lang})`];
  // One entry per rule: its quotes together, the explanation and source once.
  const byRule = new Map<string, Finding[]>();
  for (const f of r.findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  for (const [rule, fs] of byRule) {
    const f = fs[0]!;
    const quotes = fs.map((x) => `“${x.quote.replace(/\s+/g, ' ')}”`).join(', ');
    lines.push(`  • ${CATEGORIES[f.category].label} — ${quotes}`);
    lines.push(`    ${f.explanation}`);
    const src = f.source.map((s) => [s.seed && `seed: ${s.seed}`, s.indicator, s.url].filter(Boolean).join(', ')).join('; ');
    lines.push(`    Source: ${src}  [${rule}]`);
  }
  if (r.findings.length === 0) lines.push('  No warning signs found.');
  return lines.join('\n') + '\n';
}

/** Scan one JSON Lines stream; returns the number of malformed lines. */
async function scanJsonl(scanner: Scanner, input: NodeJS.ReadableStream, io: CliIo, format: Args['format'], progress: Progress): Promise<number> {
  let bad = 0;
  let lineNo = 0;
  const rl = createInterface({ input, crlfDelay: Infinity });
  for await (const line of rl) {
    lineNo++;
    if (line.trim() === '') continue;
    let obj: unknown;
    let error: string | null = null;
    try {
      obj = JSON.parse(line);
    } catch (e) {
      error = `not valid JSON: ${(e as Error).message}`;
    }
    if (!error) {
      if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) error = 'expected a JSON object';
      else if (typeof (obj as { text?: unknown }).text !== 'string') error = 'missing "text" (a string)';
    }
    if (error) {
      bad++;
      io.stdout.write(JSON.stringify({ id: null, line: lineNo, error: `line ${lineNo}: ${error}` }) + '\n');
      continue;
    }
    const o = obj as { text: string; id?: unknown; url?: unknown; lang?: unknown };
    const r = scanner.scan(o.text, {
      ...(typeof o.url === 'string' && { url: o.url }),
      ...(typeof o.lang === 'string' && { lang: o.lang }),
    });
    io.stdout.write(format === 'text' ? textReport(String(o.id ?? `line ${lineNo}`), r) : JSON.stringify({ id: o.id ?? null, ...verdictFields(r) }) + '\n');
    progress.tick(o.text.length);
  }
  return bad;
}

function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer | string) => chunks.push(typeof c === 'string' ? Buffer.from(c) : c));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}

/** Run the command; resolves to the exit code. */
export async function runScan(argv: string[], io: CliIo, makeScanner: () => Scanner): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv, !!io.stdout.isTTY);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write((e.message ? `second-look: ${e.message}\n` : '') + USAGE + '\n');
    return e.message ? 2 : 0;
  }
  const scanner = makeScanner();
  const progress = new Progress(io.stderr);
  let failures = 0;
  for (const file of args.files) {
    try {
      if (args.jsonl) {
        const input = file === '-' ? io.stdin : createReadStream(file);
        failures += await scanJsonl(scanner, input, io, args.format, progress);
        continue;
      }
      const raw = file === '-' ? await readAll(io.stdin) : readFileSync(file, 'utf8');
      let text = raw;
      let kind: Kind | undefined;
      if (/\.html?$/i.test(file)) {
        const h = htmlToText(raw);
        text = h.text;
        if (h.jobPosting) kind = 'job';
      }
      const r = scanner.scan(text, kind ? { kind } : {});
      const name = file === '-' ? 'stdin' : file;
      if (args.format === 'text') io.stdout.write(textReport(name, r));
      else io.stdout.write(JSON.stringify({ file: name, ...verdictFields(r) }) + '\n');
      progress.tick(text.length);
    } catch (e) {
      failures++;
      const err = e as NodeJS.ErrnoException;
      const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a directory' : err.message;
      io.stderr.write(`second-look: ${file}: ${why}\n`);
    }
  }
  progress.done();
  return failures > 0 ? 1 : 0;
}
