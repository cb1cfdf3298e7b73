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
  /** ASCII transitions of the root, for the common case of no candidate at all. */
  private readonly rootAscii: Int32Array;

  constructor(keywords: readonly string[], wordStart: readonly boolean[]) {
    this.lengths = keywords.map((k) => k.length);
    this.wordStart = [...wordStart];
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
    const queue: number[] = [];
    for (const t of this.next[0]!.values()) queue.push(t);
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi]!;
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
    this.rootAscii = new Int32Array(128).fill(0);
    for (const [c, t] of this.next[0]!) if (c < 128) this.rootAscii[c] = t;
  }

  /** Every keyword occurrence in `text` (lowercase, normalised). */
  find(text: string): KeywordHit[] {
    const hits: KeywordHit[] = [];
    let s = 0;
    const next = this.next;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (s === 0 && c < 128) {
        s = this.rootAscii[c]!;
        if (s === 0) continue;
      } else {
        let t = next[s]!.get(c);
        while (t === undefined && s !== 0) {
          s = this.fail[s]!;
          t = next[s]!.get(c);
        }
        s = t ?? 0;
        if (s === 0) continue;
      }
      const o = this.out[s]!;
      for (let k = 0; k < o.length; k++) {
        const kw = o[k]!;
        const at = i + 1 - this.lengths[kw]!;
        if (this.wordStart[kw] && at > 0 && isWordChar(text.charCodeAt(at - 1))) continue;
        hits.push({ at, keyword: kw });
      }
    }
    return hits;
  }
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
