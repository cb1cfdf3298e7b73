// Language from the text alone: the script first, then small word profiles where several
// languages share a script (Latin: en, es, id, vi; Cyrillic: ru, mn).
import type { CompiledLanguage } from './pack';
import { LANGS, type Lang } from './types';

const SAMPLE = 20_000;

const letters = new Uint8Array(0x10000); // 0 unknown, 1 letter, 2 not
/** A letter (\p{L}) of the BMP; astral units (surrogates) are not. */
function isLetter(c: number): boolean {
  let v = letters[c]!;
  if (v === 0) letters[c] = v = /\p{L}/u.test(String.fromCharCode(c)) ? 1 : 2;
  return v === 1;
}

export function isLang(x: unknown): x is Lang {
  return typeof x === 'string' && (LANGS as readonly string[]).includes(x);
}

export class LanguageDetector {
  private readonly profiles = new Map<Lang, RegExp>();
  private readonly profileWords = new Map<Lang, { words: Set<string>; first: Uint8Array; longest: number }>();

  constructor(languages: readonly CompiledLanguage[]) {
    for (const l of languages) {
      if (l.profileWords) {
        const words = new Set(l.profileWords.map((w) => w.toLowerCase()));
        const first = new Uint8Array(0x10000);
        for (const w of words) first[w.charCodeAt(0)] = 1;
        this.profileWords.set(l.lang, { words, first, longest: Math.max(...[...words].map((w) => w.length)) });
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
      // Whole words (runs of letters) looked up: much cheaper than the profile's expression.
      const { words, first, longest } = profile;
      let found = 0;
      for (let i = 0; i < sentence.length; ) {
        if (!isLetter(sentence.charCodeAt(i))) {
          i++;
          continue;
        }
        let j = i + 1;
        while (j < sentence.length && isLetter(sentence.charCodeAt(j))) j++;
        // Only a word that may be a profile word is cut out and looked up.
        if (first[sentence.charCodeAt(i)] === 1 && j - i <= longest && words.has(sentence.slice(i, j)) && ++found === 2) return true;
        i = j;
      }
      return false;
    }
    const re = this.profiles.get(lang);
    if (!re) return true;
    re.lastIndex = 0;
    return re.exec(sentence) !== null && re.exec(sentence) !== null;
  }

  private best(t: string, langs: Lang[], fallback: Lang): Lang {
    let best = fallback;
    let bestCount = 0;
    for (const l of langs) {
      const re = this.profiles.get(l);
      if (!re) continue;
      re.lastIndex = 0;
      let n = 0;
      while (re.exec(t) !== null && n < 500) n++;
      if (n > bestCount) {
        best = l;
        bestCount = n;
      }
    }
    return best;
  }
}
