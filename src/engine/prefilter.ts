// Stage 2: one pass over the whole text finds every rule keyword (Aho–Corasick over UTF-16
// units), so the expensive matchers only ever see the few sentences that can match.

export interface KeywordHit {
  /** Offset in the normalised text where the keyword starts. */
  at: number;
  keyword: number;
}

/** Hits in text order of their ends, packed: keyword `keyword[k]` starts at `at[k]`, k < count. */
export interface Hits {
  count: number;
  at: Int32Array;
  keyword: Int32Array;
  /** Where the units given as `marks` are, in order: marks.at[0 .. marks.count). */
  marks: { count: number; at: Int32Array };
}

/** (state, UTF-16 unit) → state, in flat arrays (open addressing): one table for the whole trie. */
class Transitions {
  private readonly from: Int32Array;
  private readonly unit: Int32Array;
  private readonly to: Int32Array;
  private readonly mask: number;
  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.from = new Int32Array(size).fill(-1);
    this.unit = new Int32Array(size);
    this.to = new Int32Array(size);
    this.mask = size - 1;
  }
  private slot(s: number, c: number): number {
    let h = Math.imul(s, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b);
    h ^= h >>> 15;
    return h & this.mask;
  }
  /** The target, or -1. */
  get(s: number, c: number): number {
    for (let h = this.slot(s, c); ; h = (h + 1) & this.mask) {
      const f = this.from[h]!;
      if (f === -1) return -1;
      if (f === s && this.unit[h] === c) return this.to[h]!;
    }
  }
  set(s: number, c: number, t: number): void {
    let h = this.slot(s, c);
    while (this.from[h] !== -1) h = (h + 1) & this.mask;
    this.from[h] = s;
    this.unit[h] = c;
    this.to[h] = t;
  }
}

/**
 * The symbol for "a word starts here", fed before a word character that follows a non-word one.
 * A keyword that must start a word begins with it, so "the" inside "other" is never even a
 * partial match (no check per hit, and the walk stays near the root inside words).
 */
const WORD_START = 0x10000;

/** The keyword as the automaton reads it: its units, with WORD_START before each word start. */
function symbols(kw: string, wordStart: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < kw.length; i++) {
    const c = kw.charCodeAt(i);
    if (isWordChar(c) && (i === 0 ? wordStart : !isWordChar(kw.charCodeAt(i - 1)))) out.push(WORD_START);
    out.push(c);
  }
  return out;
}

/** Per keyword: its length in units, and flags for the checks the automaton leaves to each hit. */
const LENGTH_MASK = 0xfffff;
const CHECK_START = 1 << 20; // must start a word, but starts with a non-word character ("$")
const CHECK_END = 1 << 21; // must end a word

export class Prefilter {
  /**
   * States are numbered so that the root and every state entered by an ASCII character (or a
   * word start) come first (< asciiStates); for those, `ascii` holds complete transitions by
   * character class (failure links already followed), so page text in Latin script walks one
   * flat table.
   */
  private readonly asciiStates: number;
  /** ASCII-entered states below this end no keyword: most of a page's steps, with no lookup. */
  private readonly asciiQuiet: number = 0;
  /** From asciiQuiet to this, every keyword ending there must end a word ("wa" in "want"). */
  private readonly asciiAtWordEnd: number = 0;
  private readonly ascii: Uint16Array | Int32Array;
  private readonly width: number;
  /** The column of WORD_START in `ascii`. */
  private readonly startClass: number;
  /** Every transition of the trie, for other characters (CJK, Thai…). */
  private readonly next: Transitions;
  private readonly fail: Int32Array;
  /**
   * Keywords ending at state s (output links followed), each with its info beside it (one read
   * from memory, not two): keyword outs[o], info outs[o + 1] for o from outStart[s] to
   * outStart[s + 1], in steps of 2.
   */
  private readonly outStart: Int32Array;
  private readonly outs: Int32Array;
  private readonly all: Uint8Array;
  /** 1 for every unit some keyword has (lowercase). */
  private readonly inKeyword = new Uint8Array(0x10000);
  private buffer = { at: new Int32Array(1024), keyword: new Int32Array(1024), marks: new Int32Array(256) };
  /**
   * What the scan needs of each unit, in one read: bit 0 a word character, bit 1 a mark (a unit
   * whose places the scan notes too: sentence breaks, in the same pass), bits 2+ the ASCII class.
   */
  private readonly unitInfo = new Uint16Array(0x10000);

  /** `wordStart[k]` (`wordEnd[k]`): keyword k counts only where it starts (ends) a word. */
  constructor(keywords: readonly string[], wordStart: readonly boolean[], wordEnd: readonly boolean[] = [], marks = '') {
    this.unitInfo.set(WORD);
    for (let i = 0; i < marks.length; i++) this.unitInfo[marks.charCodeAt(i)]! |= 2;
    const info = Int32Array.from(
      keywords,
      (k, i) =>
        k.length |
        (wordStart[i] && !isWordChar(k.charCodeAt(0)) ? CHECK_START : 0) |
        (wordEnd[i] ? CHECK_END : 0),
    );
    this.all = new Uint8Array(keywords.length).fill(1);
    const seqs = keywords.map((k, i) => symbols(k, !!wordStart[i]));
    for (const k of keywords) for (let i = 0; i < k.length; i++) this.inKeyword[k.charCodeAt(i)] = 1;
    // The trie, with provisional state numbers; children as linked lists for the walk below.
    let total = 1;
    for (const k of seqs) total += k.length;
    const trie = new Transitions(total);
    const firstChild = new Int32Array(total).fill(-1);
    const edgeUnit = new Int32Array(total);
    const edgeTo = new Int32Array(total);
    const edgeNext = new Int32Array(total);
    const ownFirst = new Int32Array(total).fill(-1); // keywords ending at a state, linked
    const ownNext = new Int32Array(keywords.length);
    let states = 1;
    seqs.forEach((seq, idx) => {
      let st = 0;
      for (const c of seq) {
        let t = trie.get(st, c);
        if (t < 0) {
          t = states++;
          trie.set(st, c, t);
          edgeUnit[t] = c; // the edge into t, stored at t
          edgeTo[t] = t;
          edgeNext[t] = firstChild[st]!;
          firstChild[st] = t;
        }
        st = t;
      }
      ownNext[idx] = ownFirst[st]!;
      ownFirst[st] = idx;
    });
    // Breadth-first failure links and outputs (a state's failure is shallower: done first).
    const fail = new Int32Array(states);
    const order = new Int32Array(states);
    const outs: number[] = [];
    const outFrom = new Int32Array(states);
    const outTo = new Int32Array(states);
    let head = 0;
    let tail = 1; // order[0] is the root
    const enteredByAscii = new Uint8Array(states);
    for (; head < tail; head++) {
      const st = order[head]!;
      for (let e = firstChild[st]!; e >= 0; e = edgeNext[e]!) {
        const t = edgeTo[e]!;
        const c = edgeUnit[e]!;
        if (c < 128 || c === WORD_START) enteredByAscii[t] = 1;
        let f = st === 0 ? -1 : fail[st]!;
        let ft = -1;
        while (f >= 0) {
          ft = trie.get(f, c);
          if (ft >= 0 || f === 0) break;
          f = fail[f]!;
        }
        fail[t] = ft >= 0 && ft !== t ? ft : 0;
        outFrom[t] = outs.length;
        for (let k = ownFirst[t]!; k >= 0; k = ownNext[k]!) outs.push(k);
        for (let o = outFrom[fail[t]!]!; o < outTo[fail[t]!]!; o++) outs.push(outs[o]!);
        outTo[t] = outs.length;
        order[tail++] = t;
      }
    }
    // Renumber: root, then ASCII-entered states breadth first (those where no keyword ends, then
    // those where only keywords that must end a word do, then the others), then the rest. A
    // state's failure state is shallower and ends some of its keywords, so it still comes first.
    const group = (st: number) => {
      if (outTo[st] === outFrom[st]) return 0;
      for (let o = outFrom[st]!; o < outTo[st]!; o++) if ((info[outs[o]!]! & CHECK_END) === 0) return 2;
      return 1;
    };
    const id = new Int32Array(states);
    let n = 1;
    for (const g of [0, 1, 2]) {
      for (let k = 1; k < states; k++) {
        const st = order[k]!;
        if (enteredByAscii[st] && group(st) === g) id[st] = n++;
      }
      if (g === 0) this.asciiQuiet = n;
      if (g === 1) this.asciiAtWordEnd = n;
    }
    this.asciiStates = n;
    for (let k = 1; k < states; k++) if (!enteredByAscii[order[k]!]) id[order[k]!] = n++;
    this.next = new Transitions(states);
    this.fail = new Int32Array(states);
    this.outStart = new Int32Array(states + 1);
    const byId = new Int32Array(states);
    for (let old = 0; old < states; old++) byId[id[old]!] = old;
    const list: number[] = [];
    for (let k = 0; k < states; k++) {
      const old = byId[k]!;
      this.fail[k] = id[fail[old]!]!;
      this.outStart[k] = list.length;
      for (let o = outFrom[old]!; o < outTo[old]!; o++) list.push(outs[o]!, info[outs[o]!]!);
      for (let e = firstChild[old]!; e >= 0; e = edgeNext[e]!) this.next.set(k, edgeUnit[e]!, id[edgeTo[e]!]!);
    }
    this.outStart[states] = list.length;
    this.outs = Int32Array.from(list);
    // ASCII characters that occur in no keyword all lead back to the root: one class for them,
    // one per other character (both cases of a letter share theirs), one for WORD_START.
    // Smaller rows stay in cache.
    const asciiClass = new Uint8Array(128);
    let classes = 1;
    for (const kw of keywords) {
      for (let i = 0; i < kw.length; i++) {
        const c = kw.charCodeAt(i);
        if (c < 128 && asciiClass[c] === 0) {
          asciiClass[c] = classes++;
          if (c >= 0x61 && c <= 0x7a) asciiClass[c - 32] = asciiClass[c]!;
        }
      }
    }
    this.startClass = classes++;
    for (let c = 0; c < 128; c++) this.unitInfo[c]! |= asciiClass[c]! << 2;
    const width = (this.width = classes);
    const column = (c: number) => (c === WORD_START ? this.startClass : asciiClass[c]!);
    // Every ASCII transition enters an ASCII-entered state, so ids fit 16 bits on any real pack.
    this.ascii = this.asciiStates <= 0xffff ? new Uint16Array(this.asciiStates * width) : new Int32Array(this.asciiStates * width);
    // A state's row is its failure state's row (earlier: shallower, entered by the same
    // character) with its own ASCII children written over it.
    for (let st = 0; st < this.asciiStates; st++) {
      if (st > 0) this.ascii.copyWithin(st * width, this.fail[st]! * width, this.fail[st]! * width + width);
      const old = byId[st]!;
      for (let e = firstChild[old]!; e >= 0; e = edgeNext[e]!) {
        const c = edgeUnit[e]!;
        if (c < 128 || c === WORD_START) this.ascii[st * width + column(c)] = id[edgeTo[e]!]!;
      }
    }
  }

  /** The state after reading `c` (lowercase) in state `st`, off the ASCII table. */
  private step(st: number, c: number): number {
    let t = this.next.get(st, c);
    while (t < 0 && st !== 0) {
      st = this.fail[st]!;
      t = this.next.get(st, c);
    }
    return t < 0 ? 0 : t;
  }

  /**
   * Every keyword occurrence in `text` (normalised), case-insensitively; with `accept`, only
   * keywords k where accept[k] is 1. The arrays are reused by the next call.
   */
  scan(text: string, accept: Uint8Array = this.all): Hits {
    let { at, keyword, marks } = this.buffer;
    let markCount = 0;
    const unitInfo = this.unitInfo;
    let count = 0;
    let st = 0;
    // Locals, not fields, in the hot loop.
    const ascii = this.ascii;
    const width = this.width;
    const startClass = this.startClass;
    const asciiStates = this.asciiStates;
    const asciiQuiet = this.asciiQuiet;
    const asciiAtWordEnd = this.asciiAtWordEnd;
    const outStart = this.outStart;
    const outs = this.outs;
    const inKeyword = this.inKeyword;
    const n = text.length;
    let prevWord = 0;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      const info = unitInfo[c]!;
      const word = info & 1;
      if (word > prevWord) st = st < asciiStates ? ascii[st * width + startClass]! : this.step(st, WORD_START);
      prevWord = word;
      if ((info & 2) !== 0) {
        if (markCount === marks.length) {
          marks = grow(marks);
          this.buffer = { at, keyword, marks };
        }
        marks[markCount++] = i;
      }
      if (c < 128 && st < asciiStates) {
        st = ascii[st * width + (info >> 2)]!;
        if (st < asciiQuiet) continue; // the root, or a state where no keyword ends
        if (st < asciiAtWordEnd && i + 1 < n && WORD[text.charCodeAt(i + 1)] === 1) continue; // inside a word
      } else {
        const u = c < 128 ? (c >= 0x41 && c <= 0x5a ? c + 32 : c) : lowerCode(c);
        // A unit no keyword has leads back to the root from anywhere: most of a Chinese page.
        st = inKeyword[u] === 1 ? this.step(st, u) : 0;
        if (st === 0) continue;
      }
      let o = outStart[st]!;
      const o1 = outStart[st + 1]!;
      if (o === o1) continue;
      const wordAfter = i + 1 < n ? WORD[text.charCodeAt(i + 1)]! : 0;
      for (; o < o1; o += 2) {
        const kw = outs[o]!;
        if (accept[kw] === 0) continue;
        const f = outs[o + 1]!;
        const a = i + 1 - (f & LENGTH_MASK);
        if ((f & CHECK_START) !== 0 && a > 0 && WORD[text.charCodeAt(a - 1)] === 1) continue;
        if ((f & CHECK_END) !== 0 && wordAfter === 1) continue;
        if (count === at.length) {
          at = grow(at);
          keyword = grow(keyword);
          this.buffer = { at, keyword, marks };
        }
        at[count] = a;
        keyword[count++] = kw;
      }
    }
    return { count, at, keyword, marks: { count: markCount, at: marks } };
  }

  /** Every keyword occurrence in `text`, as objects (for callers that keep them). */
  find(text: string): KeywordHit[] {
    const h = this.scan(text);
    const out: KeywordHit[] = [];
    for (let k = 0; k < h.count; k++) out.push({ at: h.at[k]!, keyword: h.keyword[k]! });
    return out;
  }
}

/** A copy of x in an array twice as long. */
export function grow(x: Int32Array): Int32Array<ArrayBuffer> {
  const y = new Int32Array(x.length * 2);
  y.set(x);
  return y;
}

const lowerTable = new Uint16Array(0x10000);
/** The lowercase of one UTF-16 unit when that is one unit (cached), else the unit itself. */
export function lowerCode(c: number): number {
  let l = lowerTable[c]!;
  if (l === 0) {
    const s = String.fromCharCode(c).toLowerCase();
    l = s.length === 1 ? s.charCodeAt(0) : c;
    lowerTable[c] = l;
  }
  return l;
}

/** Letters and digits of alphabetic scripts (not CJK, where words are not separated). */
export function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a);
  return (
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) ||
    (c >= 0x1e00 && c <= 0x1eff) || // Vietnamese
    (c >= 0x370 && c <= 0x52f) || // Greek, Cyrillic
    (c >= 0xac00 && c <= 0xd7af) // Hangul syllables
  );
}

/** isWordChar for every UTF-16 unit, for the prefilter's loop. */
const WORD = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) WORD[c] = isWordChar(c) ? 1 : 0;
