// Language from the text alone: the script first, then small word profiles where several
// languages share a script (Latin: en, es, id, vi; Cyrillic: ru, mn).
import type { CompiledLanguage } from './pack';
import { LANGS, type Lang } from './types';

const SAMPLE = 20_000;

const letters = new Uint8Array(0x10000); // 0 unknown, 1 letter, 2 not
const astralLetters = new Map<number, boolean>();
/** The length (1 or 2 units) of the letter (\p{L}) at i, or 0. */
function letterAt(t: string, i: number): number {
  const c = t.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const cp = t.codePointAt(i)!;
    if (cp <= 0xffff) return 0;
    let ok = astralLetters.get(cp);
    if (ok === undefined) astralLetters.set(cp, (ok = /\p{L}/u.test(String.fromCodePoint(cp))));
    return ok ? 2 : 0;
  }
  let v = letters[c]!;
  if (v === 0) letters[c] = v = /\p{L}/u.test(String.fromCharCode(c)) ? 1 : 2;
  return v === 1 ? 1 : 0;
}

/**
 * Calls `visit` with every word of t (a run of letters, as the profiles' `(?<!\p{L})…(?!\p{L})`
 * sees it), in order, until it returns true; says whether it did.
 */
function someWord(t: string, visit: (from: number, to: number) => boolean): boolean {
  for (let i = 0; i < t.length; ) {
    let len = letterAt(t, i);
    if (len === 0) {
      i++;
      continue;
    }
    let j = i + len;
    while (j < t.length && (len = letterAt(t, j)) > 0) j += len;
    if (visit(i, j)) return true;
    i = j;
  }
  return false;
}

export function isLang(x: unknown): x is Lang {
  return typeof x === 'string' && (LANGS as readonly string[]).includes(x);
}

export class LanguageDetector {
  private readonly profiles = new Map<Lang, RegExp>();
  private readonly profileWords = new Map<Lang, { words: Set<string>; first: Uint8Array; longest: number }>();
  /** The first units and the longest length of all those words. */
  private readonly allProfileWords = { first: new Uint8Array(0x10000), longest: 0 };

  constructor(languages: readonly CompiledLanguage[]) {
    for (const l of languages) {
      // Words of letters only: a word with a mark (Thai, Burmese) is not one run of letters.
      if (l.profileWords?.every((w) => /^\p{L}+$/u.test(w))) {
        const words = new Set(l.profileWords.map((w) => w.toLowerCase()));
        const first = new Uint8Array(0x10000);
        let longest = 0;
        for (const w of words) {
          first[w.charCodeAt(0)] = this.allProfileWords.first[w.charCodeAt(0)] = 1;
          longest = Math.max(longest, w.length);
        }
        this.profileWords.set(l.lang, { words, first, longest });
        this.allProfileWords.longest = Math.max(this.allProfileWords.longest, longest);
      }
      if (l.profile) this.profiles.set(l.lang, new RegExp(`(?<![\\p{L}])(?:${l.profile})(?![\\p{L}])`, 'giu'));
    }
  }

  detect(normText: string): Lang {
    const t = normText.length > SAMPLE ? normText.slice(0, SAMPLE) : normText;
    let han = 0, hangul = 0, thai = 0, myan = 0, cyr = 0, latin = 0, viet = 0, mnLetters = 0;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c < 0x80) {
        if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) latin++;
      } else if (c >= 0x4e00 && c <= 0x9fff) han++;
      else if (c >= 0xac00 && c <= 0xd7af) hangul++;
      else if (c >= 0x0e00 && c <= 0x0e7f) thai++;
      else if (c >= 0x1000 && c <= 0x109f) myan++;
      else if (c >= 0x0400 && c <= 0x04ff) {
        cyr++;
        if (c === 0x04e9 || c === 0x04af) mnLetters++; // ө ү
      } else if ((c >= 0x1ea0 && c <= 0x1ef9) || c === 0x0111 || c === 0x0110 || c === 0x01a1 || c === 0x01a0 || c === 0x01b0 || c === 0x01af || c === 0x0103 || c === 0x0102) {
        viet++;
        latin++;
      } else if (c >= 0xc0 && c <= 0x24f) latin++;
    }
    // Ideographs and syllables carry a word's worth each; letters a fraction of one.
    const scores: [Lang | 'latin' | 'cyrillic', number][] = [
      ['zh', han * 3],
      ['ko', hangul * 2.5],
      ['th', thai],
      ['my', myan],
      ['cyrillic', cyr],
      ['latin', latin],
    ];
    scores.sort((a, b) => b[1] - a[1]);
    const top = scores[0]![1] > 0 ? scores[0]![0] : 'latin';
    if (top === 'cyrillic') {
      if (mnLetters >= 2 || mnLetters / Math.max(1, cyr) > 0.01) return 'mn';
      return this.best(t, ['ru', 'mn'], 'ru');
    }
    if (top === 'latin') {
      if (viet >= 3 && viet / Math.max(1, latin) > 0.02) return 'vi';
      return this.best(t, ['en', 'es', 'id', 'vi'], 'en'); // vi too: it is often typed without accents
    }
    return top;
  }

  /** Does this sentence (lowercase) read as `lang` (two of its frequent words)? For rules of a language that shares its script with the page's. */
  speaks(sentence: string, lang: Lang): boolean {
    const profile = this.profileWords.get(lang);
    if (profile) {
      // Whole words looked up: much cheaper than the profile's expression. Only a word that may
      // be a profile word is cut out.
      const { words, first, longest } = profile;
      let found = 0;
      return someWord(
        sentence,
        (i, j) => first[sentence.charCodeAt(i)] === 1 && j - i <= longest && words.has(sentence.slice(i, j)) && ++found === 2,
      );
    }
    const re = this.profiles.get(lang);
    if (!re) return true;
    re.lastIndex = 0;
    return re.exec(sentence) !== null && re.exec(sentence) !== null;
  }

  /** The language of `langs` whose profile matches most often in t (counted up to 500). */
  private best(t: string, langs: Lang[], fallback: Lang): Lang {
    const counts = langs.map(() => 0);
    // Languages whose profile is plain words count in one pass over the words of the lowercased
    // text (normalised: that is the expressions' case folding); the others by expression.
    const byWords = langs.map((l) => this.profileWords.get(l));
    if (byWords.some(Boolean)) {
      const low = t.toLowerCase();
      const { first, longest } = this.allProfileWords;
      someWord(low, (i, j) => {
        if (first[low.charCodeAt(i)] === 0 || j - i > longest) return false;
        const w = low.slice(i, j);
        for (let k = 0; k < langs.length; k++) if (byWords[k]?.words.has(w) && counts[k]! < 500) counts[k]!++;
        return false;
      });
    }
    langs.forEach((l, k) => {
      const re = byWords[k] ? undefined : this.profiles.get(l);
      if (!re) return;
      re.lastIndex = 0;
      while (re.exec(t) !== null && counts[k]! < 500) counts[k]!++;
    });
    let best = fallback;
    let bestCount = 0;
    langs.forEach((l, k) => {
      if (counts[k]! > bestCount) {
        best = l;
        bestCount = counts[k]!;
      }
    });
    return best;
  }
}
