import { describe, expect, it } from 'vitest';
import { Prefilter } from '../../src/engine/prefilter';
import { BREAK_UNITS, sentenceBounds } from '../../src/engine/sentences';

/** The sentences of a text, as strings. */
const split = (t: string) => {
  const b = sentenceBounds(t);
  return Array.from({ length: b.length - 1 }, (_, k) => t.slice(b[k], b[k + 1]));
};

describe('sentenceBounds', () => {
  it('ends a sentence after a full stop, mark or line break, keeping the break with it', () => {
    expect(split('Pay the fee. Then go!\nWe keep your passport? 护照交公司。好的')).toEqual([
      'Pay the fee.', ' Then go!', '\n', 'We keep your passport?', ' 护照交公司。', '好的',
    ]);
  });
  it('does not end one at a decimal point, a title or an abbreviation', () => {
    expect(split('Salary $1.500 a month. Ask Mrs. Grace, e.g. today.')).toEqual(['Salary $1.500 a month.', ' Ask Mrs. Grace, e.g. today.']);
  });
  it('cuts a long run without any break at a space, so no window is unbounded', () => {
    const t = 'word '.repeat(500);
    const parts = split(t);
    expect(parts.join('')).toBe(t);
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThanOrEqual(600);
    expect(parts.slice(0, -1).every((p) => p.endsWith(' '))).toBe(true);
  });
  it('gives the same sentences from the breaks the prefilter noted in its pass', () => {
    const pf = new Prefilter(['fee', 'passport'], [true, true], [], BREAK_UNITS);
    const texts = ['Pay the fee. Then go!\nWe keep your passport? 护照交公司。好的', 'Salary $1.500 a month. Ask Mrs. Grace, e.g. today.', 'word '.repeat(500), 'a|b • c', ''];
    for (const t of texts) {
      const { marks } = pf.scan(t);
      expect(Array.from(marks.at.slice(0, marks.count))).toEqual([...t].flatMap((ch, i) => (BREAK_UNITS.includes(ch) ? [i] : [])));
      expect(Array.from(sentenceBounds(t, marks))).toEqual(Array.from(sentenceBounds(t)));
    }
  });
  it('covers the whole text', () => {
    expect(split('')).toEqual([]);
    expect(split('no break')).toEqual(['no break']);
  });
});
