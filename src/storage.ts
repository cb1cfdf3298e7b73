// Every storage item, versioned. storage.local only: never sync (a watcher with the same account
// must not see the settings on another device); content scripts read it, so it holds no page text
// and no URL in clear (pages are keyed by a hash).
import { storage } from 'wxt/utils/storage';
import type { Category, Sensitivity } from './engine/types';

export interface Settings {
  sensitivity: Sensitivity;
  /** Neutral wording and icon, no in-page UI: the badge only. */
  discreet: boolean;
  /** Host names where nothing runs unless asked (subdomains included). */
  mutedSites: string[];
  disabledCategories: Category[];
  disabledRules: string[];
  /** The user opted in to reading every site (optional host permission granted). */
  watchAll: boolean;
}

/** The optional host permission "Watch every site" asks for (http and https only). */
export const ALL_SITES = { origins: ['*://*/*'] };

export const DEFAULT_SETTINGS: Settings = {
  sensitivity: 'normal',
  discreet: false,
  mutedSites: [],
  disabledCategories: [],
  disabledRules: [],
  watchAll: false,
};

// Version 1. A new field needs no migration (values are merged over the defaults on read); a
// renamed or reshaped field does: bump `version` and add `migrations: { 2: (v) => ... }`.
export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

export async function getSettings(): Promise<Settings> {
  return { ...DEFAULT_SETTINGS, ...(await settingsItem.getValue()) };
}

export async function updateSettings(change: (s: Settings) => Partial<Settings>): Promise<Settings> {
  const current = await getSettings();
  const next = { ...current, ...change(current) };
  await settingsItem.setValue(next);
  return next;
}

export function watchSettings(cb: (s: Settings) => void): () => void {
  return settingsItem.watch((v) => cb({ ...DEFAULT_SETTINGS, ...v }));
}

export function isMuted(settings: Settings, hostname: string): boolean {
  return settings.mutedSites.some((h) => hostname === h || hostname.endsWith('.' + h));
}

/** What the user dismissed on one page: the banner, and findings by findingKey. */
export interface PageDismissals {
  banner?: boolean;
  findings?: string[];
  at: number;
}

/** Most recent pages kept; older dismissals are forgotten. */
const MAX_PAGES = 300;

export const dismissalsItem = storage.defineItem<Record<string, PageDismissals>>('local:dismissals', {
  fallback: {},
  version: 1,
});

/** FNV-1a, two 32-bit lanes: enough to tell pages and quotes apart without keeping them in clear. */
function hash(s: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x811c9dc5) >>> 0;
  }
  return h1.toString(36) + h2.toString(36);
}

/** A page is origin + path + query (the fragment is not a page). */
export function pageKey(url: string): string {
  const u = new URL(url);
  return hash(u.origin + u.pathname + u.search);
}

export const findingKey = (f: { rule: string; quote: string }) => hash(`${f.rule}|${f.quote.toLowerCase()}`);

export async function getDismissals(url: string): Promise<PageDismissals> {
  return (await dismissalsItem.getValue())[pageKey(url)] ?? { at: 0 };
}

export async function dismiss(url: string, what: { banner: true } | { finding: string }): Promise<void> {
  const all = await dismissalsItem.getValue();
  const key = pageKey(url);
  const page: PageDismissals = { ...(all[key] ?? {}), at: Date.now() };
  if ('banner' in what) page.banner = true;
  else page.findings = [...new Set([...(page.findings ?? []), what.finding])];
  all[key] = page;
  const keep = Object.entries(all)
    .sort((a, b) => b[1].at - a[1].at)
    .slice(0, MAX_PAGES);
  await dismissalsItem.setValue(Object.fromEntries(keep));
}
