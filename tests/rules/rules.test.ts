// Data is tested like code: every rule's examples through the real compiled pack, every
// category covered in every language, and a broken rule file named in the error.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CATEGORY_IDS } from '../../src/engine/types';
import { compilePack, RulePackError, type SourceFile } from '../../src/rulepack/compile';
import { englishNlp, readRuleFiles, PROJECT_ROOT } from '../../src/rulepack/load-node';
import { realScanner } from '../helpers/scanner';

const files = readRuleFiles();
const ruleFiles = files.filter((f) => f.path.split('/').length === 3 && !f.path.startsWith('rules/languages/'));
const rules = ruleFiles.map((f) => ({ path: f.path, rule: parse(f.text) as { id: string; lang: string; category: string; examples: { match: string[]; no_match: string[] } } }));

describe('every rule example, through the real engine', () => {
  const scanner = realScanner();
  const cases = rules.flatMap(({ path, rule }) => [
    ...rule.examples.match.map((text) => ({ path, id: rule.id, text, should: true })),
    ...rule.examples.no_match.map((text) => ({ path, id: rule.id, text, should: false })),
  ]);
  it.each(cases)('$id: $should — $text', ({ id, text, should }) => {
    const r = scanner.scan(text, { kind: 'other' });
    expect(r.findings.some((f) => f.rule === id)).toBe(should);
    for (const f of r.findings) expect(text.slice(f.start, f.end)).toBe(f.quote);
  });
});

describe('coverage', () => {
  const langs = [...new Set(rules.map((r) => r.rule.lang))].filter((l) => l !== '*');
  it.each(langs)('%s has a rule in every category', (lang) => {
    const have = new Set(rules.filter((r) => r.rule.lang === lang || r.rule.lang === '*').map((r) => r.rule.category));
    expect(CATEGORY_IDS.filter((c) => !have.has(c))).toEqual([]);
  });
});

describe('the compiler rejects broken rule files, naming file and rule', () => {
  const good = readFileSync(`${PROJECT_ROOT}/rules/en/en-employer-keeps-passport.yaml`, 'utf8');
  const base = files.filter((f) => !f.path.startsWith('rules/') || f.path.split('/').length !== 3 || f.path.startsWith('rules/languages/'));
  const withRule = (path: string, text: string): SourceFile[] => [...base, { path, text }];
  const problems = (fs: SourceFile[]): string[] => {
    try {
      compilePack(fs, { nlp: englishNlp });
      return [];
    } catch (e) {
      if (e instanceof RulePackError) return e.problems;
      throw e;
    }
  };

  it('accepts the good rule', () => {
    expect(problems(withRule('rules/en/en-employer-keeps-passport.yaml', good))).toEqual([]);
  });
  it('rejects an unknown category', () => {
    const p = problems(withRule('rules/en/en-employer-keeps-passport.yaml', good.replace('category: document-control', 'category: passports')));
    expect(p.join('\n')).toMatch(/^rules\/en\/en-employer-keeps-passport\.yaml: `category` is "passports"/m);
  });
  it('rejects an id that is not the file name', () => {
    const p = problems(withRule('rules/en/en-other-name.yaml', good));
    expect(p.join('\n')).toContain('rules/en/en-other-name.yaml: `id` is "en-employer-keeps-passport" but the file is named "en-other-name"');
  });
  it('rejects a duplicate id', () => {
    const p = problems([...withRule('rules/en/en-employer-keeps-passport.yaml', good), { path: 'rules/common/en-employer-keeps-passport.yaml', text: good }]);
    expect(p.join('\n')).toContain('duplicate id "en-employer-keeps-passport"');
  });
  it('rejects a pattern that does not compile', () => {
    const p = problems(withRule('rules/en/en-employer-keeps-passport.yaml', good.replace("  - 'company keeps", "  - '(unclosed'\n  - 'company keeps")));
    expect(p.join('\n')).toMatch(/en-employer-keeps-passport\.yaml: rule en-employer-keeps-passport: patterns\[\d\] does not compile/);
  });
  it('rejects an example that does not behave as declared', () => {
    const p = problems(withRule('rules/en/en-employer-keeps-passport.yaml', good.replace('  no_match:\n', '  no_match:\n    - "The agent holds your passport until you pay."\n')));
    expect(p.join('\n')).toContain('rule en-employer-keeps-passport: example should not match but does: "The agent holds your passport until you pay."');
  });
  it('rejects missing fields and invalid YAML', () => {
    expect(problems(withRule('rules/en/en-employer-keeps-passport.yaml', good.replace(/^source:[\s\S]*?(?=^keywords)/m, ''))).join('\n')).toContain('`source` must list at least one source');
    expect(problems(withRule('rules/en/en-x.yaml', 'id: [unclosed')).join('\n')).toMatch(/^rules\/en\/en-x\.yaml: not valid YAML/m);
  });
});
