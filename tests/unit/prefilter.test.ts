import { describe, expect, it } from 'vitest';
import { Prefilter } from '../../src/engine/prefilter';

describe('Prefilter', () => {
  const pf = new Prefilter(['passport', 'pass', 'fee', '护照', 'ไลน์'], [true, true, true, false, false]);
  const found = (t: string) => pf.find(t).map((h) => [h.at, ['passport', 'pass', 'fee', '护照', 'ไลน์'][h.keyword]]);
  it('finds overlapping keywords with their start offsets', () => {
    expect(found('your passport')).toEqual([
      [5, 'pass'],
      [5, 'passport'],
    ]);
  });
  it('requires a word start for alphabetic keywords, not for CJK or Thai', () => {
    expect(found('coffee bypass')).toEqual([]);
    expect(found('交护照')).toEqual([[1, '护照']]);
    expect(found('แอดไลน์')).toEqual([[3, 'ไลน์']]);
  });
  it('finds keywords marked as whole words only as whole words', () => {
    const short = new Prefilter(['ig', 'yo'], [true, true], [true, true]);
    expect(short.find('your igloo').length).toBe(0);
    expect(short.find('DM on IG, 18 yo').map((h) => h.at)).toEqual([6, 13]);
  });
  it('finds keywords after a failed partial match', () => {
    expect(found('pas passport, fee')).toEqual([
      [4, 'pass'],
      [4, 'passport'],
      [14, 'fee'],
    ]);
  });
});
