// The explanation card for one finding: what the pattern is, where it is documented, and what the
// reader can do. Opens on hover and on keyboard focus; Esc closes it.
import { CATEGORIES } from '../../engine/categories';
import type { Finding } from '../../engine/types';
import { el, type UiHost } from './host';

export interface CardActions {
  help(): void;
  notAProblem(f: Finding): void;
  turnOffRule(f: Finding): void;
  /** The card closed (Esc, ×, or an action). */
  closed(byKeyboard: boolean): void;
}

const safeUrl = (u: string | undefined) => (u && /^https:\/\//i.test(u) ? u : null);

export class Card {
  private node: HTMLElement | null = null;
  finding: Finding | null = null;

  constructor(
    private readonly ui: UiHost,
    private readonly actions: CardActions,
  ) {}

  get open(): boolean {
    return !!this.node?.isConnected;
  }

  contains(n: Node | null): boolean {
    return !!n && !!this.node && this.node.contains(n);
  }

  show(f: Finding, anchor: DOMRect, { focus }: { focus: boolean }): void {
    const doc = this.ui.root.ownerDocument;
    const cat = CATEGORIES[f.category];
    const id = 'sl-card-title';
    const sources = f.source.map((s) => {
      // An indicator names a published list; a seed names the background article's section.
      const label = s.indicator ?? (s.seed ? `Background: ${s.seed}` : (s.url ?? ''));
      const url = safeUrl(s.url);
      return el(doc, 'li', {}, url ? el(doc, 'a', { text: label, attrs: { href: url, target: '_blank', rel: 'noopener noreferrer' } }) : doc.createTextNode(label));
    });
    const button = (text: string, cls: string, act: () => void) => {
      const b = el(doc, 'button', { text, cls, attrs: { type: 'button' } });
      b.addEventListener('click', act);
      return b;
    };
    const card = el(
      doc,
      'div',
      { cls: 'panel card', attrs: { role: 'dialog', 'aria-labelledby': id, 'aria-modal': 'false', 'data-rule': f.rule } },
      button('×', 'close', () => this.close(false)),
      el(doc, 'h2', { attrs: { id } }, el(doc, 'span', { cls: 'dot' }), doc.createTextNode(cat.label)),
      el(doc, 'p', {}, el(doc, 'q', { text: f.quote })),
      el(doc, 'p', { text: f.explanation }),
      sources.length ? el(doc, 'p', { cls: 'muted', text: 'Source:' }) : null,
      sources.length ? el(doc, 'ul', { cls: 'muted' }, ...sources) : null,
      el(
        doc,
        'div',
        { cls: 'actions' },
        button('Get help', '', () => this.actions.help()),
        button('Not a problem here', 'secondary', () => {
          this.actions.notAProblem(f);
          this.close(false);
        }),
        button('Turn off this rule', 'secondary', () => {
          this.actions.turnOffRule(f);
          this.close(false);
        }),
      ),
    );
    card.style.setProperty('--c', cat.color);
    card.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        this.close(true);
      }
    });
    this.node?.remove();
    this.node = card;
    this.finding = f;
    this.ui.root.append(card);
    this.place(anchor);
    if (focus) (card.querySelector('.actions button') as HTMLElement | null)?.focus();
  }

  /** Below the text if it fits, else above; always inside the viewport. */
  private place(a: DOMRect): void {
    const card = this.node!;
    const win = card.ownerDocument.defaultView!;
    const w = card.offsetWidth || 340;
    const h = card.offsetHeight || 200;
    const left = Math.max(8, Math.min(a.left, win.innerWidth - w - 8));
    const below = a.bottom + 6;
    const top = below + h <= win.innerHeight - 8 ? below : Math.max(8, a.top - h - 6);
    card.style.left = `${left}px`;
    card.style.top = `${top}px`;
  }

  close(byKeyboard: boolean): void {
    if (!this.node) return;
    this.node.remove();
    this.node = null;
    this.finding = null;
    this.actions.closed(byKeyboard);
  }
}
