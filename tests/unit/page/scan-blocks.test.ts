import { describe, expect, it } from 'vitest';
import { scanBlocks } from '../../../entrypoints/background/scan';
import { realScanner } from '../../helpers/scanner';

describe('scanBlocks (background)', () => {
  it('reads blocks as one text and maps findings back to block offsets', () => {
    const blocks = [
      { id: 7, text: 'Care assistant, paid monthly.' },
      { id: 9, text: 'For your safety the manager will keep your passport while you work.' },
    ];
    const r = scanBlocks(realScanner(), blocks, {});
    expect(r.results.map((x) => x.id)).toEqual([9]);
    for (const f of r.results[0]!.findings) expect(blocks[1]!.text.slice(f.start, f.end)).toBe(f.quote);
  });
});
