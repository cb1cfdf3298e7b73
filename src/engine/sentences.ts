// The unit the matchers see: the sentence (or line, or bullet) around a keyword, at most a few
// hundred characters, so nothing expensive ever runs over a whole page.

const MAX_REACH = 300;
const ABBREVIATION = /(?:^|[^\p{L}])(?:mr|mrs|ms|dr|prof|st|sr|jr|mt|no|nr|vs|approx|e\.g|i\.e|tel|ул|г|тел|тыс|руб|млн|млрд|коп|мес|чел|им|д|кв)$/iu;

function isBreak(t: string, i: number): boolean {
  const c = t.charCodeAt(i);
  switch (c) {
    case 0x0a: // \n
    case 0x21: // !
    case 0x3f: // ?
    case 0x3002: // 。
    case 0xff01: // ！
    case 0xff1f: // ？
    case 0x2022: // •
    case 0x7c: // |
    case 0x0964: // ।
    case 0x104b: // ။ Burmese full stop (၊ is its comma: a clause break, not a sentence break)
      return true;
    case 0x2e: {
      // A full stop ends a sentence when a space or the end follows ("$1.500" does not), and it
      // is not the dot of a title or abbreviation ("Mrs. Grace", "e.g. this").
      const n = t.charCodeAt(i + 1);
      if (!(Number.isNaN(n) || n === 0x20 || n === 0x0a || n === 0x09)) return false;
      return !ABBREVIATION.test(t.slice(Math.max(0, i - 6), i));
    }
    default:
      return false;
  }
}

/** [start, end) of the sentence around `pos` in `t`. */
export function sentenceAround(t: string, pos: number): [number, number] {
  let s = pos;
  const minS = Math.max(0, pos - MAX_REACH);
  while (s > minS && !isBreak(t, s - 1)) s--;
  let e = pos;
  const maxE = Math.min(t.length, pos + MAX_REACH);
  while (e < maxE && !isBreak(t, e)) e++;
  if (e < t.length && isBreak(t, e)) e++;
  return [s, e];
}
