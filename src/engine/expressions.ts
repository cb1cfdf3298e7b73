// Rule and language expressions as V8 runs them best. V8 compiles [\p{L}\p{N}] to some 7 kB of
// machine code each time it appears, and stops optimising regular expressions once a process
// holds 16 MB of machine code: \p{L} and \p{N} are written as the pack's ranges of the letters and
// digits of the scripts the rules read, and the u flag is set only where an expression still
// needs it (without it V8 makes about half the code).

/** The letters (\p{L}) and digits (\p{N}) of the scripts the rules read, as character-class bodies. */
export interface WordUnits {
  letters: string;
  numbers: string;
}

/**
 * `src` with \p{L} and \p{N} written as those ranges: `\p{L}*` → `[…]*`, `[^\p{L}]` → `[^…]`.
 * Other properties, and \P{…} inside a class, stay as written (and keep the u flag).
 */
export function narrowProperties(src: string, units: WordUnits): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      const m = /^\\([pP])\{(L|N)\}/.exec(src.slice(i, i + 5));
      if (m && !(inClass && m[1] === 'P')) {
        const ranges = m[2] === 'L' ? units.letters : units.numbers;
        out += inClass ? ranges : `[${m[1] === 'P' ? '^' : ''}${ranges}]`;
        i += 4;
      } else {
        out += src.slice(i, i + 2);
        i++;
      }
      continue;
    }
    if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass) inClass = false;
    out += c;
  }
  return out;
}

/**
 * The u flag is needed only for \p{…}, \u{…} or a character beyond the BMP. Without it, matches
 * are the same except that such a character (an emoji) counts as two in a bounded repeat.
 */
const NEEDS_UNICODE = /\\[pP]\{|\\u\{|\\u[dD][89a-fA-F]|[\ud800-\udfff]/;
export function needsUnicode(source: string): boolean {
  return NEEDS_UNICODE.test(source);
}

/** A rule pattern (lowercase text, every match: flag g). */
export function patternRegExp(source: string, units: WordUnits): RegExp {
  const src = narrowProperties(source, units);
  return new RegExp(src, needsUnicode(src) ? 'gu' : 'g');
}

/** A language file's cue, negation or caution expression (any case: flag i). */
export function languageRegExp(source: string, flags: 'i' | 'gi', units: WordUnits): RegExp {
  const src = narrowProperties(source, units);
  return new RegExp(src, needsUnicode(src) ? `${flags}u` : flags);
}
