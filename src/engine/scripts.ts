// Scripts as bit masks: which rules can have anything to say about a text at all.
import type { Lang } from './types';

export const LATIN = 1;
export const HAN = 2;
export const HANGUL = 4;
export const THAI = 8;
export const MYANMAR = 16;
export const CYRILLIC = 32;
export const ANY = 63;

export const SCRIPT_OF_LANG = {
  en: LATIN, es: LATIN, id: LATIN, vi: LATIN, zh: HAN, ko: HANGUL, th: THAI, my: MYANMAR, ru: CYRILLIC, mn: CYRILLIC, '*': ANY,
} as const satisfies Record<Lang | '*', number>;

/** The script of one UTF-16 unit, or 0. */
export function scriptOf(c: number): number {
  if (c < 0x80) return (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a ? LATIN : 0;
  if (c <= 0x24f || (c >= 0x1e00 && c <= 0x1eff)) return LATIN;
  if (c >= 0x0400 && c <= 0x04ff) return CYRILLIC;
  if (c >= 0x0e00 && c <= 0x0e7f) return THAI;
  if (c >= 0x1000 && c <= 0x109f) return MYANMAR;
  if ((c >= 0xac00 && c <= 0xd7af) || (c >= 0x3131 && c <= 0x318e)) return HANGUL;
  if ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) return HAN;
  return 0;
}

/** Which scripts a text contains, as a bit mask. */
export function scriptsOf(s: string): number {
  return scriptsIn(s, 0, s.length);
}

/** scriptOf for every UTF-16 unit: the scan below reads whole sentences. */
const SCRIPT = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) SCRIPT[c] = scriptOf(c);

/** Which of the scripts `within` s[from, to) contains (the scan stops when it has found them all). */
export function scriptsIn(s: string, from: number, to: number, within = ANY): number {
  let m = 0;
  for (let i = from; i < to && m !== within; i++) m |= SCRIPT[s.charCodeAt(i)]! & within;
  return m;
}
