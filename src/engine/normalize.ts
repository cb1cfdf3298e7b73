// Stage 1: see through the tricks people use to slip past filters, and remember where every
// normalised character came from, so findings point into the ORIGINAL text.
//
// Pass 1 (per code point): drop zero-width and format characters, fold full-width and other
// compatibility forms (NFKC), fold squared/circled letters, lowercase, mark pictographs.
// Pass 2 (per word): join spaced letters, fold look-alike letters of the other script, read
// digits-for-letters and emoji-for-letters through the rules' own vocabulary, compose Korean jamo,
// turn money written in words into digits, and apply the alias table (V信 → 微信).

export interface Normalized {
  /** Lowercased, de-obfuscated text that the rules see. */
  text: string;
  /** For each UTF-16 unit of `text`: the original offset where it starts … */
  starts: Int32Array;
  /** … and where it ends (exclusive). */
  ends: Int32Array;
}

export interface NormalizeData {
  /** Single words the rules look for (lowercase): decides what obfuscated tokens mean. */
  lexicon: ReadonlySet<string>;
  /** Literal substitutions applied after the word passes, e.g. ["v信", "微信"]. Lowercase. */
  aliases: ReadonlyArray<readonly [string, string]>;
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

/** Growable output: one UTF-16 unit per slot, with its original span. */
class Builder {
  codes: Uint16Array;
  starts: Int32Array;
  ends: Int32Array;
  length = 0;
  constructor(capacity: number) {
    const n = Math.max(16, capacity);
    this.codes = new Uint16Array(n);
    this.starts = new Int32Array(n);
    this.ends = new Int32Array(n);
  }
  push(code: number, start: number, end: number): void {
    if (this.length === this.codes.length) this.grow();
    const i = this.length++;
    this.codes[i] = code;
    this.starts[i] = start;
    this.ends[i] = end;
  }
  pushString(s: string, start: number, end: number): void {
    for (let k = 0; k < s.length; k++) this.push(s.charCodeAt(k), start, end);
  }
  private grow(): void {
    const n = this.codes.length * 2;
    const c = new Uint16Array(n);
    c.set(this.codes);
    const s = new Int32Array(n);
    s.set(this.starts);
    const e = new Int32Array(n);
    e.set(this.ends);
    this.codes = c;
    this.starts = s;
    this.ends = e;
  }
  finish(): Normalized {
    let text = '';
    const CHUNK = 8192;
    for (let i = 0; i < this.length; i += CHUNK) {
      text += String.fromCharCode.apply(
        null,
        this.codes.subarray(i, Math.min(this.length, i + CHUNK)) as unknown as number[],
      );
    }
    return {
      text,
      starts: this.starts.slice(0, this.length),
      ends: this.ends.slice(0, this.length),
    };
  }
}

function pass1(src: string): Normalized {
  const out = new Builder(src.length + 8);
  for (let i = 0; i < src.length; ) {
    const c = src.charCodeAt(i);
    if (c < 0x80) {
      // ASCII fast path
      out.push(c >= 0x41 && c <= 0x5a ? c + 32 : c, i, i + 1);
      i++;
      continue;
    }
    const cp = src.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    const end = i + w;
    if (isDropped(cp)) {
      // nothing: the span of the neighbours stays exact
    } else if (cp >= 0x0300 && cp <= 0x036f && out.length > 0) {
      // A combining mark (decomposed Vietnamese, for instance): compose with the letter before it.
      const prev = String.fromCharCode(out.codes[out.length - 1]!);
      const composed = (prev + String.fromCharCode(cp)).normalize('NFC');
      if (composed.length === 1) {
        out.codes[out.length - 1] = composed.charCodeAt(0);
        out.ends[out.length - 1] = end;
      }
    } else if (enclosedLetter(cp)) {
      out.push(enclosedLetter(cp), i, end);
    } else if (cp >= 0x1f1e6 && cp <= 0x1f1ff) {
      out.push(0x20, i, end); // regional indicators (flags) are not letters
    } else if (isPictograph(cp)) {
      out.push(PICT_CODE, i, end);
    } else if (cp >= 0x3131 && cp <= 0x318e) {
      out.push(cp, i, end); // compatibility jamo are composed in pass 2
    } else {
      const f = fold(cp);
      for (let k = 0; k < f.length; k++) out.push(f.charCodeAt(k), i, end);
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
  const out = new Builder(n.text.length + 16);
  let pos = 0;
  for (const e of edits) {
    if (e.from < pos) continue; // overlapping: the first one wins
    for (; pos < e.from; pos++) out.push(n.text.charCodeAt(pos), n.starts[pos]!, n.ends[pos]!);
    if (e.to > e.from) {
      const s = n.starts[e.from]!;
      const en = n.ends[e.to - 1]!;
      out.pushString(e.text, s, en);
    }
    pos = e.to;
  }
  for (; pos < n.text.length; pos++) out.push(n.text.charCodeAt(pos), n.starts[pos]!, n.ends[pos]!);
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

const LATIN = /[a-z\u00c0-\u024f]/;
const CYRILLIC = /[\u0400-\u04ff]/;
const GREEK = /[\u0370-\u03ff]/;

/** A character of a word: letters, digits, look-alike symbols and pictograph placeholders. */
const TOKEN_CHAR = /[\p{L}\p{M}\p{N}@$!\uE000]/u;
/** Where Latin letters meet Cyrillic/Greek letters, digits or symbols, or a pictograph sits. */
const SUSPECT = /\uE000|[a-z\u00e0-\u024f](?=[\u0370-\u04ff0-9@$!])|[\u0370-\u04ff0-9@$!](?=[a-z\u00e0-\u024f])/g;

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
  if (!/[a-z]/.test(tok) || !/[0-9@$!]/.test(tok)) return null;
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
const SPACED =
  /(?<![\p{L}\p{N}])(?:[\p{L}\p{N}](?:[ .\-_*·]{1,3}|\u3000)){2,}[\p{L}\p{N}](?![\p{L}\p{N}])/gu;

function spacedEdit(run: string, at: number): Edit | null {
  const chars = run.match(/[\p{L}\p{N}]/gu)!;
  if (chars.length < 3 && !/[\u3400-\u9fff]/.test(run)) return null;
  if (!chars.some((c) => /\p{L}/u.test(c))) return null; // "1 2 3" stays a list
  // Keep real words of one letter apart: "a" and "i" in English are common; require mostly
  // non-word letters or a run of at least 4.
  const words = chars.filter((c) => c === 'a' || c === 'i').length;
  if (chars.length < 4 && words > 0) return null;
  return { from: at, to: at + run.length, text: chars.join('') };
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
  'gu',
);

function parseEnglishNumber(run: string): number | null {
  const words = run.trim().split(/[\s-]+/).filter((w) => w !== 'and');
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

function pass2(n: Normalized, data: NormalizeData): Normalized {
  const t = n.text;
  const edits: Edit[] = [];

  if (/[.\-_*· \u3000]/.test(t)) {
    for (const m of t.matchAll(SPACED)) {
      const e = spacedEdit(m[0], m.index);
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
    const tok = t.slice(a, b);
    if (tok.includes(PICT)) {
      edits.push(...pictographEdits(tok, a, data.lexicon));
      continue;
    }
    const e = confusableEdit(tok, a) ?? leetEdit(tok, a, data.lexicon);
    if (e) edits.push(e);
  }
  if (/[\u3131-\u318e]/.test(t)) {
    for (const m of t.matchAll(JAMO_RUN)) {
      edits.push({ from: m.index, to: m.index + m[0].length, text: composeJamo(m[0]) });
    }
  }
  let out = applyEdits(n, edits);

  // Numbers in words, then aliases, on the de-obfuscated text.
  const late: Edit[] = [];
  const u = out.text;
  if (/(?:hundred|thousand|million|grand|teen|ty)\b/.test(u)) {
    for (const m of u.matchAll(EN_NUMBER_RUN)) {
      const run = m[0].replace(/[\s-]+$/, '');
      const v = parseEnglishNumber(run);
      if (v !== null && /[a-z]/.test(run)) late.push({ from: m.index, to: m.index + run.length, text: String(v) });
    }
  }
  if (/[十百千萬万]/.test(u)) {
    for (const m of u.matchAll(ZH_NUMBER_RUN)) {
      const v = parseChineseNumber(m[0]);
      if (v !== null) late.push({ from: m.index, to: m.index + m[0].length, text: String(v) });
    }
  }
  for (const [from, to] of data.aliases) {
    let k = u.indexOf(from);
    while (k >= 0) {
      late.push({ from: k, to: k + from.length, text: to });
      k = u.indexOf(from, k + from.length);
    }
  }
  out = applyEdits(out, late);
  return out;
}

/** Normalise a text for matching; `starts`/`ends` map every unit back to the original. */
export function normalize(src: string, data: NormalizeData): Normalized {
  return pass2(pass1(src), data);
}

/** Original [start, end) for the normalised range [from, to). */
export function toOriginal(n: Normalized, from: number, to: number): [number, number] {
  if (to <= from) {
    const at = from < n.starts.length ? n.starts[from]! : (n.ends[n.ends.length - 1] ?? 0);
    return [at, at];
  }
  let s = n.starts[from]!;
  let e = n.ends[to - 1]!;
  // Units produced by one replaced span share it; widen to cover the neighbours' spans too.
  for (let k = from; k < to; k++) {
    if (n.starts[k]! < s) s = n.starts[k]!;
    if (n.ends[k]! > e) e = n.ends[k]!;
  }
  return [s, e];
}
