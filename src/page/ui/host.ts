// The one element we add to a page: a host with a shadow root holding all our UI (card, banner,
// fallback boxes). Made on first need, so a page with nothing to show is left exactly as it was.
// The shadow root is open: the page learns nothing from it that the host element and the shared
// highlight registry do not already tell it, and tests can read it.
import { HOST_TAG } from '../extract';
import { UI_CSS } from './style';

export class UiHost {
  private host: HTMLElement | null = null;
  private shadowRoot: ShadowRoot | null = null;
  private layerEl: HTMLElement | null = null;

  constructor(private readonly doc: Document) {}

  get root(): ShadowRoot {
    if (this.shadowRoot && this.host?.isConnected) return this.shadowRoot;
    const host = this.doc.createElement(HOST_TAG);
    // Inline styles beat the page's `* { … }` rules; `all: initial` stops inheritance.
    host.style.cssText = 'all:initial;position:fixed;top:0;left:0;width:0;height:0;z-index:2147483647;';
    const root = host.attachShadow({ mode: 'open' });
    // A <style> inside our shadow root: constructable sheets trip over Firefox's content-script Xrays.
    const style = this.doc.createElement('style');
    style.textContent = UI_CSS;
    root.append(style);
    this.doc.documentElement.append(host);
    this.host = host;
    this.shadowRoot = root;
    this.layerEl = null;
    return root;
  }

  /** Full-viewport, click-through layer for the fallback boxes. */
  layer(): HTMLElement {
    if (this.layerEl?.isConnected) return this.layerEl;
    const l = this.doc.createElement('div');
    l.className = 'layer';
    this.root.prepend(l);
    this.layerEl = l;
    return l;
  }

  get exists(): boolean {
    return !!this.host?.isConnected;
  }

  contains(node: Node | null): boolean {
    return !!node && !!this.host && (node === this.host || this.host.contains(node));
  }

  remove(): void {
    this.host?.remove();
    this.host = null;
    this.shadowRoot = null;
    this.layerEl = null;
  }
}

export { el } from '../../ui/dom';
