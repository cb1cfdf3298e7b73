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
  it('still reports a keyword that ends where a whole-word keyword is skipped', () => {
    // "ab" must end a word; "b" ends at the same place and need not: inside "abc" only "b" counts.
    const kws = ['ab', 'b', 'wa'];
    const pf3 = new Prefilter(kws, [false, false, true], [true, false, true]);
    const hits = (t: string) => pf3.find(t).map((h) => `${h.at}:${kws[h.keyword]}`);
    expect(hits('abc')).toEqual(['1:b']);
    expect(hits('ab c')).toEqual(['0:ab', '1:b']);
    expect(hits('want wa')).toEqual(['5:wa']);
    expect(hits('wa')).toEqual(['0:wa']);
  });
  it('finds keywords after a failed partial match', () => {
    expect(found('pas passport, fee')).toEqual([
      [4, 'pass'],
      [4, 'passport'],
      [14, 'fee'],
    ]);
  });
  it('reads word starts inside multi-word keywords and keywords that start with a symbol', () => {
    const kws = ['background check', 'ine', '$5', 'visa-free', 'thẻ'];
    const pf2 = new Prefilter(kws, [true, false, true, true, true]);
    const hits = (t: string) => pf2.find(t).map((h) => `${h.at}:${kws[h.keyword]}`);
    expect(hits('a Background  check, a background check')).toEqual(['23:background check']);
    expect(hits('xbackground check')).toEqual([]);
    expect(hits('mine: INE')).toEqual(['1:ine', '6:ine']);
    expect(hits('pay $5 or a$5')).toEqual(['4:$5']);
    expect(hits('Visa-free, novisa-free')).toEqual(['0:visa-free']);
    expect(hits('THẺ, cáthẻ')).toEqual(['0:thẻ']);
  });
});
