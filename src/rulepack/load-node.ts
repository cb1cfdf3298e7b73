// Node side of the rule pack: read rules/, compile (checking every example), and cache the
// result by content hash so the command line starts fast and never serves a stale pack.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import nlp from 'compromise';
import type { CompiledPack } from '../engine/pack';
import { Scanner, type Nlp } from '../engine/scanner';
import { compilePack, type SourceFile } from './compile';

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** SECOND_LOOK_RULES_DIR points at another rules folder (for trying a change without touching rules/). */
export const RULES_DIR = process.env.SECOND_LOOK_RULES_DIR ?? join(PROJECT_ROOT, 'rules');
const CACHE_DIR = join(PROJECT_ROOT, 'node_modules', '.cache', 'second-look');

export const englishNlp = nlp as unknown as Nlp;

/**
 * Every YAML file under rules/, with paths like "rules/en/x.yaml". SECOND_LOOK_RULES=zh,en keeps
 * only those rule folders (the shared files always load): for working on one language while
 * another is half-written.
 */
export function readRuleFiles(dir = RULES_DIR): SourceFile[] {
  const only = process.env.SECOND_LOOK_RULES?.split(',').map((s) => s.trim()).filter(Boolean);
  const out: SourceFile[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      const top = relative(dir, full).split(sep)[0]!;
      if (only && d === dir && statSync(full).isDirectory() && top !== 'languages' && !only.includes(top)) continue;
      if (only && top === 'languages' && full.endsWith('.yaml') && !only.includes(name.replace(/\.yaml$/, ''))) continue;
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(name) && name !== 'sites.yaml') {
        out.push({ path: ['rules', ...relative(dir, full).split(sep)].join('/'), text: readFileSync(full, 'utf8') });
      }
    }
  };
  walk(dir);
  return out;
}

/** The compiled pack for the current rules/ (throws RulePackError naming every problem). */
export function loadPack(options: { cache?: boolean } = {}): CompiledPack {
  const files = readRuleFiles();
  const hash = createHash('sha256');
  for (const f of files) hash.update(f.path).update('\0').update(f.text).update('\0');
  // The engine's own code decides what examples match, so it is part of the key.
  hash.update(ENGINE_CODE);
  const key = hash.digest('hex').slice(0, 16);
  const cached = join(CACHE_DIR, `rulepack-${key}.json`);
  if ((options.cache ?? true) && existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as CompiledPack;
  const pack = compilePack(files, { nlp: englishNlp });
  if (options.cache ?? true) {
    mkdirSync(CACHE_DIR, { recursive: true });
    writeFileSync(cached, JSON.stringify(pack));
    pruneCache(cached);
  }
  return pack;
}

/** Packs of older rules or code are never read again: keep the newest few. */
function pruneCache(keep: string): void {
  const packs = readdirSync(CACHE_DIR)
    .filter((n) => /^rulepack-[0-9a-f]+\.json$/.test(n))
    .map((n) => ({ path: join(CACHE_DIR, n), time: statSync(join(CACHE_DIR, n)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const p of packs.slice(8)) if (p.path !== keep) rmSync(p.path, { force: true });
}

/**
 * The engine's source as this process loaded it: read at import, not when a pack is cached, so
 * a process that started before an edit cannot store its old result under the new key.
 */
const ENGINE_CODE = engineFiles().map((f) => readFileSync(f, 'utf8')).join('\0');

function engineFiles(): string[] {
  const dirs = [join(PROJECT_ROOT, 'src', 'engine'), join(PROJECT_ROOT, 'src', 'rulepack')];
  return dirs.flatMap((d) => readdirSync(d).filter((n) => n.endsWith('.ts')).sort().map((n) => join(d, n)));
}

/** A scanner over the current rules, with compromise for the English matchers. */
export function createNodeScanner(): Scanner {
  return new Scanner(loadPack(), { nlp: englishNlp });
}
