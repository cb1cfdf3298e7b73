// Watches a dynamic page and reports which blocks changed, debounced: a feed that loads 20 more
// listings costs one small re-read of those listings, not of the page.
import { blockOwner, HOST_TAG } from './extract';

export interface WatcherOptions {
  /** Quiet time before a flush, and the longest a busy page waits for one. */
  delay?: number;
  maxWait?: number;
  setTimeout?: (fn: () => void, ms: number) => number;
  clearTimeout?: (id: number) => void;
}

export class MutationWatcher {
  private dirty = new Set<Node>();
  private removed = false;
  private timer: number | undefined;
  private firstAt = 0;
  private observer: MutationObserver | undefined;
  private readonly delay: number;
  private readonly maxWait: number;
  private readonly setT: (fn: () => void, ms: number) => number;
  private readonly clearT: (id: number) => void;

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
  }

  start(): void {
    this.observer ??= new MutationObserver((records) => this.take(records));
    this.observer.observe(this.root, { childList: true, subtree: true, characterData: true });
  }

  stop(): void {
    this.observer?.disconnect();
    if (this.timer !== undefined) this.clearT(this.timer);
    this.timer = undefined;
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
    if (this.timer === undefined) this.firstAt = now;
    else this.clearT(this.timer);
    const wait = Math.max(0, Math.min(this.delay, this.firstAt + this.maxWait - now));
    this.timer = this.setT(() => this.flush(), wait);
  }

  flush(): void {
    this.timer = undefined;
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
