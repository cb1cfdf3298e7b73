import browser from 'webextension-polyfill';
import { CATEGORIES, LEVEL_LABELS } from '../../src/engine/categories';
import type { ScanResult } from '../../src/engine/types';
import type { ToBackground } from '../../src/messages';

// Page text is only ever set as textContent: never parsed as HTML.
function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function render(r: ScanResult): void {
  const out = document.getElementById('result')!;
  out.replaceChildren(el('p', LEVEL_LABELS[r.level], 'verdict'));
  for (const f of r.findings) {
    const box = el('div', undefined, 'finding');
    box.style.setProperty('--c', CATEGORIES[f.category].color);
    box.append(el('strong', CATEGORIES[f.category].label), el('br'), el('q', f.quote), el('small', f.explanation));
    out.append(box);
  }
}

document.getElementById('check')!.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const text = (document.getElementById('text') as HTMLTextAreaElement).value;
  const message: ToBackground = { type: 'scan-text', text };
  render((await browser.runtime.sendMessage(message)) as ScanResult);
});
