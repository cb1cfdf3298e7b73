// Engine offsets (UTF-16, into a block's text) back to DOM Ranges over the page's text nodes.
import type { Piece, TextBlock } from './extract';

/** Index of the first piece for which `past` holds (pieces are sorted and disjoint). */
function search(pieces: readonly Piece[], past: (p: Piece) => boolean): number {
  let lo = 0;
  let hi = pieces.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (past(pieces[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The Range covering block.text.slice(start, end), or null when the text has changed since it was
 * read (a node left the page or shrank). Offsets that fall on a separator the extractor added
 * ("\n" between blocks) snap inwards to the nearest real text.
 */
export function rangeFor(block: TextBlock, start: number, end: number, doc: Document = document): Range | null {
  const { pieces } = block;
  if (end <= start) return null;
  const a = pieces[search(pieces, (p) => p.end > start)];
  const b = pieces[search(pieces, (p) => p.start >= end) - 1];
  if (!a || !b || a.start >= end || b.end <= start) return null;
  const startOffset = a.nodeStart + Math.max(0, start - a.start);
  const endOffset = b.nodeStart + Math.min(b.end, end) - b.start;
  for (const [p, off] of [[a, startOffset], [b, endOffset]] as const) {
    if (!p.node.isConnected || off > p.node.length) return null;
  }
  const r = doc.createRange();
  r.setStart(a.node, startOffset);
  r.setEnd(b.node, endOffset);
  return r;
}
