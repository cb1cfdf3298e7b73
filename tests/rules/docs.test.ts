import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rulesDocument } from '../../src/rulepack/docs';
import { PROJECT_ROOT } from '../../src/rulepack/load-node';
import { realScanner } from '../helpers/scanner';

describe('docs/rules.md', () => {
  it('is current (run `npm run rules:docs` after changing rules)', () => {
    const onDisk = readFileSync(join(PROJECT_ROOT, 'docs', 'rules.md'), 'utf8');
    expect(onDisk === rulesDocument(realScanner().pack), 'docs/rules.md is stale: run `npm run rules:docs`').toBe(true);
  });
  it('documents every rule with its explanation and source', () => {
    const doc = rulesDocument(realScanner().pack);
    for (const r of realScanner().pack.rules) {
      expect(doc).toContain(`\`${r.id}\``);
      expect(r.source.length).toBeGreaterThan(0);
    }
  });
});
