// A content script's blocks, read as one text so the engine runs once per batch; findings are
// mapped back to their block. Blocks are joined by a blank line, so no sentence spans two.
import type { Scanner } from '../../src/engine/scanner';
import type { ScanOptions } from '../../src/engine/types';
import type { Block, ScanBlocksReply } from '../../src/messages';

const JOIN = '\n\n';

export function scanBlocks(scanner: Scanner, blocks: readonly Block[], options: ScanOptions): ScanBlocksReply {
  const starts: number[] = [];
  let at = 0;
  for (const b of blocks) {
    starts.push(at);
    at += b.text.length + JOIN.length;
  }
  const result = scanner.scan(blocks.map((b) => b.text).join(JOIN), options);
  const byBlock = new Map<number, ScanBlocksReply['results'][number]>();
  for (const f of result.findings) {
    // The last block starting at or before the finding.
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= f.start) lo = mid;
      else hi = mid - 1;
    }
    const block = blocks[lo]!;
    const start = f.start - starts[lo]!;
    const end = f.end - starts[lo]!;
    if (end > block.text.length) continue; // crosses a join: not a finding of either block
    let entry = byBlock.get(block.id);
    if (!entry) byBlock.set(block.id, (entry = { id: block.id, findings: [] }));
    entry.findings.push({ ...f, start, end });
  }
  return { kind: result.kind, results: [...byBlock.values()] };
}
