// `npm run eval [-- FILE ...]`: measures the scanner on labelled JSON Lines (default: the shared
// dev corpus). The scanner sees only the text; lang, kind and labels are the answers. Always
// exits 0: it measures, it does not test.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Scanner } from '../engine/scanner';
import type { Category, ScanResult } from '../engine/types';
import { createNodeScanner } from '../rulepack/load-node';
import { readJsonl, SHARED_DIR } from './corpus';

interface Row {
  id: string;
  lang: string;
  kind?: string;
  label: string;
  categories?: Category[];
  text: string;
}

const POSITIVE = new Set(['risky', 'fraud']);
const warns = (r: ScanResult) => r.level === 'medium' || r.level === 'high';

interface Tally {
  risky: number;
  riskyHit: number;
  riskyLow: number;
  benign: number;
  benignFp: number;
  articles: number;
  articleFp: number;
  catTotal: number;
  catFound: number;
  langRight: number;
  kindRight: number;
  n: number;
}
const emptyTally = (): Tally => ({ risky: 0, riskyHit: 0, riskyLow: 0, benign: 0, benignFp: 0, articles: 0, articleFp: 0, catTotal: 0, catFound: 0, langRight: 0, kindRight: 0, n: 0 });

export function evaluate(scanner: Scanner, rows: Row[]) {
  const overall = emptyTally();
  const perLang = new Map<string, Tally>();
  const misses: string[] = [];
  const falsePositives: string[] = [];
  const missedCategories = new Map<string, number>();
  const firedCategories = new Map<string, number>();
  const levels = new Map<string, number>();
  let chars = 0;
  const t0 = performance.now();
  for (const row of rows) {
    const r = scanner.scan(row.text); // the text only, as a page would give it
    chars += row.text.length;
    const t = perLang.get(row.lang) ?? emptyTally();
    perLang.set(row.lang, t);
    levels.set(r.level, (levels.get(r.level) ?? 0) + 1);
    for (const tally of [overall, t]) {
      tally.n++;
      if (r.lang === row.lang) tally.langRight++;
      if (row.kind && r.kind === row.kind) tally.kindRight++;
      if (POSITIVE.has(row.label)) {
        tally.risky++;
        if (warns(r)) tally.riskyHit++;
        if (r.level !== 'none') tally.riskyLow++;
        const found = new Set(r.findings.map((f) => f.category));
        for (const c of row.categories ?? []) {
          tally.catTotal++;
          if (found.has(c)) tally.catFound++;
        }
      } else {
        tally.benign++;
        if (warns(r)) tally.benignFp++;
        if (row.kind === 'article') {
          tally.articles++;
          if (warns(r)) tally.articleFp++;
        }
      }
    }
    const found = new Set(r.findings.map((f) => f.category));
    for (const c of found) firedCategories.set(c, (firedCategories.get(c) ?? 0) + 1);
    if (POSITIVE.has(row.label)) {
      const missing = (row.categories ?? []).filter((c) => !found.has(c));
      for (const c of missing) missedCategories.set(c, (missedCategories.get(c) ?? 0) + 1);
      if (!warns(r)) misses.push(`${row.id} (${r.level}, score ${r.score}, ${r.kind}; found: ${[...found].join(', ') || '—'}; missing: ${missing.join(', ') || '—'})`);
    } else if (warns(r)) {
      falsePositives.push(`${row.id} (${r.level}, score ${r.score}, ${r.kind}; ${r.findings.map((f) => `${f.rule} “${f.quote.slice(0, 40)}”`).join('; ')})`);
    }
  }
  const ms = performance.now() - t0;
  return { overall, perLang, misses, falsePositives, missedCategories, firedCategories, levels, ms, chars };
}

const pct = (a: number, b: number) => (b === 0 ? '   —  ' : (a / b).toFixed(3).padStart(6));

function printReport(file: string, rows: Row[], res: ReturnType<typeof evaluate>): void {
  const { overall, perLang } = res;
  const out: string[] = [];
  out.push(`\n== ${file}: ${rows.length} texts (${overall.risky} risky, ${overall.benign} benign), ${res.ms.toFixed(0)} ms`);
  out.push('lang   n   risky-recall  ≥low   benign-FP  articles-FP  category-recall  lang-ok  kind-ok');
  const line = (name: string, t: Tally) =>
    `${name.padEnd(5)} ${String(t.n).padStart(3)}   ${pct(t.riskyHit, t.risky)} (${t.riskyHit}/${t.risky})`.padEnd(32) +
    `${pct(t.riskyLow, t.risky)}   ${pct(t.benignFp, t.benign)} (${t.benignFp}/${t.benign})`.padEnd(22) +
    `  ${t.articleFp}/${t.articles}`.padEnd(13) +
    `${pct(t.catFound, t.catTotal)} (${t.catFound}/${t.catTotal})`.padEnd(17) +
    `${pct(t.langRight, t.n)}  ${pct(t.kindRight, t.n)}`;
  out.push(line('all', overall));
  for (const [lang, t] of [...perLang].sort((a, b) => b[1].n - a[1].n)) out.push(line(lang, t));
  out.push(`levels: ${[...res.levels].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (res.missedCategories.size > 0) {
    out.push(`categories missed (labelled but not found): ${[...res.missedCategories].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', ')}`);
  }
  out.push(`categories fired (texts): ${[...res.firedCategories].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', ')}`);
  out.push(`misses (${res.misses.length}):`);
  for (const m of res.misses) out.push(`  ${m}`);
  out.push(`false positives (${res.falsePositives.length}):`);
  for (const f of res.falsePositives) out.push(`  ${f}`);
  process.stdout.write(out.join('\n') + '\n');
}

function readRows(file: string): Row[] {
  return readJsonl<Row>(file, (line) => process.stderr.write(`eval: ${file}:${line}: not valid JSON, skipped\n`));
}

// `--lang zh` keeps only rows labelled with that language (for working on one rule pack).
const args = process.argv.slice(2);
const langAt = args.indexOf('--lang');
const onlyLang = langAt >= 0 ? args.splice(langAt, 2)[1] : undefined;
const files = args.length > 0 ? args : [join(SHARED_DIR, 'corpus', 'dev.jsonl')];
const scanner = createNodeScanner();
for (const file of files) {
  if (!existsSync(file)) {
    process.stdout.write(`eval: ${file}: no such file\n`);
    continue;
  }
  const rows = readRows(file).filter((r) => !onlyLang || r.lang === onlyLang);
  printReport(file, rows, evaluate(scanner, rows));
}
