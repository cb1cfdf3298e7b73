// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPainter, HIGHLIGHT_PREFIX } from '../../../src/page/highlights';
import { UiHost } from '../../../src/page/ui/host';

function rangeOver(text: string): Range {
  document.body.innerHTML = `<p>${text}</p>`;
  const r = document.createRange();
  r.selectNodeContents(document.body.firstChild!.firstChild!);
  return r;
}

/** A window with the CSS Custom Highlight API, its registry open to inspection. */
function fakeHighlightApi(): { registry: Map<string, unknown>; win: Window } {
  const registry = new Map<string, unknown>();
  class FakeHighlight extends Set<AbstractRange> {
    priority = 0;
    constructor(...r: AbstractRange[]) {
      super(r);
    }
  }
  const win = { CSS: { highlights: registry }, Highlight: FakeHighlight, addEventListener() {}, removeEventListener() {} } as unknown as Window;
  return { registry, win };
}

describe('painter', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.documentElement.querySelectorAll('second-look-ui').forEach((e) => e.remove());
  });

  it('uses the CSS Custom Highlight API with second-look names where it exists', () => {
    const { registry, win } = fakeHighlightApi();
    const ui = new UiHost(document);
    const p = createPainter(win, () => ui.layer());
    const range = rangeOver('keep your passport');
    p.paint([{ range, severity: 'hard' }]);
    expect([...registry.keys()]).toEqual([`${HIGHLIGHT_PREFIX}-hard`]);
    p.focus(range);
    expect(registry.has('second-look-focus')).toBe(true);
    p.clear();
    expect(registry.size).toBe(0);
    expect(ui.exists).toBe(false); // the page got no element from us
  });

  it('registers a severity again only when its ranges changed (each registration repaints the page)', () => {
    const { registry, win } = fakeHighlightApi();
    const ui = new UiHost(document);
    const p = createPainter(win, () => ui.layer());
    const hard = rangeOver('keep your passport');
    const soft = document.createRange();
    soft.selectNodeContents(document.body);
    p.paint([{ range: hard, severity: 'hard' }]);
    const first = registry.get(`${HIGHLIGHT_PREFIX}-hard`);
    p.paint([{ range: hard, severity: 'hard' }, { range: soft, severity: 'soft' }]);
    expect(registry.get(`${HIGHLIGHT_PREFIX}-hard`)).toBe(first);
    expect(registry.has(`${HIGHLIGHT_PREFIX}-soft`)).toBe(true);
    p.paint([{ range: soft, severity: 'soft' }]);
    expect(registry.has(`${HIGHLIGHT_PREFIX}-hard`)).toBe(false);
    p.clear();
    p.paint([{ range: soft, severity: 'soft' }]); // after clear(), painted again
    expect(registry.has(`${HIGHLIGHT_PREFIX}-soft`)).toBe(true);
  });

  it('falls back to boxes in our shadow root, never wrapping the page text', () => {
    // happy-dom has no CSS.highlights: the fallback path.
    const range = rangeOver('keep your passport');
    const before = document.body.innerHTML;
    range.getClientRects = () => [{ left: 10, top: 20, width: 100, height: 18, right: 110, bottom: 38 }] as unknown as DOMRectList;
    const ui = new UiHost(document);
    const p = createPainter(window, () => ui.layer());
    p.paint([{ range, severity: 'strong' }]);
    const boxes = ui.root.querySelectorAll('.layer .box');
    expect(boxes.length).toBe(1);
    expect(boxes[0]!.className).toBe('box strong');
    expect((boxes[0] as HTMLElement).style.left).toBe('10px');
    expect(document.body.innerHTML).toBe(before);
    expect(document.querySelectorAll('second-look-ui').length).toBe(1);
    p.clear();
    expect(ui.root.querySelectorAll('.box').length).toBe(0);
  });
});
