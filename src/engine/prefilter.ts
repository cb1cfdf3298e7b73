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
}

export class Prefilter {
  /**
   * States are numbered so that the root and every state entered by an ASCII character come
   * first (< asciiStates); for those, `ascii` holds complete transitions by character class
   * (failure links already followed), so page text in Latin script walks one flat table.
   */
  private readonly asciiStates: number;
  private readonly ascii: Uint16Array | Int32Array;
  private readonly asciiClass: Uint8Array;
  private readonly width: number;
  /** Sparse transitions of every state, for other characters (CJK, Thai…). */
  private readonly next: Map<number, number>[];
  private readonly fail: Int32Array;
  /** Keywords ending at state s (output links followed): outList[outStart[s] .. outStart[s + 1]). */
  private readonly outStart: Int32Array;
  private readonly outList: Int32Array;
  private readonly lengths: Int32Array;
  private readonly wordStart: Uint8Array;
  private readonly wordEnd: Uint8Array;
  private buffer = { at: new Int32Array(1024), keyword: new Int32Array(1024) };

  /** `wordStart[k]` (`wordEnd[k]`): keyword k counts only where it starts (ends) a word. */
  constructor(keywords: readonly string[], wordStart: readonly boolean[], wordEnd: readonly boolean[] = []) {
    this.lengths = Int32Array.from(keywords, (k) => k.length);
    this.wordStart = Uint8Array.from(keywords, (_, i) => (wordStart[i] ? 1 : 0));
    this.wordEnd = Uint8Array.from(keywords, (_, i) => (wordEnd[i] ? 1 : 0));
    // The trie, with provisional state numbers.
    const next: Map<number, number>[] = [new Map()];
    const outs: number[][] = [[]];
    keywords.forEach((kw, idx) => {
      let st = 0;
      for (let i = 0; i < kw.length; i++) {
        const c = kw.charCodeAt(i);
        let t = next[st]!.get(c);
        if (t === undefined) {
          t = next.length;
          next.push(new Map());
          outs.push([]);
          next[st]!.set(c, t);
        }
        st = t;
      }
      outs[st]!.push(idx);
    });
    // Breadth-first failure links; a state's failure is shallower, so it is complete first.
    const fail = new Int32Array(next.length);
    const order: number[] = [];
    const queue: number[] = [...next[0]!.values()];
    for (let qi = 0; qi < queue.length; qi++) {
      const st = queue[qi]!;
      order.push(st);
      for (const [c, t] of next[st]!) {
        let f = fail[st]!;
        while (f !== 0 && !next[f]!.has(c)) f = fail[f]!;
        const ft = next[f]!.get(c);
        fail[t] = ft !== undefined && ft !== t ? ft : 0;
        outs[t]!.push(...outs[fail[t]!]!);
        queue.push(t);
      }
    }
    // Renumber: root, then ASCII-entered states breadth first, then the rest.
    const enteredByAscii = new Uint8Array(next.length);
    for (const m of next) for (const [c, t] of m) if (c < 128) enteredByAscii[t] = 1;
    const newOrder = [0, ...order.filter((st) => enteredByAscii[st]), ...order.filter((st) => !enteredByAscii[st])];
    const id = new Int32Array(next.length);
    newOrder.forEach((old, k) => (id[old] = k));
    this.asciiStates = 1 + order.filter((st) => enteredByAscii[st]).length;
    this.next = newOrder.map((old) => new Map([...next[old]!].map(([c, t]) => [c, id[t]!])));
    this.fail = Int32Array.from(newOrder, (old) => id[fail[old]!]!);
    this.outStart = new Int32Array(newOrder.length + 1);
    const list: number[] = [];
    newOrder.forEach((old, k) => {
      this.outStart[k] = list.length;
      list.push(...outs[old]!);
    });
    this.outStart[newOrder.length] = list.length;
    this.outList = Int32Array.from(list);
    // ASCII characters that occur in no keyword all lead back to the root: one class for them,
    // one per other character (both cases of a letter share theirs). Smaller rows stay in cache.
    this.asciiClass = new Uint8Array(128);
    let classes = 1;
    for (const kw of keywords) {
      for (let i = 0; i < kw.length; i++) {
        const c = kw.charCodeAt(i);
        if (c < 128 && this.asciiClass[c] === 0) {
          this.asciiClass[c] = classes++;
          if (c >= 0x61 && c <= 0x7a) this.asciiClass[c - 32] = this.asciiClass[c]!;
        }
      }
    }
    const width = (this.width = classes);
    // Every ASCII transition enters an ASCII-entered state, so ids fit 16 bits on any real pack.
    this.ascii = this.asciiStates <= 0xffff ? new Uint16Array(this.asciiStates * width) : new Int32Array(this.asciiStates * width);
    const code = new Int32Array(classes); // a lowercase character of each class
    for (let c = 127; c >= 0; c--) code[this.asciiClass[c]!] = c >= 0x41 && c <= 0x5a ? c + 32 : c;
    for (let st = 0; st < this.asciiStates; st++) {
      this.ascii[st * width] = 0;
      for (let k = 1; k < classes; k++) {
        const t = this.next[st]!.get(code[k]!);
        this.ascii[st * width + k] = t ?? (st === 0 ? 0 : this.ascii[this.fail[st]! * width + k]!);
      }
    }
  }

  /**
   * Every keyword occurrence in `text` (normalised), case-insensitively; with `accept`, only
   * keywords k where accept[k] is 1. The arrays are reused by the next call.
   */
  scan(text: string, accept?: Uint8Array): Hits {
    let { at, keyword } = this.buffer;
    let count = 0;
    let st = 0;
    // Locals, not fields, in the hot loop.
    const ascii = this.ascii;
    const asciiClass = this.asciiClass;
    const width = this.width;
    const asciiStates = this.asciiStates;
    const next = this.next;
    const fail = this.fail;
    const outStart = this.outStart;
    const outList = this.outList;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 128 && st < asciiStates) {
        st = ascii[st * width + asciiClass[c]!]!;
        if (st === 0) continue;
      } else {
        const lc = c < 128 ? (c >= 0x41 && c <= 0x5a ? c + 32 : c) : lowerCode(c);
        let t = next[st]!.get(lc);
        while (t === undefined && st !== 0) {
          st = fail[st]!;
          t = next[st]!.get(lc);
        }
        st = t ?? 0;
        if (st === 0) continue;
      }
      const o1 = outStart[st + 1]!;
      for (let o = outStart[st]!; o < o1; o++) {
        const kw = outList[o]!;
        if (accept !== undefined && accept[kw] === 0) continue;
        const a = i + 1 - this.lengths[kw]!;
        if (this.wordStart[kw] === 1 && a > 0 && isWordChar(text.charCodeAt(a - 1))) continue;
        if (this.wordEnd[kw] === 1 && i + 1 < n && isWordChar(text.charCodeAt(i + 1))) continue;
        if (count === at.length) {
          const grow = (x: Int32Array) => {
            const y = new Int32Array(x.length * 2);
            y.set(x);
            return y;
          };
          at = grow(at);
          keyword = grow(keyword);
          this.buffer = { at, keyword };
        }
        at[count] = a;
        keyword[count++] = kw;
      }
    }
    return { count, at, keyword };
  }

  /** Every keyword occurrence in `text`, as objects (for callers that keep them). */
  find(text: string): KeywordHit[] {
    const h = this.scan(text);
    const out: KeywordHit[] = [];
    for (let k = 0; k < h.count; k++) out.push({ at: h.at[k]!, keyword: h.keyword[k]! });
    return out;
  }
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
