// The labelled corpora in ../shared, read line by line: measurement and benchmarks share this.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../rulepack/load-node';

export const SHARED_DIR = join(PROJECT_ROOT, '..', 'shared');

/** Each JSON line of `file` (blank lines skipped); a broken line goes to `onBad` and the rest are read. */
export function readJsonl<T>(file: string, onBad: (line: number) => void = () => {}): T[] {
  if (!existsSync(file)) return [];
  const rows: T[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      try {
        rows.push(JSON.parse(line) as T);
      } catch {
        onBad(i + 1);
      }
    });
  return rows;
}
