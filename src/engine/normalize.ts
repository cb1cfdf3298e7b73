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

import { isWordChar, Prefilter } from './prefilter';

export interface Normalized {
  /**
   * De-obfuscated text that the rules see. Letters keep their case (compare case-insensitively);
   * every unit lowercases to exactly one unit, so a lowercased slice keeps its offsets.
   */
  text: string;
  /** Where each unit of `text` came from in the original. */
  map: OffsetMap;
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
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
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
  pushFrom(n: Normalized, from: number, to: number): void {
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
  finish(): Normalized {
    // Concatenation, not join: V8 flattens the rope once, faster than join for large two-byte text.
    let text = '';
    for (const p of this.parts) text += p;
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

function pass1(src: string, charFold: ReadonlyMap<number, string>): Normalized {
  const out = new Builder();
  const simple = simpleTable(charFold);
  const n = src.length;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j < n && isSimple(simple, src.charCodeAt(j))) j++;
    if (j > i) {
      out.pushIdentity(i === 0 && j === n ? src : src.slice(i, j), i);
      i = j;
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

/** Apply non-overlapping edits (sorted by `from`), mapping each new unit to the replaced span. */
function applyEdits(n: Normalized, edits: Edit[]): Normalized {
  if (edits.length === 0) return n;
  edits.sort((a, b) => a.from - b.from || a.to - b.to);
  const out = new Builder(edits.length * 2 + 16);
  let pos = 0;
  for (const e of edits) {
    if (e.from < pos) continue; // overlapping: the first one wins
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
/** Where Latin letters meet Cyrillic/Greek letters, digits or symbols, or a pictograph sits. */
const SUSPECT = /\uE000|[a-zA-Z\u00c0-\u024f](?=[\u0370-\u04ff0-9@$!])|[\u0370-\u04ff0-9@$!](?=[a-zA-Z\u00c0-\u024f])/g;

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

/** Cheap, non-Unicode look for "x y z" runs: the exact SPACED check only runs where this hits. */
const SPACED_HINT = /(?:^|[^a-zA-Z0-9\u00c0-\u024f\u0370-\u04ff\uac00-\ud7af])[a-zA-Z0-9\u00c0-\uffff](?:[ .\-_*·]{1,3}|\u3000)[a-zA-Z0-9\u00c0-\uffff](?:[ .\-_*·]{1,3}|\u3000)[a-zA-Z0-9\u00c0-\uffff]/g;
const CJK_SPACED = /[\u3400-\u9fff](?:[ \u3000][\u3400-\u9fff]){2,}/g;
const HANGUL = /[\uac00-\ud7af]/;
const SPACE_IN_WORD = /[\uac00-\ud7af\u4e00-\u9fff] (?=[\uac00-\ud7af\u4e00-\u9fff])/g;
const SPACE_RUN = /[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}/g;
const SCALE_WORD = /(?:hundred|thousand|million|grand)(?![a-z])/gi;

/** Aliases are found with the same Aho–Corasick automaton as rule keywords: one pass, any number. */
const aliasMatchers = new WeakMap<NormalizeData['aliases'], { pf: Prefilter; from: string[]; to: string[] } | null>();
function aliasMatcher(aliases: NormalizeData['aliases']) {
  let m = aliasMatchers.get(aliases);
  if (m === undefined) {
    const from = aliases.map(([a]) => a);
    // Word-like aliases match whole words only: "bs" is not inside "lbs".
    const pf = new Prefilter(from, from.map((a) => isWordChar(a.charCodeAt(0))));
    m = aliases.length ? { pf, from, to: aliases.map(([, b]) => b) } : null;
    aliasMatchers.set(aliases, m);
  }
  return m;
}

function pass2(n: Normalized, data: NormalizeData): Normalized {
  const t = n.text;
  const edits: Edit[] = [];

  SPACED_HINT.lastIndex = 0;
  let lastSpacedEnd = -1;
  for (let h: RegExpExecArray | null; (h = SPACED_HINT.exec(t)) !== null; ) {
    SPACED_HINT.lastIndex = h.index + 1;
    if (h.index < lastSpacedEnd) continue;
    // The hint may include the character before the run: try the exact check at both places.
    SPACED_AT.lastIndex = h.index;
    let m = SPACED_AT.exec(t);
    if (!m) {
      SPACED_AT.lastIndex = h.index + 1;
      m = SPACED_AT.exec(t);
    }
    if (m) {
      lastSpacedEnd = m.index + m[0].length;
      const e = spacedEdit(m[0].toLowerCase(), m.index);
      if (e) edits.push(e);
    }
  }
  // Only words where scripts, digits or pictographs meet letters can be obfuscated: find those
  // meeting points with one cheap pass, then look at the whole word around each.
  let lastTokenStart = -1;
  for (const m of t.matchAll(SUSPECT)) {
    let a = m.index;
    while (a > 0 && TOKEN_CHAR.test(t[a - 1]!)) a--;
    if (a <= lastTokenStart) continue;
    let b = m.index + 1;
    while (b < t.length && TOKEN_CHAR.test(t[b]!)) b++;
    lastTokenStart = a;
    const tok = t.slice(a, b).toLowerCase();
    if (tok.includes(PICT)) {
      edits.push(...pictographEdits(tok, a, data.lexicon));
      continue;
    }
    const e = confusableEdit(tok, a) ?? leetEdit(tok, a, data.lexicon);
    if (e) edits.push(e);
  }
  // Chinese never spaces single characters apart: "护 照 统 一 保 管" is one word hidden.
  if (/[\u3400-\u9fff][ \u3000][\u3400-\u9fff][ \u3000][\u3400-\u9fff]/.test(t)) {
    for (const m of t.matchAll(CJK_SPACED)) {
      edits.push({ from: m.index, to: m.index + m[0].length, text: m[0].replace(/[ \u3000]/g, '') });
    }
  }
  // A space between two syllables ("카 톡", "加微 信") goes when the two sides spell a rule word.
  if (/[\uac00-\ud7af\u4e00-\u9fff] [\uac00-\ud7af\u4e00-\u9fff]/.test(t)) {
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
  // Runs of spaces read as one ("C A S I N O   hostesses"), so patterns can use single spaces.
  for (const m of t.matchAll(SPACE_RUN)) edits.push({ from: m.index, to: m.index + m[0].length, text: ' ' });
  if (/[\u3131-\u318e]/.test(t)) {
    for (const m of t.matchAll(JAMO_RUN)) {
      edits.push({ from: m.index, to: m.index + m[0].length, text: composeJamo(m[0]) });
    }
  }
  const out = applyEdits(n, edits);

  // Numbers in words, then aliases, on the de-obfuscated text.
  const late: Edit[] = [];
  const u = out.text;
  SCALE_WORD.lastIndex = 0;
  let lastNumberEnd = -1;
  for (let h: RegExpExecArray | null; (h = SCALE_WORD.exec(u)) !== null; ) {
    const from = Math.max(0, h.index - 80, lastNumberEnd);
    const window = u.slice(from, h.index + 80);
    for (const m of window.matchAll(EN_NUMBER_RUN)) {
      const at = from + m.index;
      if (at > h.index || at + m[0].length < h.index) continue;
      const run = m[0].replace(/[\s-]+$/, '');
      const v = parseEnglishNumber(run);
      if (v !== null && /[a-z]/i.test(run)) {
        late.push({ from: at, to: at + run.length, text: String(v) });
        lastNumberEnd = at + run.length;
        SCALE_WORD.lastIndex = Math.max(SCALE_WORD.lastIndex, lastNumberEnd);
      }
      break;
    }
  }
  if (/[十百千萬万]/.test(u)) {
    for (const m of u.matchAll(ZH_NUMBER_RUN)) {
      const v = parseChineseNumber(m[0]);
      if (v !== null) late.push({ from: m.index, to: m.index + m[0].length, text: String(v) });
    }
  }
  const aliases = aliasMatcher(data.aliases);
  if (aliases) {
    // Leftmost, then longest, never overlapping.
    const hits = aliases.pf.find(u).sort((x, y) => x.at - y.at || aliases.from[y.keyword]!.length - aliases.from[x.keyword]!.length);
    let end = -1;
    for (const h of hits) {
      const len = aliases.from[h.keyword]!.length;
      const after = u.charCodeAt(h.at + len);
      if (h.at < end) continue;
      if (isWordChar(u.charCodeAt(h.at + len - 1)) && isWordChar(after)) continue; // not the end of a word
      late.push({ from: h.at, to: h.at + len, text: aliases.to[h.keyword]! });
      end = h.at + len;
    }
  }
  return applyEdits(out, late);
}

/** Normalise a text for matching; `starts`/`ends` map every unit back to the original. */
export function normalize(src: string, data: NormalizeData): Normalized {
  return pass2(pass1(src, data.charFold ?? NO_FOLD), data);
}

/** Original [start, end) for the normalised range [from, to). The map is monotone. */
export function toOriginal(n: Normalized, from: number, to: number): [number, number] {
  if (n.map.length === 0) return [0, 0];
  if (to <= from) {
    const at = from < n.map.length ? n.map.span(from)[0] : n.map.span(n.map.length - 1)[1];
    return [at, at];
  }
  return [n.map.span(from)[0], n.map.span(to - 1)[1]];
}
