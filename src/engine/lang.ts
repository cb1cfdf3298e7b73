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
  /** Languages whose profile is plain words, and for each of those words its languages. */
  private readonly plainProfiles = new Set<Lang>();
  private readonly wordLangs = new Map<string, Lang[]>();
  /** The first units and the longest length of all those words. */
  private readonly allProfileWords = { first: new Uint8Array(0x10000), longest: 0 };

  constructor(languages: readonly CompiledLanguage[]) {
    for (const l of languages) {
      // Words of letters only: a word with a mark (Thai, Burmese) is not one run of letters.
      if (l.profileWords?.every((w) => /^\p{L}+$/u.test(w))) {
        for (const w of new Set(l.profileWords.map((x) => x.toLowerCase()))) {
          this.allProfileWords.first[w.charCodeAt(0)] = 1;
          this.allProfileWords.longest = Math.max(this.allProfileWords.longest, w.length);
          const langs = this.wordLangs.get(w);
          if (langs) langs.push(l.lang);
          else this.wordLangs.set(w, [l.lang]);
        }
        this.plainProfiles.add(l.lang);
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

  /**
   * Which languages a sentence (lowercase) reads as: two of a language's frequent words. For
   * rules of a language that shares its script with the page's. The word profiles are counted
   * in one pass over the sentence's words, the first time one is asked for.
   */
  reader(sentence: string): (lang: Lang) => boolean {
    let counts: Map<Lang, number> | undefined;
    const byExpression = new Map<Lang, boolean>();
    return (lang) => {
      if (this.plainProfiles.has(lang)) {
        counts ??= this.profileCounts(sentence);
        return (counts.get(lang) ?? 0) >= 2;
      }
      let ok = byExpression.get(lang);
      if (ok === undefined) {
        const re = this.profiles.get(lang);
        if (re) re.lastIndex = 0;
        byExpression.set(lang, (ok = !re || (re.exec(sentence) !== null && re.exec(sentence) !== null)));
      }
      return ok;
    };
  }

  /** How many words of each word profile the sentence has (whole words looked up: only a word that may be a profile word is cut out). */
  private profileCounts(sentence: string): Map<Lang, number> {
    const counts = new Map<Lang, number>();
    const { first, longest } = this.allProfileWords;
    someWord(sentence, (i, j) => {
      if (first[sentence.charCodeAt(i)] === 0 || j - i > longest) return false;
      const langs = this.wordLangs.get(sentence.slice(i, j));
      if (langs) for (const l of langs) counts.set(l, (counts.get(l) ?? 0) + 1);
      return false;
    });
    return counts;
  }

  /** The language of `langs` whose profile matches most often in t (counted up to 500). */
  private best(t: string, langs: Lang[], fallback: Lang): Lang {
    // Languages whose profile is plain words count in one pass over the words of the lowercased
    // text (normalised: that is the expressions' case folding); the others by expression.
    const words = langs.some((l) => this.plainProfiles.has(l)) ? this.profileCounts(t.toLowerCase()) : undefined;
    const counts = langs.map((l) => {
      const re = this.plainProfiles.has(l) ? undefined : this.profiles.get(l);
      if (!re) return Math.min(words?.get(l) ?? 0, 500);
      let n = 0;
      re.lastIndex = 0;
      while (re.exec(t) !== null && n < 500) n++;
      return n;
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
