// Paints findings without touching the page's DOM: the CSS Custom Highlight API where it exists
// (names `second-look-<severity>`, styled by the content script's CSS file), else boxes drawn in
// our own shadow root over the text. Ranges inside the page's shadow trees always get boxes: the
// document's ::highlight() rules do not reach into shadow trees.
import type { Severity } from '../engine/types';

export interface Mark {
  range: Range;
  severity: Severity;
}

export interface Painter {
  /** Replace everything painted. */
  paint(marks: readonly Mark[]): void;
  /** The finding the card is about, painted on top; null to clear. */
  focus(range: Range | null): void;
  clear(): void;
}

export const HIGHLIGHT_PREFIX = 'second-look';
const FOCUS = `${HIGHLIGHT_PREFIX}-focus`;
const SEVERITIES: readonly Severity[] = ['soft', 'strong', 'hard'];

type HighlightCtor = new (...ranges: AbstractRange[]) => Set<AbstractRange> & { priority: number };
interface Registry {
  set(name: string, h: unknown): void;
  delete(name: string): void;
}

function highlightApi(win: Window): { registry: Registry; Highlight: HighlightCtor } | null {
  const w = win as unknown as { CSS?: { highlights?: Registry }; Highlight?: HighlightCtor };
  return w.CSS?.highlights && w.Highlight ? { registry: w.CSS.highlights, Highlight: w.Highlight } : null;
}

class HighlightPainter implements Painter {
  /** The ranges registered under each name: a name whose ranges did not change is left alone. */
  private readonly painted = new Map<string, readonly Range[]>();
  constructor(private readonly api: { registry: Registry; Highlight: HighlightCtor }) {}
  paint(marks: readonly Mark[]): void {
    for (const [i, sev] of SEVERITIES.entries()) {
      const ranges = marks.filter((m) => m.severity === sev).map((m) => m.range);
      const name = `${HIGHLIGHT_PREFIX}-${sev}`;
      const before = this.painted.get(name) ?? [];
      // Every registration makes the browser check all highlights again in the next frame.
      if (ranges.length === before.length && ranges.every((r, j) => r === before[j])) continue;
      this.painted.set(name, ranges);
      if (!ranges.length) this.api.registry.delete(name);
      else {
        const h = new this.api.Highlight(...ranges);
        h.priority = i; // a hard finding paints over a soft one where they touch
        this.api.registry.set(name, h);
      }
    }
  }
  focus(range: Range | null): void {
    if (!range) return this.api.registry.delete(FOCUS);
    const h = new this.api.Highlight(range);
    h.priority = 10;
    this.api.registry.set(FOCUS, h);
  }
  clear(): void {
    for (const s of SEVERITIES) this.api.registry.delete(`${HIGHLIGHT_PREFIX}-${s}`);
    this.api.registry.delete(FOCUS);
    this.painted.clear();
  }
}

/** Boxes in a fixed layer of our shadow root, re-placed on scroll and resize (once per frame). */
export class OverlayPainter implements Painter {
  private marks: readonly Mark[] = [];
  private focused: Range | null = null;
  private queued = false;
  private listening = false;
  private readonly onMove = () => this.schedule();

  constructor(
    private readonly win: Window,
    /** The layer is created on first use: an honest page never gets our host element. */
    private readonly layer: () => HTMLElement,
  ) {}

  paint(marks: readonly Mark[]): void {
    this.marks = marks;
    this.listen(marks.length > 0);
    this.draw();
  }
  focus(range: Range | null): void {
    this.focused = range;
    this.draw();
  }
  clear(): void {
    this.paint([]);
    this.focused = null;
  }

  private listen(on: boolean) {
    if (on === this.listening) return;
    this.listening = on;
    const method = on ? 'addEventListener' : 'removeEventListener';
    this.win[method]('scroll', this.onMove, { capture: true, passive: true } as AddEventListenerOptions);
    this.win[method]('resize', this.onMove, { passive: true } as AddEventListenerOptions);
  }

  private schedule() {
    if (this.queued) return;
    this.queued = true;
    this.win.requestAnimationFrame(() => {
      this.queued = false;
      this.draw();
    });
  }

  draw(): void {
    if (!this.marks.length && !this.focused) {
      this.existingLayer()?.replaceChildren();
      return;
    }
    const layer = this.layer();
    const doc = layer.ownerDocument;
    const boxes: HTMLElement[] = [];
    const add = (range: Range, cls: string) => {
      for (const r of range.getClientRects()) {
        if (r.width === 0 || r.bottom < 0 || r.top > this.win.innerHeight) continue;
        const b = doc.createElement('div');
        b.className = cls;
        b.style.cssText = `left:${r.left}px;top:${r.top}px;width:${r.width}px;height:${r.height}px`;
        boxes.push(b);
      }
    };
    for (const m of this.marks) add(m.range, `box ${m.severity}`);
    if (this.focused) add(this.focused, 'box focus');
    layer.replaceChildren(...boxes);
  }

  private layerEl: HTMLElement | null = null;
  private existingLayer(): HTMLElement | null {
    return this.layerEl;
  }
  /** Called by the owner once it made the layer, so clearing never creates the host. */
  adopt(layer: HTMLElement) {
    this.layerEl = layer;
  }
}

const inShadowTree = (r: Range) => r.startContainer.getRootNode() !== r.startContainer.ownerDocument;

/** Highlights for document text, boxes for shadow-tree text or where the API is missing. */
export function createPainter(win: Window, layer: () => HTMLElement): Painter {
  const api = highlightApi(win);
  const overlay = new OverlayPainter(win, () => {
    const l = layer();
    overlay.adopt(l);
    return l;
  });
  if (!api) return overlay;
  const hl = new HighlightPainter(api);
  return {
    paint(marks) {
      hl.paint(marks.filter((m) => !inShadowTree(m.range)));
      overlay.paint(marks.filter((m) => inShadowTree(m.range)));
    },
    focus(range) {
      hl.focus(range && !inShadowTree(range) ? range : null);
      overlay.focus(range && inShadowTree(range) ? range : null);
    },
    clear() {
      hl.clear();
      overlay.clear();
    },
  };
}
