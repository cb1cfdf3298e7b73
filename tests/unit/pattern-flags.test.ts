import { describe, expect, it } from 'vitest';
import { patternFlags } from '../../src/engine/pack';
import { languageFlags } from '../../src/engine/kind';
import { narrowProperties, WORD_UNITS } from '../../src/rulepack/compile';
import { realScanner } from '../helpers/scanner';

describe('pattern flags', () => {
  it('asks for the u flag only where the source needs it', () => {
    expect(patternFlags('passports? (?:kept|held)')).toBe('g');
    expect(patternFlags('(?<![\\p{L}])visa')).toBe('gu');
    expect(patternFlags('\\u{1f4f1} call')).toBe('gu');
    expect(patternFlags('\\ud83d\\udcf1')).toBe('gu');
    expect(patternFlags('call 📱')).toBe('gu');
    expect(patternFlags('[\\u4e00-\\u9fff]{2}')).toBe('g');
  });
  it('writes \\p{L} and \\p{N} as ranges, so patterns and language cues need no u flag', () => {
    const src = narrowProperties('(?:за рубеж\\p{L}*|(?<![\\p{L}\\d])visa)(?=\\P{N}|$)');
    expect(src).not.toMatch(/\\[pP]\{/);
    expect(patternFlags(src)).toBe('g');
    expect(languageFlags('gi', src)).toBe('gi');
    const re = new RegExp(src, 'g');
    expect('работа за рубежом, a visa'.match(re)).toEqual(['за рубежом', 'visa']);
    expect('xvisa, ёvisa, visa2'.match(re)).toBeNull();
    // Properties other than L and N, and \\P{…} inside a class, stay (and keep the u flag).
    expect(narrowProperties('[\\P{L}]\\p{Lu}')).toBe('[\\P{L}]\\p{Lu}');
    expect(languageFlags('i', '\\p{Lu}')).toBe('iu');
  });
});

describe('the letters and digits a word ends before', () => {
  const re = new RegExp(`^[${WORD_UNITS}]$`);
  const letterOrDigit = /^[\p{L}\p{N}]$/u;
  it('are \\p{L} and \\p{N} in the blocks of the scripts the rules read', () => {
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
    // "whatsapp" must not match inside a longer word, of Latin or of another script.
    expect(scanner.scan('Message me on WhatsApp only.').findings.some((f) => f.category === 'off-platform-contact')).toBe(true);
    expect(scanner.scan('Message me on WhatsAppж only.').findings.some((f) => f.quote.includes('WhatsApp'))).toBe(false);
  });
});
