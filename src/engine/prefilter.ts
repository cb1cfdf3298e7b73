// Stage 2: one pass over the whole text finds every rule keyword (Aho–Corasick over UTF-16
// units), so the expensive matchers only ever see the few sentences that can match.

export interface KeywordHit {
  /** Offset in the normalised text where the keyword starts. */
  at: number;
  keyword: number;
}

export class Prefilter {
  // Trie in flat arrays: transitions in a Map per state (sparse, CJK-friendly).
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: Int32Array;
  /** Keywords ending at a state, following the output links. */
  private readonly out: number[][];
  private readonly lengths: number[];
  private readonly wordStart: boolean[];
  /**
   * Complete ASCII transitions (failure links already followed) for every state entered by an
   * ASCII character: most page text walks these flat tables, not the Maps.
   */
  private readonly asciiRow: Int32Array;
  private readonly ascii: Int32Array;

  /** Short word-like keywords ("ig", "wa", "yo") must also end a word: as prefixes they hit everywhere. */
  private readonly wordEnd: boolean[];

  constructor(keywords: readonly string[], wordStart: readonly boolean[]) {
    this.lengths = keywords.map((k) => k.length);
    this.wordStart = [...wordStart];
    this.wordEnd = keywords.map((k, i) => !!wordStart[i] && /^[a-z\u00c0-\u024f\u0400-\u04ff]{1,2}$/.test(k));
    const outs: number[][] = [[]];
    keywords.forEach((kw, idx) => {
      let s = 0;
      for (let i = 0; i < kw.length; i++) {
        const c = kw.charCodeAt(i);
        let t = this.next[s]!.get(c);
        if (t === undefined) {
          t = this.next.length;
          this.next.push(new Map());
          outs.push([]);
          this.next[s]!.set(c, t);
        }
        s = t;
      }
      outs[s]!.push(idx);
    });
    this.fail = new Int32Array(this.next.length);
    const order: number[] = [];
    const queue: number[] = [];
    for (const t of this.next[0]!.values()) queue.push(t);
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi]!;
      order.push(s);
      for (const [c, t] of this.next[s]!) {
        let f = this.fail[s]!;
        while (f !== 0 && !this.next[f]!.has(c)) f = this.fail[f]!;
        const ft = this.next[f]!.get(c);
        this.fail[t] = ft !== undefined && ft !== t ? ft : 0;
        outs[t]!.push(...outs[this.fail[t]!]!);
        queue.push(t);
      }
    }
    this.out = outs;
    // Rows for the root and every state entered by an ASCII character, breadth first, so a
    // state's failure row (entered by the same character, shallower) is complete before its own.
    this.asciiRow = new Int32Array(this.next.length).fill(-1);
    const enteredByAscii = new Uint8Array(this.next.length);
    for (const m of this.next) for (const [c, t] of m) if (c < 128) enteredByAscii[t] = 1;
    const withRow = [0, ...order.filter((s) => enteredByAscii[s])];
    withRow.forEach((s, r) => (this.asciiRow[s] = r));
    this.ascii = new Int32Array(withRow.length * 128);
    for (const s of withRow) {
      const base = this.asciiRow[s]! * 128;
      const failBase = s === 0 ? -1 : this.asciiRow[this.fail[s]!]! * 128;
      for (let c = 0; c < 128; c++) {
        const t = this.next[s]!.get(c);
        this.ascii[base + c] = t ?? (s === 0 ? 0 : this.ascii[failBase + c]!);
      }
    }
  }

  /** Every keyword occurrence in `text` (normalised), case-insensitively. */
  find(text: string): KeywordHit[] {
    const hits: KeywordHit[] = [];
    let s = 0;
    // Locals, not fields, in the hot loop.
    const next = this.next;
    const asciiRow = this.asciiRow;
    const ascii = this.ascii;
    const fail = this.fail;
    const outs = this.out;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      let c = text.charCodeAt(i);
      if (c < 128) {
        if (c >= 0x41 && c <= 0x5a) c += 32;
      } else c = lowerCode(c);
      const row = c < 128 ? asciiRow[s]! : -1;
      if (row >= 0) {
        s = ascii[row * 128 + c]!;
        if (s === 0) continue;
      } else {
        let t = next[s]!.get(c);
        while (t === undefined && s !== 0) {
          s = fail[s]!;
          t = next[s]!.get(c);
        }
        s = t ?? 0;
        if (s === 0) continue;
      }
      const o = outs[s]!;
      if (o.length === 0) continue;
      for (let k = 0; k < o.length; k++) {
        const kw = o[k]!;
        const at = i + 1 - this.lengths[kw]!;
        if (this.wordStart[kw] && at > 0 && isWordChar(text.charCodeAt(at - 1))) continue;
        if (this.wordEnd[kw] && i + 1 < text.length && isWordChar(text.charCodeAt(i + 1))) continue;
        hits.push({ at, keyword: kw });
      }
    }
    return hits;
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
