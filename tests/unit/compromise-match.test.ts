// English rules may confirm with compromise's match syntax, run on the candidate sentence only.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Scanner } from '../../src/engine/scanner';
import { compilePack } from '../../src/rulepack/compile';
import { englishNlp, PROJECT_ROOT } from '../../src/rulepack/load-node';

const file = (path: string) => ({ path, text: readFileSync(`${PROJECT_ROOT}/${path}`, 'utf8') });
const rule = `
id: en-test-money-per-night
category: too-good-to-be-true
lang: en
severity: soft
explanation: A test rule that finds an amount of money earned per night, in any way of writing money.
source:
  - seed: "Victims"
keywords: [earn, make]
match:
  - '(earn|make) #Money+ (a|per|each|every) night'
examples:
  match:
    - "You can earn $400 a night here."
    - "Girls make €500 per night."
  no_match:
    - "You can earn points every night."
`;

describe('compromise match rules', () => {
  const pack = compilePack(
    [file('rules/vocabulary.yaml'), file('rules/languages/en.yaml'), { path: 'rules/en/en-test-money-per-night.yaml', text: rule }],
    { nlp: englishNlp },
  );
  const scanner = new Scanner(pack, { nlp: englishNlp });

  it('finds what the match expression describes, with offsets into the original text', () => {
    const text = 'Hi!\nYou can EARN £350 each night, ask Kim.';
    const f = scanner.scan(text).findings.find((x) => x.rule === 'en-test-money-per-night');
    expect(f).toBeDefined();
    expect(text.slice(f!.start, f!.end)).toBe(f!.quote);
    expect(f!.quote).toMatch(/EARN £350 each night/);
  });

  it('does not fire when compromise does not tag the words as money', () => {
    expect(scanner.scan('You can earn rewards each night.').findings).toEqual([]);
  });

  it('is not run without compromise (the content script never loads it)', () => {
    const bare = new Scanner(pack);
    expect(bare.scan('You can earn $400 a night here.').findings).toEqual([]);
  });
});
