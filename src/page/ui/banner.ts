// The small banner for a page that reaches medium or high: the verdict, the top reasons, help.
// Never modal, never in the way of the page's own controls for long: one click dismisses it.
import { CATEGORIES, LEVEL_LABELS } from '../../engine/categories';
import type { PageVerdict } from '../../messages';
import { el, type UiHost } from './host';

export interface BannerActions {
  help(): void;
  showFirst(): void;
  dismiss(): void;
}

const LEVEL_COLOR = { none: '#9ca3af', low: '#eab308', medium: '#f97316', high: '#dc2626' } as const;
const MAX_REASONS = 3;

export class Banner {
  private node: HTMLElement | null = null;
  /** What the banner shows (level and reasons): the same verdict again is not rebuilt. */
  private shown = '';

  constructor(
    private readonly ui: UiHost,
    private readonly actions: BannerActions,
  ) {}

  get open(): boolean {
    return !!this.node?.isConnected;
  }

  show(v: PageVerdict): void {
    const top = v.reasons.slice(0, MAX_REASONS);
    const shown = JSON.stringify([v.level, top.map((r) => [r.category, r.quote])]);
    // A feed reports after each batch: rebuilding an unchanged banner costs the page a layout.
    if (this.open && shown === this.shown) return;
    this.shown = shown;
    const doc = this.ui.root.ownerDocument;
    const button = (text: string, cls: string, act: () => void, label?: string) => {
      const b = el(doc, 'button', { text, cls, attrs: { type: 'button', ...(label && { 'aria-label': label }) } });
      b.addEventListener('click', act);
      return b;
    };
    const reasons = top.map((r) =>
      el(doc, 'li', {}, el(doc, 'strong', { text: CATEGORIES[r.category].label }), doc.createTextNode(': '), el(doc, 'q', { text: r.quote })),
    );
    const banner = el(
      doc,
      'section',
      { cls: 'panel banner', attrs: { role: 'status', 'aria-live': 'polite', 'aria-label': 'Second Look', 'data-level': v.level } },
      button('×', 'close', () => {
        this.hide();
        this.actions.dismiss();
      }, 'Dismiss on this page'),
      el(doc, 'h2', {}, el(doc, 'span', { cls: 'dot' }), doc.createTextNode(`Second Look: ${LEVEL_LABELS[v.level]}`)),
      el(doc, 'ul', {}, ...reasons),
      el(
        doc,
        'div',
        { cls: 'actions' },
        button('Show me', 'secondary', () => this.actions.showFirst()),
        button('Get help', '', () => this.actions.help()),
      ),
    );
    banner.style.setProperty('--c', LEVEL_COLOR[v.level]);
    banner.querySelector('.dot')?.setAttribute('style', `background:${LEVEL_COLOR[v.level]}`);
    this.node?.remove();
    this.node = banner;
    this.ui.root.append(banner);
  }

  hide(): void {
    this.node?.remove();
    this.node = null;
  }
}
