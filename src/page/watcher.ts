// Watches a dynamic page and reports which blocks changed, debounced: a feed that loads 20 more
// listings costs one small re-read of those listings, not of the page. A MutationObserver on the
// document does not see inside shadow trees, so each open shadow root the reader meets is observed too.
import { blockOwner, HOST_TAG } from './extract';

export interface WatcherOptions {
  /** Quiet time before a flush, and the longest a busy page waits for one. */
  delay?: number;
  maxWait?: number;
  setTimeout?: (fn: () => void, ms: number) => number;
  clearTimeout?: (id: number) => void;
  /** Where given, a leading flush also races the next frame's callbacks (see take()). */
  requestAnimationFrame?: (fn: () => void) => number;
}

const OBSERVE: MutationObserverInit = { childList: true, subtree: true, characterData: true };

export class MutationWatcher {
  private dirty = new Set<Node>();
  private removed = false;
  private timer: number | undefined;
  private firstAt = 0;
  /** The queued flush is a leading one (no debounce); when the last flush ran. */
  private leading = false;
  private lastFlush = -Infinity;
  private observer: MutationObserver | undefined;
  private readonly shadows = new Set<ShadowRoot>();
  private readonly delay: number;
  private readonly maxWait: number;
  private readonly setT: (fn: () => void, ms: number) => number;
  private readonly clearT: (id: number) => void;
  private readonly raf: ((fn: () => void) => number) | undefined;
  /** Tells a frame callback whether the flush it was queued for is still the pending one. */
  private scheduled = 0;

  constructor(
    private readonly root: Node,
    /** Changed block owners (outermost only), and whether anything left the page. */
    private readonly onChange: (owners: Node[], removed: boolean) => void,
    o: WatcherOptions = {},
  ) {
    this.delay = o.delay ?? 300;
    this.maxWait = o.maxWait ?? 1200;
    this.setT = o.setTimeout ?? ((fn, ms) => setTimeout(fn, ms) as unknown as number);
    this.clearT = o.clearTimeout ?? ((id) => clearTimeout(id));
    this.raf = o.requestAnimationFrame;
  }

  start(): void {
    this.observer ??= new MutationObserver((records) => this.take(records));
    this.observer.observe(this.root, OBSERVE);
  }

  /** Also watch this shadow tree (once; forgotten on stop). */
  watch(root: ShadowRoot): void {
    if (this.shadows.has(root) || !this.observer) return;
    this.shadows.add(root);
    this.observer.observe(root, OBSERVE);
  }

  /** The open shadow roots watched: where hit-testing must look as well. */
  get shadowRoots(): ShadowRoot[] {
    return [...this.shadows];
  }

  stop(): void {
    this.observer?.disconnect();
    this.shadows.clear();
    if (this.timer !== undefined) this.clearT(this.timer);
    this.timer = undefined;
    this.scheduled++;
    this.dirty.clear();
  }

  /** Cheap on purpose: runs inside the page's own mutation bursts. */
  private take(records: MutationRecord[]): void {
    for (const r of records) {
      if (r.type === 'characterData') this.dirty.add(blockOwner(r.target));
      else {
        for (const n of r.addedNodes) {
          if (n.nodeName.toLowerCase() === HOST_TAG) continue;
          if (n.nodeType === Node.ELEMENT_NODE || n.nodeType === Node.TEXT_NODE) this.dirty.add(blockOwner(n));
        }
        if (r.removedNodes.length) this.removed = true;
      }
    }
    if (!this.dirty.size && !this.removed) return;
    const now = Date.now();
    if (this.timer !== undefined) {
      if (this.leading) return; // a read is queued already: it takes these too
      this.clearT(this.timer);
    } else {
      this.firstAt = now;
      // Leading edge: after a quiet spell the change is read at once (a feed's new listings
      // arrive as one burst: highlighted in tens of ms, not after `delay`). Only a page that
      // keeps changing is debounced.
      this.leading = now - this.lastFlush >= this.delay;
    }
    const wait = this.leading ? 0 : Math.max(0, Math.min(this.delay, this.firstAt + this.maxWait - now));
    this.timer = this.setT(() => this.flush(), wait);
    // A leading flush also races the next frame's callbacks, which run after the page's own
    // microtasks and just before it styles and lays the new nodes out: a feed that inserts from
    // its scroll handler is laid out in that same task, and a timer would only fire after that
    // layout (100 ms and more for 50 listings); read before it, the engine works on the new text
    // while the page lays it out. The timer stays for a hidden tab, which gets no frames.
    if (this.leading && this.raf) {
      const mine = ++this.scheduled;
      this.raf(() => {
        if (mine === this.scheduled && this.timer !== undefined) this.flush();
      });
    }
  }

  flush(): void {
    if (this.timer !== undefined) this.clearT(this.timer);
    this.scheduled++;
    this.timer = undefined;
    this.leading = false;
    this.lastFlush = Date.now();
    const dirty = this.dirty;
    const removed = this.removed;
    this.dirty = new Set();
    this.removed = false;
    // Outermost only: re-reading a container re-reads what it contains. O(nodes × depth).
    const outer = [...dirty].filter((n) => {
      if (!n.isConnected) return false;
      for (let p = n.parentNode; p; p = p.parentNode) if (dirty.has(p)) return false;
      return true;
    });
    if (outer.length || removed) this.onChange(outer, removed);
  }
}
