import { describe, expect, it } from 'vitest';
import { languageRegExp, narrowProperties, needsUnicode, patternRegExp } from '../../src/engine/expressions';
import { WORD_UNITS } from '../../src/rulepack/compile';
import { realScanner } from '../helpers/scanner';

describe('expressions as V8 runs them', () => {
  it('asks for the u flag only where the source needs it', () => {
    expect(needsUnicode('passports? (?:kept|held)')).toBe(false);
    expect(needsUnicode('(?<![\\p{L}])visa')).toBe(true);
    expect(needsUnicode('\\u{1f4f1} call')).toBe(true);
    expect(needsUnicode('\\ud83d\\udcf1')).toBe(true);
    expect(needsUnicode('call 📱')).toBe(true);
    expect(needsUnicode('[\\u4e00-\\u9fff]{2}')).toBe(false);
  });
  it('writes \\p{L} and \\p{N} as ranges, so patterns and language cues need no u flag', () => {
    const src = '(?:за рубеж\\p{L}*|(?<![\\p{L}\\d])visa)(?=\\P{N}|$)';
    expect(narrowProperties(src, WORD_UNITS)).not.toMatch(/\\[pP]\{/);
    const re = patternRegExp(src, WORD_UNITS);
    expect(re.flags).toBe('g');
    expect('работа за рубежом, a visa'.match(re)).toEqual(['за рубежом', 'visa']);
    expect('xvisa, ёvisa, visa2'.match(re)).toBeNull();
    expect(languageRegExp(src, 'gi', WORD_UNITS).flags).toBe('gi');
    expect('A VISA'.match(languageRegExp(src, 'gi', WORD_UNITS))).toEqual(['VISA']);
    // Properties other than L and N, and \P{…} inside a class, stay (and keep the u flag).
    expect(narrowProperties('[\\P{L}]\\p{Lu}', WORD_UNITS)).toBe('[\\P{L}]\\p{Lu}');
    expect(languageRegExp('\\p{Lu}', 'i', WORD_UNITS).flags).toBe('iu');
  });
  it('runs every rule pattern of the real pack without the u flag', () => {
    const { pack } = realScanner();
    const withU = pack.rules.flatMap((r) => r.patterns.filter((p) => patternRegExp(p, pack.wordUnits).unicode).map(() => r.id));
    expect(withU).toEqual([]);
  });
});

describe('the letters and digits of the scripts the rules read', () => {
  const re = new RegExp(`^[${WORD_UNITS.letters}${WORD_UNITS.numbers}]$`);
  const letterOrDigit = /^[\p{L}\p{N}]$/u;
  it('are \\p{L} and \\p{N} in those scripts\' blocks', () => {
    const blocks: [number, number][] = [[0, 0x2ff], [0x370, 0x52f], [0xe00, 0xe7f], [0x1000, 0x109f], [0x1e00, 0x1fff], [0x4e00, 0x9fff], [0xac00, 0xd7af]];
    for (const [from, to] of blocks) {
      for (let c = from; c <= to; c++) {
        const ch = String.fromCharCode(c);
        if (re.test(ch) !== letterOrDigit.test(ch)) throw new Error(`U+${c.toString(16)} differs`);
      }
    }
    expect(re.test('ж')).toBe(true);
    expect(re.test('ộ')).toBe(true);
    expect(re.test('!')).toBe(false);
    expect(re.test('\u0e31')).toBe(false); // a Thai vowel sign is a mark, not a letter
  });
  it('end English matches as before: a longer alternative wins, a letter of another script goes on', () => {
    const scanner = realScanner();
    expect(scanner.scan('Message me on WhatsApp only.').findings.some((f) => f.category === 'off-platform-contact')).toBe(true);
    expect(scanner.scan('Message me on WhatsAppж only.').findings.some((f) => f.quote.includes('WhatsApp'))).toBe(false);
  });
});
