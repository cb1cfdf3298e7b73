// The toolbar popup: what this tab's page showed, "Check this page", and a paste-a-text check.
import browser from 'webextension-polyfill';
import { CATEGORIES, LEVEL_LABELS } from '../../src/engine/categories';
import type { ScanResult } from '../../src/engine/types';
import { sendToBackground, type PageVerdict } from '../../src/messages';
import { getSettings } from '../../src/storage';
import { h } from '../../src/ui/dom';

const $ = (id: string) => document.getElementById(id)!;
let discreet = false;

/** Discreet mode: the same facts in words that do not alarm an onlooker. */
const levelText = (level: keyof typeof LEVEL_LABELS, count: number) =>
  discreet ? (count ? `${count} note${count > 1 ? 's' : ''}` : 'No notes') : LEVEL_LABELS[level];

function renderTab(v: PageVerdict | null, error?: string): void {
  const out = $('tab');
  if (error) return out.replaceChildren(h('p', { cls: 'small', text: 'This page cannot be read (browser pages and stores do not allow it).' }));
  if (!v) return out.replaceChildren(h('p', { cls: 'small', text: 'This page has not been read.' }));
  out.replaceChildren(
    h('p', { cls: `verdict ${v.level}`, text: levelText(v.level, v.count) }),
    ...v.reasons.map((r) => h('p', { cls: 'reason' }, h('strong', { text: CATEGORIES[r.category].label }), ': ', h('q', { text: r.quote }))),
  );
}

function renderScan(r: ScanResult): void {
  $('result').replaceChildren(
    h('p', { cls: 'verdict', text: levelText(r.level, r.findings.length) }),
    ...r.findings.map((f) => {
      const box = h('div', { cls: 'finding' }, h('strong', { text: CATEGORIES[f.category].label }), h('br'), h('q', { text: f.quote }), h('small', { text: f.explanation }));
      box.style.setProperty('--c', CATEGORIES[f.category].color);
      return box;
    }),
  );
}

async function activeTabId(): Promise<number | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

async function main(): Promise<void> {
  discreet = (await getSettings()).discreet;
  const tabId = await activeTabId();
  if (tabId !== undefined) renderTab(await sendToBackground({ type: 'tab-verdict', tabId }));

  $('check-page').addEventListener('click', async () => {
    if (tabId === undefined) return;
    const r = await sendToBackground({ type: 'check-tab', tabId, what: 'page' });
    if (!r.ok) return renderTab(null, r.error);
    // The page answers in its own time; show its verdict once it has one.
    setTimeout(async () => renderTab(await sendToBackground({ type: 'tab-verdict', tabId })), 800);
  });
  $('check').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const text = ($('text') as HTMLTextAreaElement).value;
    renderScan(await sendToBackground({ type: 'scan-text', text }));
  });
  $('help').addEventListener('click', (e) => {
    e.preventDefault();
    void sendToBackground({ type: 'open-help' }).then(() => window.close());
  });
  $('settings').addEventListener('click', (e) => {
    e.preventDefault();
    void browser.runtime.openOptionsPage().then(() => window.close());
  });
}

void main();
