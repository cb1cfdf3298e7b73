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
import { drain, type Pause } from './slices';
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
}

interface Item {
  finding: Finding;
  range: Range;
}

/** Characters per message to the background: big enough to be few, small enough to stay quick. */
const BATCH_CHARS = 24_000;
const HOVER_HIDE_MS = 350;

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
    this.watcher = new MutationWatcher(this.doc, (owners) => void this.scanRoots(owners.filter((o) => !insideSkipped(o))), {
      setTimeout: env.setTimeout,
      clearTimeout: env.clearTimeout,
    });
  }

  get quiet(): boolean {
    return this.env.settings().discreet;
  }

  /** Read the whole frame, then follow its changes. */
  async start(): Promise<void> {
    this.listen(true);
    this.watcher.start();
    await this.scanRoots([this.doc]);
  }

  stop(): void {
    this.generation++;
    this.watcher.stop();
    this.listen(false);
    this.card.close(false);
    this.banner.hide();
    this.painter.clear();
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
    await this.send(blocks, ++this.generation, () => ({}));
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

  private async scanRoots(roots: Node[]): Promise<void> {
    // Not a new generation: a feed's new listings must not cancel the read of the page (or of
    // the listings before them) still under way; only stop() does.
    const gen = this.generation;
    this.runs++;
    const visible: TextBlock[] = [];
    const rest: TextBlock[] = [];
    const h = this.env.win.innerHeight;
    const key = (b: TextBlock) => b.owner;
    // What the reader sees is read first, and the engine reads while the walk goes on: once the
    // walk has gone past the screen, the screen's blocks are sent, then every BATCH_CHARS of what
    // follows (one message in flight; first highlights do not wait for a long page to be walked).
    let streaming = false;
    let queue: TextBlock[] = [];
    let queued = 0;
    let chain: Promise<void> = Promise.resolve();
    const ship = () => {
      const mine = queue;
      queue = [];
      queued = 0;
      if (mine.length) chain = chain.then(() => this.send(mine, gen, key));
    };
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
          { pause: this.env.pause, stop: () => gen !== this.generation },
        );
        if (!ok) return;
      }
      queue.push(...visible, ...rest);
      ship();
      await chain;
    } finally {
      this.runs--;
    }
  }

  private async send(blocks: TextBlock[], gen: number, key: (b: TextBlock) => object): Promise<void> {
    let batch: TextBlock[] = [];
    let chars = 0;
    const flush = async () => {
      if (!batch.length) return;
      const mine = batch;
      batch = [];
      chars = 0;
      const reply = await this.env.scan(mine.map((b, id) => ({ id, text: b.text })));
      if (gen !== this.generation) return;
      const byId = new Map(reply.results.map((r) => [r.id, r.findings]));
      mine.forEach((b, id) => {
        const k = key(b);
        if (k === b.owner) this.seen.set(b.owner, b.text);
        // A block read again with nothing found loses its old findings too.
        const found = (byId.get(id) ?? [])
          .map((finding) => ({ finding, range: rangeFor(b, finding.start, finding.end, this.doc) }))
          .filter((i): i is Item => i.range !== null);
        if (found.length) this.items.set(k, found);
        else this.items.delete(k);
      });
      this.prune();
      this.repaint();
      // Not awaited: the next batch goes to the engine while the verdict is worked out.
      void this.report();
    };
    for (const b of blocks) {
      if (gen !== this.generation) return;
      batch.push(b);
      chars += b.text.length;
      if (chars >= BATCH_CHARS) await flush();
    }
    await flush();
    if (!blocks.length && this.forceBanner) await this.reportNow();
    await this.reporting;
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

  /** Findings whose text left the page (a feed dropped old listings) are forgotten. */
  private prune(): void {
    for (const [k, list] of this.items) {
      const alive = list.filter((i) => i.range.startContainer.isConnected && !i.range.collapsed);
      if (alive.length !== list.length) {
        if (alive.length) this.items.set(k, alive);
        else this.items.delete(k);
      }
    }
  }

  private visibleItems(): Item[] {
    const dismissed = new Set(this.env.dismissals().findings ?? []);
    const out: Item[] = [];
    // A selection check and the page's own reading can find the same words: show them once.
    const shown = new Map<Node, Item[]>();
    const same = (a: Item, b: Item) =>
      a.finding.rule === b.finding.rule && a.range.startOffset === b.range.startOffset && a.range.endContainer === b.range.endContainer && a.range.endOffset === b.range.endOffset;
    for (const list of this.items.values()) {
      for (const i of list) {
        if (dismissed.has(findingKey(i.finding))) continue;
        const atNode = shown.get(i.range.startContainer) ?? [];
        if (atNode.some((j) => same(i, j))) continue;
        atNode.push(i);
        shown.set(i.range.startContainer, atNode);
        out.push(i);
      }
    }
    // Document order, for keyboard stepping; nodes in other trees keep their reading order.
    return out.sort((a, b) => {
      const pos = a.range.startContainer.compareDocumentPosition(b.range.startContainer);
      if (pos & Node.DOCUMENT_POSITION_FOLLOWING) return -1;
      if (pos & Node.DOCUMENT_POSITION_PRECEDING) return 1;
      return a.range.startOffset - b.range.startOffset;
    });
  }

  private repaint(): void {
    if (this.quiet) return;
    this.painter.paint(this.visibleItems().map((i) => ({ range: i.range, severity: i.finding.severity })));
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
