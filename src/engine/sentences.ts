// The unit the matchers see: the sentence (or line, or bullet), at most a few hundred
// characters, so nothing expensive ever runs over a whole page.
import { isWordChar } from './prefilter';

/** A run without any break is cut into pieces of about this length (at a space when there is one). */
const MAX_SENTENCE = 600;
const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof st sr jr mt no nr vs approx e.g i.e tel ул г тел тыс руб млн млрд коп мес чел им д кв'.split(' '),
);

/** Characters that end a sentence; a full stop only when a space or the end follows. */
export const BREAK_UNITS = '\n!?。！？•|।။.'; // ။ Burmese full stop (၊ is its comma: a clause break)
const BREAKS = new RegExp(`[${BREAK_UNITS}]`, 'g');

/** A full stop ends a sentence unless it is the dot of a title or abbreviation ("Mrs. Grace", "e.g. this"). */
function endsSentence(t: string, i: number): boolean {
  const n = t.charCodeAt(i + 1);
  if (!(Number.isNaN(n) || n === 0x20 || n === 0x0a || n === 0x09)) return false; // "$1.500"
  let a = i;
  while (a > 0 && i - a < 7 && (isWordChar(t.charCodeAt(a - 1)) || t.charCodeAt(a - 1) === 0x2e)) a--;
  if (i - a >= 7 || i === a) return true;
  return !ABBREVIATIONS.has(t.slice(a, i).toLowerCase());
}

/**
 * Where the sentences of `t` start, with t.length last: sentence k is [b[k], b[k + 1]). A break
 * character ends the sentence it closes; a run without any is cut into pieces. `breaks`: where
 * the BREAK_UNITS of t are, in order, when a pass over t has noted them already.
 */
export function sentenceBounds(t: string, breaks?: { count: number; at: Int32Array }): Int32Array {
  const out: number[] = [0];
  let last = 0;
  const cut = (until: number) => {
    // A page without punctuation (a long list): cut after a space near the limit, or at it.
    while (until - last > MAX_SENTENCE) {
      const space = t.lastIndexOf(' ', last + MAX_SENTENCE - 1);
      last = space > last + MAX_SENTENCE / 2 ? space + 1 : last + MAX_SENTENCE;
      out.push(last);
    }
  };
  const end = (i: number) => {
    if (t.charCodeAt(i) === 0x2e && !endsSentence(t, i)) return;
    cut(i + 1);
    out.push((last = i + 1));
  };
  if (breaks) for (let k = 0; k < breaks.count; k++) end(breaks.at[k]!);
  else {
    BREAKS.lastIndex = 0;
    // test(), not exec(): no match object per break. Each match is one unit, just before lastIndex.
    while (BREAKS.test(t)) end(BREAKS.lastIndex - 1);
  }
  cut(t.length);
  if (last !== t.length) out.push(t.length);
  return Int32Array.from(out);
}
