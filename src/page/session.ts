// One frame's life with Second Look: read the visible text in slices, send it to the background,
// paint what comes back, explain it on hover or keyboard focus, keep up with a dynamic page. No
// browser-extension API here: the content script passes them in (PageEnv), so tests can too.
import type { Finding } from '../engine/types';
import type { Block, FindingSummary, PageVerdict, ScanBlocksReply } from '../messages';
import { findingKey, type PageDismissals, type Settings } from '../storage';
import { blockOwner, extractBlocks, insideSkipped, type TextBlock } from './extract';
import { createPainter, type Painter } from './highlights';
import { caretAt, rangeUnderPoint } from './hover';
import { rangeFor } from './ranges';
import { defaultPause, drain, type Pause } from './slices';
import { Banner } from './ui/banner';
import { Card } from './ui/card';
import { UiHost } from './ui/host';
import { MutationWatcher } from './watcher';

export interface PageEnv {
  win: Window;
  isTop: boolean;
  scan(blocks: Block[]): Promise<ScanBlocksReply>;
  report(findings: FindingSummary[]): Promise<PageVerdict>;
  openHelp(): void;
  settings(): Settings;
  dismissals(): PageDismissals;
  dismiss(what: { banner: true } | { finding: string }): Promise<void>;
  turnOffRule(rule: string): Promise<void>;
  pause?: Pause;
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(id: number): void;
  requestAnimationFrame?(fn: () => void): number;
}

interface Item {
  finding: Finding;
  range: Range;
}

/** One message to the engine, on its way. */
interface Pending {
  blocks: TextBlock[];
  reply: Promise<ScanBlocksReply>;
}

/** What a block's findings are filed under: its owner, or a selection check's own key. */
type BlockKey = (b: TextBlock) => object;

/** Characters per message to the background: big enough to be few, small enough to stay quick. */
const BATCH_CHARS = 24_000;
const HOVER_HIDE_MS = 350;
/**
 * Highlights a read brings change at most this often: each change costs the page a paint pass
 * over the whole document (tens of ms on a long feed). The first change after a quiet spell is
 * painted at once.
 */
const PAINT_GAP_MS = 100;

const isNext = (e: KeyboardEvent) => e.altKey && e.shiftKey && (e.code === 'KeyN' || e.code === 'KeyP');

export class PageSession {
  private readonly doc: Document;
  private readonly ui: UiHost;
  private readonly painter: Painter;
  private readonly card: Card;
  private readonly banner: Banner;
  private readonly watcher: MutationWatcher;
  /** Block owner → the text last sent for it: unchanged blocks are never sent twice. */
  private seen = new WeakMap<Node, string>();
  /** Block owner (or a selection check's key) → its findings, with their Ranges. */
  private readonly items = new Map<object, Item[]>();
  private generation = 0;
  /** Reads under way (the page's, and the watcher's of what changed). */
  private runs = 0;
  private reporting: Promise<void> | undefined;
  private reportAgain = false;
  /** The findings last reported (JSON): an unchanged list is not reported again. */
  private reported: string | undefined;
  private verdict: PageVerdict | null = null;
  private forceBanner = false;
  private current = -1;
  private returnFocus: HTMLElement | null = null;
  private hoverQueued = false;
  private hideTimer: number | undefined;
  private paintedAt = -Infinity;
  private paintTimer: number | undefined;
  private listening = false;

  constructor(private readonly env: PageEnv) {
    this.doc = env.win.document;
    this.ui = new UiHost(this.doc);
    this.painter = createPainter(env.win, () => this.ui.layer());
    this.card = new Card(this.ui, {
      help: () => env.openHelp(),
      notAProblem: (f) => void this.notAProblem(f),
      turnOffRule: (f) => void env.turnOffRule(f.rule),
      closed: (byKeyboard) => {
        this.painter.focus(null);
        if (byKeyboard) this.returnFocus?.focus();
        this.returnFocus = null;
      },
    });
    this.banner = new Banner(this.ui, {
      help: () => env.openHelp(),
      showFirst: () => this.step(1, false),
      dismiss: () => void env.dismiss({ banner: true }),
    });
    // insideSkipped() checks visibility, so it also brings the page's pending style update
    // forward (its own next step anyway): the read's time slice then goes to reading.
    this.watcher = new MutationWatcher(this.doc, (owners) => void this.scanRoots(owners.filter((o) => !insideSkipped(o)), false), {
      setTimeout: env.setTimeout,
      clearTimeout: env.clearTimeout,
      requestAnimationFrame: env.requestAnimationFrame,
    });
  }

  get quiet(): boolean {
    return this.env.settings().discreet;
  }

  /** Read the whole frame, then follow its changes. */
  async start(): Promise<void> {
    this.listen(true);
    this.watcher.start();
    await this.scanRoots([this.doc], true);
  }

  stop(): void {
    this.generation++;
    this.watcher.stop();
    this.listen(false);
    this.card.close(false);
    this.banner.hide();
    this.painter.clear();
    if (this.paintTimer !== undefined) this.env.clearTimeout(this.paintTimer);
    this.paintTimer = undefined;
    this.items.clear();
    this.seen = new WeakMap();
    this.reported = undefined;
    this.ui.remove();
  }

  /** Settings or the URL changed: forget what was read and read again. */
  async restart(): Promise<void> {
    this.stop();
    this.verdict = null;
    await this.env.report([]);
    await this.start();
  }

  /** "Check this page" from the toolbar or menu: read now, and always say what was found. */
  async checkPage(): Promise<void> {
    this.forceBanner = true;
    if (!this.listening) await this.start();
    else await this.restart();
  }

  async checkSelection(): Promise<void> {
    const sel = this.env.win.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
    const range = sel.getRangeAt(0);
    const root = range.commonAncestorContainer;
    const blocks: TextBlock[] = [];
    await drain(extractBlocks(root.nodeType === Node.TEXT_NODE ? root.parentNode! : root, { range }), (b) => blocks.push(b), {
      pause: this.env.pause,
    });
    this.listen(true);
    this.forceBanner = true;
    // Keyed apart from the page's blocks: a clipped block must not pass for the whole one.
    const gen = ++this.generation;
    await this.receive(this.request(blocks), gen, () => ({}));
    if (!blocks.length && this.forceBanner) await this.reportNow();
    await this.reporting;
  }

  /** The tab's verdict, changed by another frame. */
  onVerdict(v: PageVerdict): void {
    this.verdict = v;
    this.renderBanner();
  }

  /** Discreet mode or dismissals changed: repaint without re-reading. */
  refresh(): void {
    if (this.quiet) {
      this.painter.clear();
      this.card.close(false);
      this.banner.hide();
    } else this.repaint();
    this.renderBanner();
  }

  /**
   * Reads `roots` and sends what is new. The first read of a page sends what the reader sees
   * first (`screenFirst`: getBoundingClientRect, on a page laid out by then). The watcher's reads
   * run before the page lays its new nodes out (see MutationWatcher.take) and must not force that
   * layout: they go in document order, top down for a feed, a chat or a new view alike.
   */
  private async scanRoots(roots: Node[], screenFirst: boolean): Promise<void> {
    // Not a new generation: a feed's new listings must not cancel the read of the page (or of
    // the listings before them) still under way; only stop() does.
    const gen = this.generation;
    this.runs++;
    const visible: TextBlock[] = [];
    const rest: TextBlock[] = [];
    const h = this.env.win.innerHeight;
    const key = (b: TextBlock) => b.owner;
    // The engine reads while the walk goes on: once the walk has gone past the screen, the
    // screen's blocks are sent, then every BATCH_CHARS of what follows (first highlights do not
    // wait for a long page to be walked). Each message goes at once; replies are applied in order.
    let streaming = !screenFirst;
    let queue: TextBlock[] = [];
    let queued = 0;
    let chain: Promise<void> = Promise.resolve();
    const ship = () => {
      const mine = queue;
      queue = [];
      queued = 0;
      if (!mine.length) return;
      const pending = this.request(mine);
      chain = chain.then(() => this.receive(pending, gen, key));
    };
    const pause = this.env.pause ?? defaultPause;
    // A watcher's read starts just before the page lays the new nodes out: what its first slice
    // read (the top of what came, what the page shows first) goes to the engine before the walk
    // gives the thread back, and its replies, ready when the layout is done, are applied before
    // the walk goes on with the rest.
    let first = !screenFirst;
    try {
      for (const root of roots) {
        const ok = await drain(
          extractBlocks(root, { onShadowRoot: (r) => this.watcher.watch(r) }),
          (b) => {
            if (this.seen.get(b.owner) === b.text) return;
            if (streaming) {
              queue.push(b);
              if ((queued += b.text.length) >= BATCH_CHARS) ship();
              return;
            }
            const r = b.owner.nodeType === Node.ELEMENT_NODE ? (b.owner as Element).getBoundingClientRect() : null;
            const onScreen = !r || (r.bottom >= 0 && r.top <= h);
            (onScreen ? visible : rest).push(b);
            if (r && r.top > h && visible.length) {
              streaming = true;
              queue = visible.splice(0);
              ship();
              queue = rest.splice(0);
              queued = queue.reduce((n, x) => n + x.text.length, 0);
            }
          },
          {
            pause: () => {
              if (!first) return pause();
              first = false;
              ship();
              return chain.then(pause, pause);
            },
            stop: () => gen !== this.generation,
          },
        );
        if (!ok) return;
      }
      queue.push(...visible, ...rest);
      ship();
      await chain;
      await this.reporting;
    } finally {
      this.runs--;
    }
  }

  /** Sends `blocks` to the engine now, in messages of about BATCH_CHARS: the background reads them in turn. */
  private request(blocks: TextBlock[]): Pending[] {
    const out: Pending[] = [];
    let batch: TextBlock[] = [];
    let chars = 0;
    const flush = () => {
      if (!batch.length) return;
      const reply = this.env.scan(batch.map((b, id) => ({ id, text: b.text })));
      reply.catch(() => undefined); // receive() awaits it, unless a newer read took over
      out.push({ blocks: batch, reply });
      batch = [];
      chars = 0;
    };
    for (const b of blocks) {
      batch.push(b);
      if ((chars += b.text.length) >= BATCH_CHARS) flush();
    }
    flush();
    return out;
  }

  private async receive(pending: Pending[], gen: number, key: BlockKey): Promise<void> {
    for (const { blocks, reply } of pending) {
      const r = await reply;
      if (gen !== this.generation) return;
      this.apply(blocks, r, key);
    }
  }

  /** One reply: each block's findings as Ranges; the highlights and the verdict follow only a change. */
  private apply(blocks: TextBlock[], reply: ScanBlocksReply, key: BlockKey): void {
    const byId = new Map(reply.results.map((r) => [r.id, r.findings]));
    let changed = false;
    blocks.forEach((b, id) => {
      const k = key(b);
      if (k === b.owner) this.seen.set(b.owner, b.text);
      // A block read again with nothing found loses its old findings too.
      const found = (byId.get(id) ?? [])
        .map((finding) => ({ finding, range: rangeFor(b, finding.start, finding.end, this.doc) }))
        .filter((i): i is Item => i.range !== null);
      if (found.length) {
        this.items.set(k, found);
        changed = true;
      } else if (this.items.delete(k)) changed = true;
    });
    if (this.prune()) changed = true;
    // A reply that found nothing new repaints nothing (see PAINT_GAP_MS).
    if (changed) this.repaintSoon();
    // Not awaited: the next reply is applied while the verdict is worked out.
    if (changed || this.reported === undefined) void this.report();
  }

  /**
   * Reports the frame's findings, one message at a time: calls made while one is on its way
   * collapse into one more after it, and an unchanged list is not sent again (a long honest page
   * sends one report, not one per batch).
   */
  private report(): Promise<void> {
    if (this.reporting) {
      this.reportAgain = true;
      return this.reporting;
    }
    const run = async () => {
      try {
        // In a task of its own: the highlights a reply brought are painted first, and the
        // replies that come with it make one report.
        await new Promise<void>((r) => this.env.setTimeout(r, 0));
        do {
          this.reportAgain = false;
          await this.reportNow(true);
        } while (this.reportAgain);
      } finally {
        this.reporting = undefined;
      }
    };
    return (this.reporting = run());
  }

  /** Findings whose text left the page (a feed dropped old listings) are forgotten; true if any were. */
  private prune(): boolean {
    let pruned = false;
    for (const [k, list] of this.items) {
      const alive = list.filter((i) => i.range.startContainer.isConnected && !i.range.collapsed);
      if (alive.length !== list.length) {
        pruned = true;
        if (alive.length) this.items.set(k, alive);
        else this.items.delete(k);
      }
    }
    return pruned;
  }

  /** The findings to show, once each; in document order unless `inOrder` is false (painting needs no order). */
  private visibleItems(inOrder = true): Item[] {
    const dismissed = new Set(this.env.dismissals().findings ?? []);
    const out: Item[] = [];
    // A selection check and the page's own reading can find the same words: show them once.
    const shown = new Map<Node, Item[]>();
    const same = (a: Item, b: Item) =>
      a.finding.rule === b.finding.rule && a.range.startOffset === b.range.startOffset && a.range.endContainer === b.range.endContainer && a.range.endOffset === b.range.endOffset;
    for (const list of this.items.values()) {
      for (const i of list) {
        if (dismissed.size && dismissed.has(findingKey(i.finding))) continue;
        const atNode = shown.get(i.range.startContainer) ?? [];
        if (atNode.some((j) => same(i, j))) continue;
        atNode.push(i);
        shown.set(i.range.startContainer, atNode);
        out.push(i);
      }
    }
    if (!inOrder) return out;
    // Document order, for keyboard stepping; nodes in other trees keep their reading order.
    return out.sort((a, b) => {
      const pos = a.range.startContainer.compareDocumentPosition(b.range.startContainer);
      if (pos & Node.DOCUMENT_POSITION_FOLLOWING) return -1;
      if (pos & Node.DOCUMENT_POSITION_PRECEDING) return 1;
      return a.range.startOffset - b.range.startOffset;
    });
  }

  /** Repaints now, or with the changes that follow once PAINT_GAP_MS has passed since the last paint. */
  private repaintSoon(): void {
    if (this.paintTimer !== undefined) return; // a paint is queued: it takes this change too
    const wait = this.paintedAt + PAINT_GAP_MS - performance.now();
    if (wait <= 0) return this.repaint();
    this.paintTimer = this.env.setTimeout(() => {
      this.paintTimer = undefined;
      this.repaint();
    }, wait);
  }

  private repaint(): void {
    this.paintedAt = performance.now();
    if (this.quiet) return;
    this.painter.paint(this.visibleItems(false).map((i) => ({ range: i.range, severity: i.finding.severity })));
  }

  private async reportNow(onlyIfChanged = false): Promise<void> {
    const summaries: FindingSummary[] = this.visibleItems().map(({ finding: f }) => ({
      rule: f.rule,
      category: f.category,
      severity: f.severity,
      quote: f.quote,
    }));
    const sig = JSON.stringify(summaries);
    if (onlyIfChanged && this.verdict && sig === this.reported) return this.renderBanner();
    this.reported = sig;
    this.verdict = await this.env.report(summaries);
    this.renderBanner();
  }

  private renderBanner(): void {
    const v = this.verdict;
    if (!this.env.isTop || !v || this.quiet) return;
    const warn = v.level === 'medium' || v.level === 'high';
    if ((warn && !this.env.dismissals().banner) || this.forceBanner) this.banner.show(v);
    else this.banner.hide();
  }

  private async notAProblem(f: Finding): Promise<void> {
    await this.env.dismiss({ finding: findingKey(f) });
    this.repaint();
    await this.reportNow();
  }

  /** Keyboard: move to the next (or previous) finding and open its card. */
  step(dir: 1 | -1, fromKeyboard = true): void {
    const items = this.visibleItems();
    if (!items.length || this.quiet) return;
    this.current = (this.current + dir + items.length) % items.length;
    const item = items[this.current]!;
    const active = this.doc.activeElement as HTMLElement | null;
    if (fromKeyboard && !this.ui.contains(active)) this.returnFocus = active;
    (item.range.startContainer.parentElement ?? null)?.scrollIntoView({ block: 'center' });
    this.painter.focus(item.range);
    this.card.show(item.finding, item.range.getBoundingClientRect(), { focus: true });
  }

  private readonly onKey = (e: KeyboardEvent) => {
    if (isNext(e)) {
      e.preventDefault();
      this.step(e.code === 'KeyN' ? 1 : -1);
    } else if (e.key === 'Escape' && this.card.open) this.card.close(true);
  };

  private readonly onPointer = (e: PointerEvent) => {
    if (this.hoverQueued || this.quiet || !this.items.size) return;
    this.hoverQueued = true;
    const { clientX: x, clientY: y, target } = e;
    this.env.win.requestAnimationFrame(() => {
      this.hoverQueued = false;
      this.hover(x, y, target as Node | null);
    });
  };

  private hover(x: number, y: number, target: Node | null): void {
    if (this.ui.contains(target)) return this.cancelHide(); // over our own card
    const caret = caretAt(this.doc, x, y, this.watcher.shadowRoots);
    const list = caret ? this.items.get(blockOwner(caret.node)) : undefined;
    const item = list?.find((i) => i.range.isPointInRange(caret!.node, caret!.offset) && rangeUnderPoint(i.range, x, y));
    if (item) {
      this.cancelHide();
      if (this.card.finding !== item.finding) {
        this.painter.focus(item.range);
        this.card.show(item.finding, item.range.getBoundingClientRect(), { focus: false });
      }
    } else if (this.card.open && this.hideTimer === undefined && !this.card.contains(this.doc.activeElement)) {
      this.hideTimer = this.env.setTimeout(() => {
        this.hideTimer = undefined;
        // Keyboard users keep their card until they press Esc.
        if (!this.ui.contains(this.doc.activeElement)) this.card.close(false);
      }, HOVER_HIDE_MS);
    }
  }

  private cancelHide(): void {
    if (this.hideTimer !== undefined) this.env.clearTimeout(this.hideTimer);
    this.hideTimer = undefined;
  }

  private listen(on: boolean): void {
    if (on === this.listening) return;
    this.listening = on;
    const m = on ? 'addEventListener' : 'removeEventListener';
    this.env.win[m]('keydown', this.onKey as EventListener, true);
    this.env.win[m]('pointermove', this.onPointer as EventListener, { passive: true } as AddEventListenerOptions);
  }

  /** For tests and the popup: is a read still under way? */
  get busy(): boolean {
    return this.runs > 0;
  }
}
