// Stage 1: see through the tricks people use to slip past filters, and remember where every
// normalised character came from, so findings point into the ORIGINAL text.
//
// Pass 1 (per code point): drop zero-width and format characters, fold full-width and other
// compatibility forms (NFKC), fold squared/circled letters, mark pictographs. Ordinary letters keep
// their case: the text is compared case-insensitively, and a page that needs no folding is not
// copied at all.
// Pass 2 (per word): join spaced letters, fold look-alike letters of the other script, read
// digits-for-letters and emoji-for-letters through the rules' own vocabulary, compose Korean jamo,
// turn money written in words into digits, and apply the alias table (V信 → 微信).

import { grow, isWordChar, lowerCode } from './prefilter';
import { LATIN as LATIN_SCRIPT, scriptOf, scriptsOf } from './scripts';

/** A text and where each of its units came from. */
export interface Mapped {
  text: string;
  map: OffsetMap;
}

export interface Normalized extends Mapped {
  /**
   * De-obfuscated text that the rules see. Letters keep their case (compare case-insensitively);
   * every unit lowercases to exactly one unit, so a lowercased slice keeps its offsets.
   */
  text: string;
  /** Where each unit of `text` came from in the original. */
  map: OffsetMap;
  /** The scripts of `text` (bit mask, see scripts.ts), perhaps a few more. */
  scripts: number;
}

/**
 * Normalised offset → original span, as segments: an "identity" segment maps unit k to
 * [orig + k, orig + k + 1); a "span" segment maps all its units to one original span (a folded
 * or replaced piece). Most text is a few identity segments, so nothing is stored per character.
 */
export class OffsetMap {
  constructor(
    /** Normalised start of each segment, ascending. */
    readonly at: Int32Array,
    readonly orig: Int32Array,
    /** Original end for a span segment; -1 for an identity segment. */
    readonly origEnd: Int32Array,
    readonly count: number,
    readonly length: number,
  ) {}

  /** Index of the segment that holds unit i. */
  segmentAt(i: number): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.at[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Original [start, end) of normalised unit i. */
  span(i: number): [number, number] {
    const k = this.segmentAt(i);
    const e = this.origEnd[k]!;
    if (e >= 0) return [this.orig[k]!, e];
    const o = this.orig[k]! + (i - this.at[k]!);
    return [o, o + 1];
  }
}

export interface NormalizeData {
  /** Single words the rules look for (lowercase): decides what obfuscated tokens mean. */
  lexicon: ReadonlySet<string>;
  /** Literal substitutions applied after the word passes, e.g. ["v信", "微信"]. Lowercase. */
  aliases: ReadonlyArray<readonly [string, string]>;
  /** One character for another, applied in pass 1 (Traditional → Simplified Chinese: 護 → 护). */
  charFold?: ReadonlyMap<number, string>;
}

/** Stands for a pictograph inside a word until pass 2 decides what it was. */
const PICT = '\uE000';
const PICT_CODE = 0xe000;

// ---------------------------------------------------------------------------------------------
// Pass 1

function isDropped(cp: number): boolean {
  return (
    cp === 0x00ad || // soft hyphen
    cp === 0x034f ||
    cp === 0x061c ||
    cp === 0x180e ||
    (cp >= 0x200b && cp <= 0x200f) || // zero-width space/joiners, direction marks
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    cp === 0xfeff ||
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors
    cp === 0x20e3 || // combining enclosing keycap: 3️⃣ reads as 3
    (cp >= 0x1f3fb && cp <= 0x1f3ff) || // skin tones
    (cp >= 0xe0000 && cp <= 0xe01ef) // tags, variation selectors supplement
  );
}

/** Squared, circled and negative-squared Latin capitals (🅰 🅶 🄰 🅐) read as letters. */
function enclosedLetter(cp: number): number {
  if (cp >= 0x1f130 && cp <= 0x1f149) return 0x61 + cp - 0x1f130;
  if (cp >= 0x1f150 && cp <= 0x1f169) return 0x61 + cp - 0x1f150;
  if (cp >= 0x1f170 && cp <= 0x1f189) return 0x61 + cp - 0x1f170;
  return 0;
}

function isPictograph(cp: number): boolean {
  return (
    (cp >= 0x1f000 && cp <= 0x1faff) ||
    (cp >= 0x2600 && cp <= 0x27bf && cp !== 0x2795) ||
    (cp >= 0x2b00 && cp <= 0x2bff) ||
    (cp >= 0x2300 && cp <= 0x23ff) ||
    (cp >= 0x2190 && cp <= 0x21ff) ||
    (cp >= 0x25a0 && cp <= 0x25ff) ||
    cp === 0x3030 ||
    cp === 0x303d ||
    cp === 0x3297 ||
    cp === 0x3299 ||
    cp === 0x00a9 ||
    cp === 0x00ae ||
    cp === 0x2122
  );
}

/** ❌ ✖ ✗ ✘ 🚫 ⛔ ❎ stand for "no" in lists: read as the letter x. */
const CROSS_MARKS = new Set([0x274c, 0x2716, 0x2717, 0x2718, 0x1f6ab, 0x26d4, 0x274e]);

const foldCache = new Map<number, string>();
/** NFKC + lowercase for one non-ASCII code point, cached. */
function fold(cp: number): string {
  let f = foldCache.get(cp);
  if (f === undefined) {
    if (cp === 0x2795) f = '+';
    else if (cp === 0x0130) f = 'i';
    else f = String.fromCodePoint(cp).normalize('NFKC').toLowerCase();
    foldCache.set(cp, f);
  }
  return f;
}

/** Growable output: text pieces plus the segments of their offset map. */
class Builder {
  private parts: string[] = [];
  private at: Int32Array;
  private orig: Int32Array;
  private origEnd: Int32Array;
  private count = 0;
  length = 0;
  /** The last piece, when it is a single unit of its own (a combining mark may join it). */
  private lone = -1;
  constructor(capacity = 64) {
    this.at = new Int32Array(capacity);
    this.orig = new Int32Array(capacity);
    this.origEnd = new Int32Array(capacity);
  }
  private segment(orig: number, origEnd: number): void {
    if (this.count === this.at.length) {
      this.at = grow(this.at);
      this.orig = grow(this.orig);
      this.origEnd = grow(this.origEnd);
    }
    this.at[this.count] = this.length;
    this.orig[this.count] = orig;
    this.origEnd[this.count++] = origEnd;
  }
  /** A string whose units all come from the original span [start, end). */
  pushString(str: string, start: number, end: number): void {
    if (str.length === 0) return;
    this.segment(start, end);
    this.parts.push(str);
    this.length += str.length;
    this.lone = str.length === 1 ? this.parts.length - 1 : -1;
  }
  /** A run that maps one to one onto the original from `start`. */
  pushIdentity(str: string, start: number): void {
    if (str.length === 0) return;
    const k = this.count - 1;
    const extends_ = k >= 0 && this.origEnd[k] === -1 && this.orig[k]! + (this.length - this.at[k]!) === start;
    if (!extends_) this.segment(start, -1);
    this.parts.push(str);
    this.length += str.length;
    this.lone = -1;
  }
  /** Units [from, to) of an earlier result, keeping their origins. */
  pushFrom(n: Mapped, from: number, to: number): void {
    if (to <= from) return;
    const m = n.map;
    let i = from;
    while (i < to) {
      const lo = m.segmentAt(i);
      const segEnd = Math.min(to, lo + 1 < m.count ? m.at[lo + 1]! : m.length);
      const piece = n.text.slice(i, segEnd);
      if (m.origEnd[lo]! >= 0) this.pushString(piece, m.orig[lo]!, m.origEnd[lo]!);
      else this.pushIdentity(piece, m.orig[lo]! + (i - m.at[lo]!));
      i = segEnd;
    }
    this.lone = -1;
  }
  /** The last unit if it was pushed alone, else ''. */
  lastChar(): string {
    return this.lone >= 0 ? this.parts[this.lone]! : '';
  }
  replaceLast(ch: string, end: number): void {
    this.parts[this.lone] = ch;
    this.origEnd[this.count - 1] = end;
  }
  finish(): Mapped {
    // A flat string (join), not a rope (+=): the next passes read it character by character,
    // which is several times slower on a rope of many pieces.
    const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    return { text, map: new OffsetMap(this.at, this.orig, this.origEnd, this.count, this.length) };
  }
}

/** 1: the unit stays as it is (most text); 2: it needs the slow path. One table per char fold. */
const simpleTables = new WeakMap<object, Uint8Array>();
const NO_FOLD = new Map<number, string>();
function simpleTable(charFold: ReadonlyMap<number, string>): Uint8Array {
  let t = simpleTables.get(charFold);
  if (!t) {
    t = new Uint8Array(0x10000);
    for (const c of charFold.keys()) if (c < 0x10000) t[c] = 2;
    simpleTables.set(charFold, t);
  }
  return t;
}
function isSimple(simple: Uint8Array, c: number): boolean {
  let v = simple[c]!;
  if (v === 0) {
    const ch = String.fromCharCode(c);
    const lower = ch.toLowerCase();
    // Thai and Lao sara am (ำ, ຳ) are single letters to their readers; NFKC would split them.
    const ok =
      c === 0x0e33 ||
      c === 0x0eb3 ||
      (!(c >= 0xd800 && c <= 0xdfff) &&
      !isDropped(c) &&
      !isPictograph(c) &&
      !(c >= 0x0300 && c <= 0x036f) &&
      !(c >= 0x3131 && c <= 0x318e) &&
      c !== 0x2795 &&
      lower.length === 1 &&
      lower.normalize('NFKC') === lower);
    v = ok ? 1 : 2;
    simple[c] = v;
  }
  return v === 1;
}

/** Reads as a space: space, tab, the wide and narrow Unicode spaces, and flags (not letters). */
function isSpaceLike(cp: number): boolean {
  return cp === 0x20 || cp === 0x09 || (cp >= 0x1f1e6 && cp <= 0x1f1ff) || (cp > 0x7f && cp < 0x10000 && !isDropped(cp) && fold(cp) === ' ');
}

/**
 * A run of two or more spaces from i (zero-width characters between them do not count):
 * its end, or -1. Runs read as one space, so patterns can use single spaces.
 */
function spaceRunEnd(src: string, i: number): number {
  if (!isSpaceLike(src.codePointAt(i)!)) return -1;
  let count = 0;
  let end = -1;
  for (let k = i; k < src.length; ) {
    const cp = src.codePointAt(k)!;
    const next = k + (cp > 0xffff ? 2 : 1);
    if (isSpaceLike(cp)) {
      count++;
      end = next;
    } else if (!isDropped(cp)) break;
    k = next;
  }
  return count >= 2 ? end : -1;
}

/**
 * Where a scan of simple text must look again: a unit past ASCII, or a space or tab before
 * another or before a unit past ASCII. Every other ASCII unit stays as it is, unless a character fold names one (the folds are
 * Traditional → Simplified Chinese: none does).
 */
const PAST_PLAIN_ASCII = /[^\0-\x7f]|[ \t](?=[ \t\u0080-\uffff])/g;

function pass1(src: string, charFold: ReadonlyMap<number, string>): Mapped {
  const out = new Builder();
  const simple = simpleTable(charFold);
  const skipAscii = simple.subarray(0, 0x80).indexOf(2) === -1; // no fold of an ASCII unit
  const n = src.length;
  for (let i = 0; i < n; ) {
    let j = i;
    for (; j < n; j++) {
      let c = src.charCodeAt(j);
      // A Latin letter starts a stretch of plain ASCII, mostly: the expression finds its end
      // several times faster than this loop.
      if (skipAscii && ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a)) {
        PAST_PLAIN_ASCII.lastIndex = j;
        j = PAST_PLAIN_ASCII.exec(src)?.index ?? n;
        if (j === n) break;
        c = src.charCodeAt(j);
      }
      if (!isSimple(simple, c)) break;
      // A space stays as it is unless a run of them starts here.
      if (c === 0x20 || c === 0x09) {
        const d = src.charCodeAt(j + 1);
        if ((d === 0x20 || d === 0x09 || (j + 1 < n && !isSimple(simple, d))) && spaceRunEnd(src, j) > 0) break;
      }
    }
    if (j > i) {
      out.pushIdentity(i === 0 && j === n ? src : src.slice(i, j), i);
      i = j;
      continue;
    }
    const run = spaceRunEnd(src, i);
    if (run > 0) {
      out.pushString(' ', i, run);
      i = run;
      continue;
    }
    const cp = src.codePointAt(i)!;
    const end = i + (cp > 0xffff ? 2 : 1);
    const folded = charFold.get(cp);
    if (folded !== undefined) {
      out.pushString(folded, i, end);
    } else if (isDropped(cp)) {
      // nothing: the spans of the neighbours stay exact
    } else if (cp >= 0x0300 && cp <= 0x036f) {
      // A combining mark (decomposed Vietnamese, for instance): compose with the letter before it.
      const prev = out.lastChar();
      const composed = prev ? (prev + String.fromCharCode(cp)).normalize('NFC') : '';
      if (composed.length === 1) out.replaceLast(composed, end);
    } else if (enclosedLetter(cp)) {
      out.pushString(String.fromCharCode(enclosedLetter(cp)), i, end);
    } else if (cp >= 0x1f1e6 && cp <= 0x1f1ff) {
      out.pushString(' ', i, end); // regional indicators (flags) are not letters
    } else if (cp === 0x1f427) {
      out.pushString('qq', i, end); // 🐧 is QQ's mascot, written for its name
    } else if (CROSS_MARKS.has(cp)) {
      out.pushString('x', i, end); // "passport taken ❌" is written for "passport taken: no"
    } else if (isPictograph(cp)) {
      out.pushString(PICT, i, end);
    } else if (cp >= 0x3131 && cp <= 0x318e) {
      out.pushString(String.fromCharCode(cp), i, end); // compatibility jamo are composed in pass 2
    } else {
      out.pushString(fold(cp), i, end);
    }
    i = end;
  }
  return out.finish();
}

// ---------------------------------------------------------------------------------------------
// Pass 2: edits on the pass-1 text, each replacing a span with new text.

interface Edit {
  from: number;
  to: number;
  text: string;
}

/** The edits that apply, in order: of overlapping ones the first wins. */
function settle(edits: Edit[]): Edit[] {
  edits.sort((a, b) => a.from - b.from || a.to - b.to);
  const kept: Edit[] = [];
  let pos = 0;
  for (const e of edits) {
    if (e.from < pos) continue;
    kept.push(e);
    pos = e.to;
  }
  return kept;
}

/** Apply edits (settled), mapping each new unit to the replaced span. */
function applyEdits(n: Mapped, kept: readonly Edit[]): Mapped {
  if (kept.length === 0) return n;
  const out = new Builder(kept.length * 2 + 16);
  let pos = 0;
  for (const e of kept) {
    out.pushFrom(n, pos, e.from);
    if (e.to > e.from && e.text) out.pushString(e.text, n.map.span(e.from)[0], n.map.span(e.to - 1)[1]);
    pos = e.to;
  }
  out.pushFrom(n, pos, n.text.length);
  return out.finish();
}

const CYR_TO_LAT: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', і: 'i', ј: 'j', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p',
  с: 'c', т: 't', у: 'y', х: 'x', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l', ү: 'y',
  α: 'a', β: 'b', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x',
  μ: 'u', η: 'n', ω: 'w',
};
const LAT_TO_CYR: Record<string, string> = {
  a: 'а', b: 'в', e: 'е', k: 'к', m: 'м', h: 'н', o: 'о', p: 'р', c: 'с', t: 'т', y: 'у',
  x: 'х', i: 'і',
};
const LEET: Record<string, string> = {
  '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '@': 'a', $: 's', '!': 'i',
};

const LATIN = /[a-zA-Z\u00c0-\u024f]/;
const CYRILLIC = /[\u0400-\u04ff]/;
const GREEK = /[\u0370-\u03ff]/;

/** A character of a word: letters, digits, look-alike symbols and pictograph placeholders. */
const TOKEN_CHAR = /[\p{L}\p{M}\p{N}@$!\uE000]/u;

function confusableEdit(tok: string, at: number): Edit | null {
  let lat = 0;
  let cyr = 0;
  for (const ch of tok) {
    if (LATIN.test(ch)) lat++;
    else if (CYRILLIC.test(ch) || GREEK.test(ch)) cyr++;
  }
  if (lat === 0 || cyr === 0) return null;
  let fixed = '';
  if (lat >= cyr) {
    for (const ch of tok) fixed += CYRILLIC.test(ch) || GREEK.test(ch) ? (CYR_TO_LAT[ch] ?? ch) : ch;
  } else {
    for (const ch of tok) fixed += LATIN.test(ch) ? (LAT_TO_CYR[ch] ?? ch) : ch;
  }
  return fixed === tok ? null : { from: at, to: at + tok.length, text: fixed };
}

function inLexicon(word: string, lexicon: ReadonlySet<string>): boolean {
  return lexicon.has(word) || (word.endsWith('s') && lexicon.has(word.slice(0, -1)));
}

/** Digits or symbols standing for letters: p4ssp0rt, fr33, v1sa, tele9ram — only if it spells a rule word. */
function leetEdit(tok: string, at: number, lexicon: ReadonlySet<string>): Edit | null {
  if (!/[a-zA-Z]/.test(tok) || !/[0-9@$!]/.test(tok)) return null;
  let plain = '';
  for (const ch of tok) plain += LEET[ch] ?? ch;
  if (plain !== tok && inLexicon(plain, lexicon)) return { from: at, to: at + tok.length, text: plain };
  return null;
}

const byLength = new WeakMap<ReadonlySet<string>, Map<number, string[]>>();
function lexiconOfLength(lexicon: ReadonlySet<string>, n: number): string[] {
  let m = byLength.get(lexicon);
  if (!m) {
    m = new Map();
    for (const w of lexicon) {
      const list = m.get(w.length) ?? [];
      list.push(w);
      m.set(w.length, list);
    }
    byLength.set(lexicon, m);
  }
  return m.get(n) ?? [];
}

/** A pictograph inside a word: a stand-in letter (D🌸ncers) or decoration (模🈶特). */
function pictographEdits(tok: string, at: number, lexicon: ReadonlySet<string>): Edit[] {
  const spaceless = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\u0e00-\u0e7f\u1000-\u109f]/;
  const parts = tok.split(PICT);
  const letters = parts.join('');
  if (letters.length === 0) return [{ from: at, to: at + tok.length, text: ' '.repeat(tok.length) }];
  if (spaceless.test(letters)) return [{ from: at, to: at + tok.length, text: letters }];
  if (/\p{L}/u.test(letters) && letters.length >= 2) {
    // Each placeholder stands for one letter: find the rule word it spells.
    const candidates = lexiconOfLength(lexicon, tok.length);
    for (const w of candidates) {
      let ok = true;
      for (let k = 0; k < tok.length && ok; k++) {
        if (tok[k] !== PICT && tok[k] !== w[k]) ok = false;
      }
      if (ok) return [{ from: at, to: at + tok.length, text: w }];
    }
    if (inLexicon(letters, lexicon)) return [{ from: at, to: at + tok.length, text: letters }];
  }
  // Otherwise a pictograph is just a separator.
  return [{ from: at, to: at + tok.length, text: tok.replaceAll(PICT, ' ') }];
}

/** "T e l e g r a m", "W.h.a.t.s.A.p.p", "m t 1 6 8", "微 信": single characters with gaps. */
const SPACED_AT =
  /(?<![\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Hangul}\p{N}])(?:[\p{L}\p{N}](?:[ .\-_*·]{1,3}|\u3000)){2,}[\p{L}\p{N}](?![\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Hangul}\p{N}])/uy;

function spacedEdit(run: string, at: number): Edit | null {
  // Thai, Lao, Burmese and Khmer letters carry their vowels as marks: "ม.4-ม.6" is not spacing.
  if (/[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]/.test(run)) return null;
  const chars = run.match(/[\p{L}\p{N}]/gu)!;
  if (chars.length < 3 && !/[\u3400-\u9fff]/.test(run)) return null;
  if (!chars.some((c) => /\p{L}/u.test(c))) return null; // "1 2 3" stays a list
  // Keep real words of one letter apart: "a" and "i" in English are common; require mostly
  // non-word letters or a run of at least 4.
  const words = chars.filter((c) => c === 'a' || c === 'i').length;
  if (chars.length < 4 && words > 0) return null;
  const joined = chars.join('');
  return { from: at, to: at + run.length, text: /[\u3131-\u318e]/.test(joined) ? composeJamo(joined) : joined };
}

// Korean compatibility jamo (ㅋㅏㅋㅏㅇ) composed into syllables.
const CHO = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
const JUNG = 'ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ';
const JONG = ' ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ';
const JAMO_RUN = /[\u3131-\u318e](?:[\s]?[\u3131-\u318e])+/g;

function composeJamo(run: string): string {
  const j = run.replace(/\s/g, '');
  let out = '';
  for (let k = 0; k < j.length; ) {
    const l = CHO.indexOf(j[k]!);
    const v = k + 1 < j.length ? JUNG.indexOf(j[k + 1]!) : -1;
    if (l >= 0 && v >= 0) {
      let t = 0;
      let used = 2;
      const next = j[k + 2];
      const after = j[k + 3];
      if (next !== undefined && JONG.indexOf(next) > 0 && !(after !== undefined && JUNG.includes(after))) {
        t = JONG.indexOf(next);
        used = 3;
      }
      out += String.fromCharCode(0xac00 + (l * 21 + v) * 28 + t);
      k += used;
    } else {
      out += j[k];
      k++;
    }
  }
  return out;
}

// Money and numbers written in words.
const EN_UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50,
  sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const EN_SCALES: Record<string, number> = { hundred: 100, thousand: 1000, million: 1e6, grand: 1000 };
const EN_NUMBER_RUN = new RegExp(
  `(?<![\\p{L}])(?:(?:${Object.keys(EN_UNITS).join('|')}|${Object.keys(EN_SCALES).join('|')}|\\d+)(?:[\\s-]+(?:and[\\s]+)?|(?=[^\\p{L}\\d])|$)){2,}`,
  'giu',
);

function parseEnglishNumber(run: string): number | null {
  const words = run.trim().toLowerCase().split(/[\s-]+/).filter((w) => w !== 'and');
  let total = 0;
  let current = 0;
  let sawScale = false;
  for (const w of words) {
    if (w in EN_UNITS) current += EN_UNITS[w]!;
    else if (/^\d+$/.test(w)) current += Number(w);
    else if (w in EN_SCALES) {
      const s = EN_SCALES[w]!;
      sawScale = true;
      if (s === 100) current = (current || 1) * 100;
      else {
        total += (current || 1) * s;
        current = 0;
      }
    } else return null;
  }
  return sawScale || words.length >= 2 ? total + current : null;
}

const ZH_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 兩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const ZH_NUMERAL = new Set([...'零〇一二两兩三四五六七八九十百千萬万'].map((c) => c.charCodeAt(0)));
const ZH_NUMBER_RUN = /[零〇一二两兩三四五六七八九十百千萬万]*[十百千萬万][零〇一二两兩三四五六七八九十百千萬万]*(?=[元块塊美人民币幣+＋以起多每/\s]|$)/g;

function parseChineseNumber(run: string): number | null {
  let total = 0;
  let section = 0;
  let digit = 0;
  let lastUnit = 1;
  for (const ch of run) {
    if (ch in ZH_DIGITS) digit = ZH_DIGITS[ch]!;
    else if (ch === '十' || ch === '百' || ch === '千') {
      const u = ch === '十' ? 10 : ch === '百' ? 100 : 1000;
      section += (digit || (ch === '十' ? 1 : 0)) * u;
      digit = 0;
      lastUnit = u;
    } else if (ch === '万' || ch === '萬') {
      total += (section + digit) * 10000;
      section = 0;
      digit = 0;
      lastUnit = 10000;
    } else return null;
  }
  // 一万五 = 15000: a trailing digit counts in tenths of the last unit.
  const tail = digit && lastUnit >= 100 ? digit * (lastUnit / 10) : digit;
  const n = total + section + tail;
  return n > 0 ? n : null;
}

const CJK_SPACED = /[\u3400-\u9fff](?:[ \u3000][\u3400-\u9fff]){2,}/g;
const HANGUL = /[\uac00-\ud7af]/;
const SPACE_IN_WORD = /[\uac00-\ud7af\u4e00-\u9fff] (?=[\uac00-\ud7af\u4e00-\u9fff])/g;

// One pass over the text finds where pass 2 has work; the exact (slower) checks run only there.
const LATIN_C = 1;
const DIGIT_C = 2;
const LEET_C = 3;
const CYRGREEK_C = 4;
const PICT_C = 5;
const SPACE_C = 6;
const SEP_C = 7;
const CJK_C = 8;
const HANGUL_C = 9;
const JAMO_C = 10;
const CLASS = new Uint8Array(0x10000);
{
  const set = (from: number, to: number, c: number) => CLASS.fill(c, from, to + 1);
  set(0x41, 0x5a, LATIN_C);
  set(0x61, 0x7a, LATIN_C);
  set(0xc0, 0x24f, LATIN_C);
  set(0x30, 0x39, DIGIT_C);
  for (const c of '@$!') CLASS[c.charCodeAt(0)] = LEET_C;
  set(0x370, 0x4ff, CYRGREEK_C);
  CLASS[PICT_CODE] = PICT_C;
  for (const c of [0x20, 0x09, 0xa0, 0x202f, 0x205f, 0x3000]) CLASS[c] = SPACE_C;
  set(0x2000, 0x200a, SPACE_C);
  for (const c of '.-_*·') CLASS[c.charCodeAt(0)] = SEP_C;
  set(0x3400, 0x9fff, CJK_C);
  set(0xac00, 0xd7af, HANGUL_C);
  set(0x3131, 0x318e, JAMO_C);
}
/** Letters that next to a digit, symbol or the other script may be a disguise (SUSPECT pairs). */
const MIXES_WITH_LATIN = (1 << DIGIT_C) | (1 << LEET_C) | (1 << CYRGREEK_C);

/** A character of a spaced-out run ("T e l e g r a m"): [a-zA-Z0-9\u00c0-\uffff]. */
function spacedChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c >= 0xc0;
}
/** Before a spaced run: not a letter or digit of a script that spaces its words. */
function spacedBoundary(c: number): boolean {
  return !((c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || (c >= 0xc0 && c <= 0x24f) || (c >= 0x370 && c <= 0x4ff) || (c >= 0xac00 && c <= 0xd7af));
}
/** End of the gap after a spaced character (1–3 of " .-_*·", or one ideographic space), or -1. */
function gapEnd(t: string, j: number): number {
  if (t.charCodeAt(j) === 0x3000) return j + 1;
  let k = j;
  while (k < j + 3 && (t.charCodeAt(k) === 0x20 || CLASS[t.charCodeAt(k)] === SEP_C)) k++;
  return k > j ? k : -1;
}
/** "x y z" starts at i: three spaced characters with gaps between them. */
function spacedHint(t: string, i: number): boolean {
  const j = gapEnd(t, i + 1);
  if (j < 0 || !spacedChar(t.charCodeAt(j))) return false;
  const k = gapEnd(t, j + 1);
  return k >= 0 && spacedChar(t.charCodeAt(k));
}

const tokenChars = new Uint8Array(0x10000); // 0 unknown, 1 yes, 2 no
/** A character of a word: letters, marks, digits, look-alike symbols and pictograph placeholders. */
function isTokenChar(c: number): boolean {
  let v = tokenChars[c]!;
  if (v === 0) tokenChars[c] = v = TOKEN_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
  return v === 1;
}

interface Candidates {
  /** Where a spaced run may start (as the old hint regex reported it: the character before, or 0). */
  spaced: number[];
  /** Where Latin letters meet digits, symbols or Cyrillic/Greek letters, or a pictograph sits. */
  suspect: number[];
  /** An ideograph or syllable, a space, another: spaced Chinese or a split Korean word. */
  cjkGap: boolean;
  jamo: boolean;
  /** The scripts of the text (bit mask). */
  scripts: number;
  /** Where a number in words, a Chinese number or an alias may start (see lateEdits). */
  late: number[];
}

function findCandidates(t: string, ix: AliasIndex): Candidates {
  const found: Candidates = { spaced: [], suspect: [], cjkGap: false, jamo: false, scripts: 0, late: [] };
  const late = lateTable(ix);
  const inWord = inWordTable(late);
  const { row: startRow, table: starts, fits: startsFit } = lateStartTable(ix);
  const spaceStartsNothing = late[0x20] === 0;
  const n = t.length;
  let prev = 0;
  let prevCode = -1;
  let prevInWord = 0;
  let scripts = 0;
  for (let i = 0; i < n; i++) {
    const code = t.charCodeAt(i);
    // Most of a page is letters inside words: nothing for pass 2 starts there.
    const w = inWord[code]!;
    if (w === 1 && prevInWord === 1) {
      prevCode = code;
      continue;
    }
    // Nor at an ASCII letter that starts a word, unless it may start a number in words or an
    // alias (three ASCII units after an ASCII non-letter are looked up in one table), or follows
    // a digit or symbol (a disguise).
    if (w === 1 && code < 0x80 && ((MIXES_WITH_LATIN >> prev) & 1) === 0) {
      scripts |= LATIN_SCRIPT;
      const next = t.charCodeAt(i + 1);
      const third = t.charCodeAt(i + 2);
      if (
        (next | third) < 0x80 && prevCode < 0x80 && i + 2 < n && startsFit
          ? starts[(startRow[code]! << 14) | (next << 7) | third] === 1
          : lateCandidate(t, i, code, prevCode, late[code]!, ix)
      ) {
        found.late.push(i);
      }
      prev = LATIN_C;
      prevCode = code;
      prevInWord = 1;
      continue;
    }
    // A space after a word: only after a word of one letter can it be part of a spaced run.
    if (code === 0x20 && prevInWord === 1 && spaceStartsNothing) {
      if ((i < 2 || spacedBoundary(t.charCodeAt(i - 2))) && spacedHint(t, i - 1)) found.spaced.push(i < 2 ? 0 : i - 2);
      prev = SPACE_C;
      prevCode = code;
      prevInWord = 0;
      continue;
    }
    prevInWord = w;
    const c = CLASS[code]!;
    if (code >= 0x80) scripts |= scriptOf(code);
    else if (c === LATIN_C) scripts |= LATIN_SCRIPT;
    if (lateCandidate(t, i, code, prevCode, late[code]!, ix)) found.late.push(i);
    if (c === PICT_C) found.suspect.push(i);
    else if (prev === LATIN_C ? (MIXES_WITH_LATIN >> c) & 1 : c === LATIN_C && (MIXES_WITH_LATIN >> prev) & 1) found.suspect.push(i - 1);
    if ((c === SPACE_C || c === SEP_C) && spacedChar(prevCode) && (i < 2 || spacedBoundary(t.charCodeAt(i - 2))) && spacedHint(t, i - 1)) {
      found.spaced.push(i < 2 ? 0 : i - 2);
    }
    if ((c === CJK_C || c === HANGUL_C) && (prevCode === 0x20 || prevCode === 0x3000) && i >= 2) {
      const b = CLASS[t.charCodeAt(i - 2)];
      if (b === CJK_C || b === HANGUL_C) found.cjkGap = true;
    }
    if (c === JAMO_C) found.jamo = true;
    prev = c;
    prevCode = code;
  }
  found.scripts = scripts;
  return found;
}

/**
 * 1 for a Latin letter that, after another one, can start nothing of pass 2: no look-alike mix,
 * no spacing, no alias that starts inside a word, no Chinese number (the fast path above).
 */
const inWordTables = new WeakMap<Uint8Array, Uint8Array>();
function inWordTable(late: Uint8Array): Uint8Array {
  let table = inWordTables.get(late);
  if (!table) {
    table = new Uint8Array(0x10000);
    for (let c = 0; c < 0x10000; c++) {
      if (CLASS[c] === LATIN_C && isWordChar(c) && (late[c]! & (LATE_ALIAS | LATE_ZH)) === 0) table[c] = 1;
    }
    inWordTables.set(late, table);
  }
  return table;
}

/** Aliases by their first unit, longest first. */
interface AliasIndex {
  /** For every unit an alias may start with (either case): the aliases, longest first. */
  first: Map<number, number[]>;
  from: string[];
  to: string[];
  /** Word-like aliases match at a word's start only: "bs" is not inside "lbs". */
  wordLike: boolean[];
  /** First units whose aliases are all word-like: nothing to look for inside a word. */
  allWordLike: Set<number>;
  /** The first two units (lowercase) of every alias, hashed: 1 where one may start. */
  firstPairs: Uint8Array;
  /** The same of every alias of two units. */
  pairs: Uint8Array;
  /** The same of the first three units of longer aliases. */
  triples: Uint8Array;
}
const pairHash = (a: number, b: number) => (Math.imul(a, 31) + b) & 0xffff;
const tripleHash = (a: number, b: number, c: number) => (Math.imul(Math.imul(a, 31) + b, 31) + c) & 0xffff;
const aliasIndexes = new WeakMap<NormalizeData['aliases'], AliasIndex>();
function aliasIndex(aliases: NormalizeData['aliases']): AliasIndex {
  let ix = aliasIndexes.get(aliases);
  if (!ix) {
    const from = aliases.map(([a]) => a);
    const first = new Map<number, number[]>();
    from.forEach((a, k) => {
      const f = a[0]!;
      for (const unit of new Set([f, f.toUpperCase()].filter((x) => x.length === 1))) {
        const list = first.get(unit.charCodeAt(0)) ?? [];
        list.push(k);
        first.set(unit.charCodeAt(0), list);
      }
    });
    for (const list of first.values()) list.sort((x, y) => from[y]!.length - from[x]!.length);
    const wordLike = from.map((a) => isWordChar(a.charCodeAt(0)));
    const allWordLike = new Set([...first].filter(([, ks]) => ks.every((k) => wordLike[k])).map(([unit]) => unit));
    const firstPairs = new Uint8Array(0x10000);
    const pairs = new Uint8Array(0x10000);
    const triples = new Uint8Array(0x10000);
    for (const a of from) {
      const pair = pairHash(a.charCodeAt(0), a.length > 1 ? a.charCodeAt(1) : NaN);
      firstPairs[pair] = 1;
      if (a.length > 2) triples[tripleHash(a.charCodeAt(0), a.charCodeAt(1), a.charCodeAt(2))] = 1;
      else pairs[pair] = 1;
    }
    ix = { first, from, to: aliases.map(([, b]) => b), wordLike, allWordLike, firstPairs, pairs, triples };
    aliasIndexes.set(aliases, ix);
  }
  return ix;
}

/** Does `word` (lowercase) occur in `t` at i, letter case aside? */
function occursAt(t: string, i: number, word: string): boolean {
  if (i + word.length > t.length) return false;
  for (let k = 0; k < word.length; k++) if (lowerCode(t.charCodeAt(i + k)) !== word.charCodeAt(k)) return false;
  return true;
}

/**
 * What a unit may start, for the late pass: a scale word, a Chinese number, an alias at a
 * word's start, an alias anywhere.
 */
const LATE_SCALE = 1;
const LATE_ZH = 2;
const LATE_ALIAS_WORD = 4;
const LATE_ALIAS = 8;
const lateTables = new WeakMap<AliasIndex, Uint8Array>();
function lateTable(ix: AliasIndex): Uint8Array {
  let table = lateTables.get(ix);
  if (!table) {
    table = new Uint8Array(0x10000);
    for (const c of 'hHtTmMgG') table[c.charCodeAt(0)]! |= LATE_SCALE;
    for (const c of '十百千萬万') table[c.charCodeAt(0)]! |= LATE_ZH;
    for (const unit of ix.first.keys()) table[unit]! |= ix.allWordLike.has(unit) ? LATE_ALIAS_WORD : LATE_ALIAS;
    lateTables.set(ix, table);
  }
  return table;
}
/**
 * lateCandidate at a word's start for three ASCII units a, b, c (after an ASCII non-letter):
 * one read where the test reads three units and two tables, and word starts are a sixth of a
 * page's units. Entry (row[a] << 14) | (b << 7) | c; row 0 (units that start nothing) is zeros.
 */
interface LateStarts {
  row: Uint8Array;
  table: Uint8Array;
  /** The table assumes a word starts after a non-word unit: true when every ASCII letter is inside words. */
  fits: boolean;
}
const lateStartTables = new WeakMap<AliasIndex, LateStarts>();
function lateStartTable(ix: AliasIndex): LateStarts {
  let starts = lateStartTables.get(ix);
  if (!starts) {
    const late = lateTable(ix);
    const row = new Uint8Array(0x80);
    let rows = 1;
    for (let a = 0; a < 0x80; a++) if (late[a] !== 0) row[a] = rows++;
    const table = new Uint8Array(rows << 14);
    for (let a = 0; a < 0x80; a++) {
      if (row[a] === 0) continue;
      for (let b = 0; b < 0x80; b++) {
        if (!latePairMay(late[a]!, a, b, ix)) continue; // most pairs: no third unit is asked
        for (let c = 0; c < 0x80; c++) if (lateMayStart(late[a]!, a, b, c, ix)) table[(row[a]! << 14) | (b << 7) | c] = 1;
      }
    }
    const inWord = inWordTable(late);
    let fits = true;
    for (let c = 0x41; c <= 0x7a; c++) if (isWordChar(c) && inWord[c] !== 1) fits = false;
    lateStartTables.set(ix, (starts = { row, table, fits }));
  }
  return starts;
}

/** The second and third letters of each scale word, by its first: a cheap test before the whole word. */
const SCALE_SECOND = new Uint8Array(128);
const SCALE_THIRD = new Uint8Array(128);
SCALE_SECOND[0x68] = 0x75; // hu(ndred)
SCALE_THIRD[0x68] = 0x6e; // hun
SCALE_SECOND[0x74] = 0x68; // th(ousand)
SCALE_THIRD[0x74] = 0x6f; // tho: not "the", "this", "that"
SCALE_SECOND[0x6d] = 0x69; // mi(llion)
SCALE_THIRD[0x6d] = 0x6c; // mil
SCALE_SECOND[0x67] = 0x72; // gr(and)
SCALE_THIRD[0x67] = 0x61; // gra
function scaleWord(lower: number): string {
  return lower === 0x68 ? 'hundred' : lower === 0x74 ? 'thousand' : lower === 0x6d ? 'million' : 'grand';
}

/**
 * Can a number in words, a Chinese number or an alias start at i (`what`: the late-table entry
 * of its unit)? Aliases found anywhere and Chinese numbers may start anywhere; the rest where a
 * word starts (a scale word may follow a digit: "5 thousand").
 */
function lateCandidate(u: string, i: number, code: number, prevCode: number, what: number, ix: AliasIndex): boolean {
  if (what === 0) return false;
  if (!(what & (LATE_ALIAS | LATE_ZH) || !isWordChar(prevCode) || (what & LATE_SCALE && prevCode >= 0x30 && prevCode <= 0x39))) return false;
  return lateMayStart(what, code, u.charCodeAt(i + 1), u.charCodeAt(i + 2), ix);
}

/** lateCandidate where a word may start: by the unit and the two after it. */
function lateMayStart(what: number, code: number, next: number, third: number, ix: AliasIndex): boolean {
  if (what & LATE_ZH) return true;
  if (what & LATE_SCALE && scaleMayStart(code, next, third)) return true;
  return (what & (LATE_ALIAS | LATE_ALIAS_WORD)) !== 0 && aliasMayStart(ix, code, next, third);
}
/** Whether lateMayStart can hold for some third unit. */
function latePairMay(what: number, code: number, next: number, ix: AliasIndex): boolean {
  if (what & LATE_ZH) return true;
  if (what & LATE_SCALE && scalePair(code, next)) return true;
  return (what & (LATE_ALIAS | LATE_ALIAS_WORD)) !== 0 && aliasPair(ix, code, next) >= 0;
}

/** A scale word's first three letters (hun, tho, mil, gra), either case. */
function scaleMayStart(code: number, next: number, third: number): boolean {
  return scalePair(code, next) && (third | 0x20) === SCALE_THIRD[code | 0x20];
}
function scalePair(code: number, next: number): boolean {
  return (next | 0x20) === SCALE_SECOND[code | 0x20];
}

/** The first three units (two for an alias of two) decide whether any alias can start here. */
function aliasMayStart(ix: AliasIndex, code: number, next: number, third: number): boolean {
  const pair = aliasPair(ix, code, next);
  if (pair < 0) return false;
  return ix.pairs[pair] === 1 || ix.triples[tripleHash(lowerCode(code), lowerCode(next), lowerCode(third))] === 1;
}
/** The hash of the first two units when some alias starts with them, else -1. */
function aliasPair(ix: AliasIndex, code: number, next: number): number {
  const pair = pairHash(lowerCode(code), lowerCode(next));
  return ix.firstPairs[pair] === 1 ? pair : -1;
}

/** A letter comes just before i (a digit does not count). */
function afterLetter(u: string, i: number): boolean {
  const prev = i > 0 ? u.charCodeAt(i - 1) : 0x20;
  return isWordChar(prev) && !(prev >= 0x30 && prev <= 0x39);
}

/**
 * The late candidates of `u`, which the edits `kept` (sorted, apart) made of a text whose
 * candidates were `before`. A candidate depends on its unit, the one before it and the two after
 * it, so those away from the edits only move; next to them they are read again. Pass 2 changes a
 * few words of a page ("Company®"), and the page is not read a second time.
 */
function lateCandidatesAfter(u: string, kept: readonly Edit[], before: readonly number[], ix: AliasIndex): number[] {
  const late = lateTable(ix);
  const out: number[] = [];
  let k = 0;
  let delta = 0; // new offset - old offset, between the edits seen so far and the next
  let done = 0; // new offsets below this are decided
  let cleanFrom = 0; // old offset where the stretch that keeps its candidates starts
  const keep = (cleanTo: number) => {
    for (; k < before.length && before[k]! < cleanTo; k++) {
      if (before[k]! >= cleanFrom && before[k]! + delta >= done) out.push(before[k]! + delta);
    }
    done = Math.max(done, cleanTo + delta);
  };
  const reread = (from: number, to: number) => {
    for (let i = Math.max(from, done); i < Math.min(to, u.length); i++) {
      const code = u.charCodeAt(i);
      if (lateCandidate(u, i, code, i > 0 ? u.charCodeAt(i - 1) : -1, late[code]!, ix)) out.push(i);
    }
    done = Math.max(done, to);
  };
  for (const e of kept) {
    const added = e.to > e.from && e.text ? e.text.length : 0; // as applyEdits applies it
    keep(e.from - 2);
    const after = delta + added - (e.to - e.from);
    reread(e.from - 2 + delta, e.to + after + 1);
    delta = after;
    cleanFrom = e.to + 1;
  }
  keep(Number.POSITIVE_INFINITY);
  return out;
}

/** Money and numbers in words, then aliases, on the de-obfuscated text, at the candidates `at`. */
function lateEdits(u: string, ix: AliasIndex, at: readonly number[]): Edit[] {
  const late: Edit[] = [];
  const table = lateTable(ix);
  let lastNumberEnd = -1;
  let aliasEnd = -1;
  const zhUnits: number[] = [];
  const n = u.length;
  for (let k = 0; k < at.length; k++) {
    const i = at[k]!;
    const code = u.charCodeAt(i);
    const what = table[code]!;
    if (what === 0) continue;
    // A number in words starts after a non-letter, so its scale word does too ("5 thousand").
    const next = u.charCodeAt(i + 1);
    const third = u.charCodeAt(i + 2);
    if (what & LATE_SCALE && scaleMayStart(code, next, third) && i >= lastNumberEnd && !afterLetter(u, i)) {
      // hundred, thousand, million, grand — not followed by a letter.
      const w = scaleWord(code | 0x20);
      const after = u.charCodeAt(i + w.length);
      if (occursAt(u, i, w) && !((after | 0x20) >= 0x61 && (after | 0x20) <= 0x7a)) {
        const end = numberAround(u, i, lastNumberEnd, late);
        if (end > 0) lastNumberEnd = end;
      }
    }
    if (what & LATE_ZH) zhUnits.push(i);
    if (!(what & (LATE_ALIAS | LATE_ALIAS_WORD)) || i < aliasEnd) continue;
    const inWord = i > 0 && isWordChar(u.charCodeAt(i - 1));
    if (inWord && !(what & LATE_ALIAS)) continue;
    if (!aliasMayStart(ix, code, next, third)) continue;
    const list = ix.first.get(code)!;
    for (let j = 0; j < list.length; j++) {
      const k = list[j]!;
      if (inWord && ix.wordLike[k]) continue;
      const len = ix.from[k]!.length;
      if (!occursAt(u, i, ix.from[k]!)) continue;
      if (isWordChar(u.charCodeAt(i + len - 1)) && isWordChar(u.charCodeAt(i + len))) continue; // not the end of a word
      late.push({ from: i, to: i + len, text: ix.to[k]! });
      aliasEnd = i + len;
      break;
    }
  }
  // Chinese numbers: the expression runs on the run of numerals around each unit (十, 万…), plus
  // the character after it, not over the whole page.
  let runEnd = -1;
  for (const at of zhUnits) {
    if (at < runEnd) continue;
    let a = at;
    while (a > 0 && ZH_NUMERAL.has(u.charCodeAt(a - 1))) a--;
    runEnd = at + 1;
    while (runEnd < n && ZH_NUMERAL.has(u.charCodeAt(runEnd))) runEnd++;
    for (const m of u.slice(a, runEnd + 1).matchAll(ZH_NUMBER_RUN)) {
      const v = parseChineseNumber(m[0]);
      if (v !== null) late.push({ from: a + m.index, to: a + m.index + m[0].length, text: String(v) });
    }
  }
  return late;
}

/** The number in words around a scale word at `at` ("two thousand five hundred"); its end, or -1. */
function numberAround(u: string, at: number, lastNumberEnd: number, late: Edit[]): number {
  const from = Math.max(0, at - 80, lastNumberEnd);
  const window = u.slice(from, at + 80);
  for (const m of window.matchAll(EN_NUMBER_RUN)) {
    const start = from + m.index;
    if (start > at || start + m[0].length < at) continue;
    const run = m[0].replace(/[\s-]+$/, '');
    const v = parseEnglishNumber(run);
    if (v !== null && /[a-z]/i.test(run)) {
      late.push({ from: start, to: start + run.length, text: String(v) });
      return start + run.length;
    }
    break;
  }
  return -1;
}

function pass2(n: Mapped, data: NormalizeData): Normalized {
  const t = n.text;
  const edits: Edit[] = [];
  const ix = aliasIndex(data.aliases);
  const found = findCandidates(t, ix);

  let lastSpacedEnd = -1;
  for (const h of found.spaced) {
    if (h < lastSpacedEnd) continue;
    // The hint may include the character before the run: try the exact check at both places.
    SPACED_AT.lastIndex = h;
    let m = SPACED_AT.exec(t);
    if (!m) {
      SPACED_AT.lastIndex = h + 1;
      m = SPACED_AT.exec(t);
    }
    if (m) {
      lastSpacedEnd = m.index + m[0].length;
      const e = spacedEdit(m[0].toLowerCase(), m.index);
      if (e) edits.push(e);
    }
  }
  // Only words where scripts, digits or pictographs meet letters can be obfuscated: look at the
  // whole word around each meeting point.
  let lastTokenStart = -1;
  for (const at of found.suspect) {
    let a = at;
    while (a > 0 && isTokenChar(t.charCodeAt(a - 1))) a--;
    if (a <= lastTokenStart) continue;
    let b = at + 1;
    while (b < t.length && isTokenChar(t.charCodeAt(b))) b++;
    lastTokenStart = a;
    const tok = t.slice(a, b).toLowerCase();
    if (tok.includes(PICT)) {
      edits.push(...pictographEdits(tok, a, data.lexicon));
      continue;
    }
    const e = confusableEdit(tok, a) ?? leetEdit(tok, a, data.lexicon);
    if (e) edits.push(e);
  }
  if (found.cjkGap) {
    // Chinese never spaces single characters apart: "护 照 统 一 保 管" is one word hidden.
    for (const m of t.matchAll(CJK_SPACED)) {
      edits.push({ from: m.index, to: m.index + m[0].length, text: m[0].replace(/[ \u3000]/g, '') });
    }
    // A space between two syllables ("카 톡", "加微 信") goes when the two sides spell a rule word.
    for (const m of t.matchAll(SPACE_IN_WORD)) {
      // Inside a longer spaced run, the run starts earlier and wins in applyEdits.
      const sp = m.index + 1;
      const left = t.slice(Math.max(0, sp - 2), sp);
      const right = t.slice(sp + 1, sp + 3);
      // Korean separates words with spaces, so there only two lone syllables join ("카 톡");
      // Chinese never does, so any two sides that spell a rule word join ("加微 信").
      const spells = HANGUL.test(left.slice(-1))
        ? !HANGUL.test(left.slice(0, -1) || ' ') && !HANGUL.test(right.slice(1) || ' ') && data.lexicon.has(left.slice(-1) + right[0])
        : [1, 2].some((l) => [1, 2].some((r) => data.lexicon.has(left.slice(-l) + right.slice(0, r))));
      if (spells) edits.push({ from: sp, to: sp + 1, text: '' });
    }
  }
  if (found.jamo) {
    for (const m of t.matchAll(JAMO_RUN)) {
      edits.push({ from: m.index, to: m.index + m[0].length, text: composeJamo(m[0]) });
    }
  }
  // Numbers in words and aliases, on the de-obfuscated text (read again only if it changed).
  const kept = settle(edits);
  const out = applyEdits(n, kept);
  const late = lateEdits(out.text, ix, kept.length === 0 ? found.late : lateCandidatesAfter(out.text, kept, found.late, ix));
  const result = applyEdits(out, settle(late));
  let scripts = found.scripts;
  for (const e of [...edits, ...late]) scripts |= scriptsOf(e.text);
  return { text: result.text, map: result.map, scripts };
}

/** Normalise a text for matching; `starts`/`ends` map every unit back to the original. */
export function normalize(src: string, data: NormalizeData): Normalized {
  return pass2(pass1(src, data.charFold ?? NO_FOLD), data);
}

/** Original [start, end) for the normalised range [from, to). The map is monotone. */
export function toOriginal(n: Mapped, from: number, to: number): [number, number] {
  if (n.map.length === 0) return [0, 0];
  if (to <= from) {
    const at = from < n.map.length ? n.map.span(from)[0] : n.map.span(n.map.length - 1)[1];
    return [at, at];
  }
  return [n.map.span(from)[0], n.map.span(to - 1)[1]];
}
