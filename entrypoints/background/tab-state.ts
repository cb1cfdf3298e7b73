// What the background knows about each tab: the findings each frame reported (never the page's
// text beyond their quotes) and the page kind. Kept in storage.session, which content scripts
// cannot read and which is gone when the browser closes, so an idle service worker loses nothing.
import browser from 'webextension-polyfill';
import { verdict } from '../../src/engine/score';
import { SEVERITY_WEIGHT } from '../../src/engine/score';
import type { Kind, Sensitivity } from '../../src/engine/types';
import type { FindingSummary, PageVerdict } from '../../src/messages';

export interface TabState {
  kind?: Kind;
  frames: Record<string, FindingSummary[]>;
}

const key = (tabId: number) => `tab:${tabId}`;
const area = () => browser.storage.session;

export async function getTab(tabId: number): Promise<TabState> {
  const k = key(tabId);
  return ((await area().get(k))[k] as TabState | undefined) ?? { frames: {} };
}

export async function setTab(tabId: number, state: TabState): Promise<void> {
  await area().set({ [key(tabId)]: state });
}

/** Every tab with findings on record (for repainting all badges when discreet mode flips). */
export async function knownTabs(): Promise<number[]> {
  return Object.keys(await area().get(null))
    .filter((k) => k.startsWith('tab:'))
    .map((k) => Number(k.slice(4)));
}

export async function forgetTab(tabId: number): Promise<void> {
  await area().remove(key(tabId));
}

/** The tab's verdict over every frame: one category counts once, at its heaviest finding. */
export function tabVerdict(state: TabState, sensitivity: Sensitivity): PageVerdict {
  const all = Object.values(state.frames).flat();
  const kind = state.kind ?? 'other';
  // verdict() reads only category and severity.
  const v = verdict(all, kind, sensitivity);
  const heaviest = new Map<string, FindingSummary>();
  for (const f of all) {
    const had = heaviest.get(f.category);
    if (!had || SEVERITY_WEIGHT[had.severity] < SEVERITY_WEIGHT[f.severity]) heaviest.set(f.category, f);
  }
  const reasons = [...heaviest.values()].sort((a, b) => SEVERITY_WEIGHT[b.severity] - SEVERITY_WEIGHT[a.severity]);
  return { level: v.level, score: v.score, kind, count: all.length, reasons };
}
