// The checks, written once against what Playwright's and Puppeteer's pages have in common, and
// run in Chromium and in Firefox.
import type Browser from 'webextension-polyfill';
import { expect } from 'vitest';
import { HOSTS, PAGES, screenshotPath, type Net } from './harness';

export interface TestPage {
  goto(url: string): Promise<unknown>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  screenshot(o: { path: string }): Promise<unknown>;
  keyboard: { down(key: string): Promise<void>; up(key: string): Promise<void>; press(key: string): Promise<void> };
  mouse: { move(x: number, y: number): Promise<void> };
  click(selector: string): Promise<void>;
  bringToFront(): Promise<void>;
}

export interface Browserish {
  name: string;
  /** The tab the tests read pages in (the oldest tab). */
  page: TestPage;
  /**
   * The extension's options page in a second tab: settings change through its real controls, and
   * its `browser` API reads what no page can (the badge, registered scripts, permissions).
   */
  ext: TestPage;
}

/** Page-world probes (the highlight registry is shared with the page's own scripts). */
const probe = {
  highlights: () => {
    const out: Record<string, string[]> = {};
    const reg = (globalThis as unknown as { CSS: { highlights?: Map<string, Set<Range>> } }).CSS.highlights;
    for (const [name, h] of reg ?? []) if (name.startsWith('second-look')) out[name] = [...h].map((r) => r.toString());
    return out;
  },
  ui: () => {
    const host = document.querySelector('second-look-ui');
    const root = host?.shadowRoot;
    return {
      hosts: document.querySelectorAll('second-look-ui').length,
      banner: root?.querySelector('.banner')?.textContent ?? null,
      card: root?.querySelector('.card')?.textContent ?? null,
      cardFocused: !!root?.activeElement && !!root.querySelector('.card')?.contains(root.activeElement),
    };
  },
  /** Our fallback boxes (text in the page's shadow trees is boxed: ::highlight() does not reach there). */
  boxes: () => document.querySelector('second-look-ui')?.shadowRoot?.querySelectorAll('.layer .box:not(.focus)').length ?? 0,
  /** Where a phrase sits inside the #card element's shadow tree (null until it is there). */
  shadowText: (phrase: string) => {
    const root = document.getElementById('card')?.shadowRoot;
    const walker = root && document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker?.nextNode(); n; n = walker!.nextNode()) {
      const at = n.textContent!.indexOf(phrase);
      if (at < 0) continue;
      const r = document.createRange();
      r.setStart(n, at);
      r.setEnd(n, at + phrase.length);
      const b = r.getBoundingClientRect();
      return { x: b.left + Math.min(12, b.width / 2), y: b.top + b.height / 2 };
    }
    return null;
  },
  mutations: () => (window as unknown as { __mutations: { type: string; node: string; parent?: string }[] }).__mutations,
};

/** Extension-page probes: they run where `browser` is the extension API (Chromium 156 has it natively too). */
const extProbe = {
  /** The test's tab (the oldest one that is not an extension page): its badge, or a check of it. */
  testTab: async (op: 'badge' | 'page' | 'selection') => {
    const api = (globalThis as unknown as { browser: Browser.Browser }).browser;
    const tabs = await api.tabs.query({});
    const tabId = tabs.filter((t) => !t.url?.startsWith(location.origin)).sort((a, b) => a.id! - b.id!)[0]!.id!;
    if (op === 'badge') return { text: await api.action.getBadgeText({ tabId }), title: await api.action.getTitle({ tabId }) };
    // What the popup's "Check this page" sends (the menu items call the same function).
    return (await api.runtime.sendMessage({ type: 'check-tab', tabId, what: op })) as { ok: boolean; error?: string };
  },
  watchAll: async () => {
    const api = (globalThis as unknown as { browser: Browser.Browser }).browser;
    const { settings } = (await api.storage.local.get('settings')) as { settings?: { watchAll?: boolean } };
    return {
      setting: !!settings?.watchAll,
      permission: await api.permissions.contains({ origins: ['*://*/*'] }),
      registered: (await api.scripting.getRegisteredContentScripts()).map((c) => c.id),
    };
  },
};

export const badge = (b: Browserish) => b.ext.evaluate(extProbe.testTab, 'badge') as Promise<{ text: string; title: string }>;
export const checkTab = (b: Browserish, what: 'page' | 'selection') => b.ext.evaluate(extProbe.testTab, what) as Promise<{ ok: boolean; error?: string }>;
const watchAllState = (b: Browserish) => b.ext.evaluate(extProbe.watchAll, undefined);

/** A click on the options page, as the user would; the test's tab comes back to the front (Firefox slows background tabs). */
async function setting(b: Browserish, selector: string): Promise<void> {
  await b.ext.bringToFront();
  await b.ext.click(selector);
  await b.page.bringToFront();
}

/** Loads another of the extension's pages in the `ext` tab (extension pages may navigate among themselves). */
export async function extGoto(ext: TestPage, path: string, ready: string): Promise<void> {
  await ext.evaluate((p) => void setTimeout(() => location.assign(p), 0), path);
  await until(ext, () => ext.evaluate((sel) => location.pathname + (document.querySelector(sel) ? ' ready' : ''), ready).catch(() => ''), (x) => x === `${path} ready`, path);
}

const allQuotes = (h: Record<string, string[]>) => Object.entries(h).filter(([n]) => n !== 'second-look-focus').flatMap(([, q]) => q);

export async function until<T>(page: TestPage, read: () => Promise<T>, ok: (v: T) => boolean, what: string, timeout = 15_000): Promise<T> {
  const end = Date.now() + timeout;
  let v = await read();
  while (!ok(v)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 150));
    v = await read();
  }
  return v;
}
const highlights = (p: TestPage) => p.evaluate(probe.highlights, undefined);
const ui = (p: TestPage) => p.evaluate(probe.ui, undefined);
/** Nothing to wait for on a page where nothing is found: give the reading time to finish. */
const settle = () => new Promise((r) => setTimeout(r, 2_000));

export async function riskyJob(b: Browserish): Promise<void> {
  const { page } = b;
  const t0 = Date.now();
  const lap = (what: string) => process.env.E2E_TIMING && console.log(`${b.name} ${what}: ${Date.now() - t0} ms`);
  await page.goto(PAGES.risky);
  const h = await until(page, () => highlights(page), (x) => allQuotes(x).length >= 5, 'highlights');
  const quotes = allQuotes(h).join(' | ');
  for (const phrase of ['keep your passport', 'visa fee', 'WhatsApp', 'Do not tell your family']) expect(quotes).toContain(phrase);
  // The reader's own draft in the textarea is never read.
  expect(quotes).not.toContain('keep my passport');
  expect(Object.keys(h).every((n) => n.startsWith('second-look-'))).toBe(true);
  lap('highlights');
  const u = await until(page, () => ui(page), (x) => !!x.banner, 'banner');
  expect(u.banner).toMatch(/High/);
  expect(u.hosts).toBe(1);
  // The page's own observer saw exactly one change: our host element, added to <html>.
  const muts = await page.evaluate(probe.mutations, undefined);
  expect(muts).toEqual([{ type: 'added', node: 'second-look-ui', parent: 'html' }]);
  await page.screenshot({ path: screenshotPath(`${b.name}-risky-banner`) });

  lap('banner');
  const bdg = await until(page, () => badge(b), (x) => x.text !== '', 'badge');
  expect(Number(bdg.text)).toBeGreaterThanOrEqual(5);
  expect(bdg.title).toMatch(/High/);
  expect(bdg.title).toMatch(/Someone else holds your papers/);

  // Hover: the card explains the passage under the pointer.
  const rect = await page.evaluate(() => {
    const reg = (globalThis as unknown as { CSS: { highlights: Map<string, Set<Range>> } }).CSS.highlights;
    const r = [...reg.get('second-look-hard') ?? reg.get('second-look-strong')!][0]!.getBoundingClientRect();
    return { x: r.left + Math.min(10, r.width / 2), y: r.top + r.height / 2 };
  }, undefined);
  await page.mouse.move(rect.x, rect.y);
  lap('badge');
  const withCard = await until(page, () => ui(page), (x) => !!x.card, 'hover card');
  expect(withCard.card).toMatch(/Get help/);
  expect(withCard.card).toMatch(/Not a problem here/);
  expect(withCard.card).toMatch(/Turn off this rule/);
  await page.screenshot({ path: screenshotPath(`${b.name}-risky-card`) });
  await page.mouse.move(5, 5);
  lap('hover card shown');
  await until(page, () => ui(page), (x) => !x.card, 'card closes when the pointer leaves');

  // Keyboard: Alt+Shift+N opens the next finding's card with focus in it; Esc closes it.
  await page.keyboard.down('Alt');
  await page.keyboard.down('Shift');
  await page.keyboard.press('KeyN');
  await page.keyboard.up('Shift');
  await page.keyboard.up('Alt');
  lap('card closed');
  const focused = await until(page, () => ui(page), (x) => !!x.card && x.cardFocused, 'keyboard card');
  expect(focused.card).toBeTruthy();
  await page.keyboard.press('Escape');
  await until(page, () => ui(page), (x) => !x.card, 'Esc closes the card');
}

export async function honestJob(b: Browserish): Promise<void> {
  const { page } = b;
  await page.goto(PAGES.honest);
  await notRead(b);
  expect(await page.evaluate(probe.mutations, undefined)).toEqual([]);
  // Also: the risky page's badge is gone now that the tab moved on.
  expect(await badge(b)).toEqual({ text: '', title: 'Second Look' });
  await page.screenshot({ path: screenshotPath(`${b.name}-honest`) });
}

export async function article(b: Browserish): Promise<void> {
  const { page } = b;
  await page.goto(PAGES.article);
  await settle();
  expect((await ui(page)).banner).toBeNull();
  await page.screenshot({ path: screenshotPath(`${b.name}-article`) });
}

export async function infiniteFeed(b: Browserish): Promise<void> {
  const { page } = b;
  await page.goto(PAGES.feed);
  await settle();
  expect(allQuotes(await highlights(page))).toEqual([]);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight), undefined);
  const h = await until(page, () => highlights(page), (x) => allQuotes(x).some((q) => q.includes('Telegram')), 'new listings highlighted');
  expect(allQuotes(h).join(' | ')).toMatch(/processing fee/);
  // The listing the page hides (display: none) came in the same batch, read before its layout: not read.
  expect(allQuotes(h).join(' | ')).not.toMatch(/keep your passport|visa fee/);
  await page.screenshot({ path: screenshotPath(`${b.name}-feed`) });
}

export async function chat(b: Browserish): Promise<void> {
  const { page } = b;
  await page.goto(PAGES.chat);
  const h = await until(page, () => highlights(page), (x) => allQuotes(x).some((q) => q.includes('Do not tell your family')), 'incoming messages highlighted');
  const quotes = allQuotes(h).join(' | ');
  expect(quotes).toMatch(/keep your passport/);
  // The compose box says "keep my passport" and "visa fee": the reader's own words are not read.
  expect(quotes).not.toMatch(/keep my passport/);
  expect(quotes).not.toMatch(/Should I pay/);
  await page.screenshot({ path: screenshotPath(`${b.name}-chat`) });
}

/** Settings change on the options page; the open page follows at once, without a reload. */
export async function liveSettings(b: Browserish): Promise<void> {
  const { page } = b;
  await page.goto(PAGES.risky);
  await until(page, () => highlights(page), (x) => allQuotes(x).some((q) => q.includes('keep your passport')), 'highlights');
  await until(page, () => ui(page), (x) => !!x.banner, 'banner');
  const category = 'input[data-category="document-control"]';

  // A category off: its highlights go, the others stay; on again: back.
  await setting(b, category);
  const off = await until(page, () => highlights(page), (x) => allQuotes(x).length > 0 && !allQuotes(x).some((q) => q.includes('keep your passport')), 'category off');
  expect(allQuotes(off).join(' | ')).toContain('visa fee');
  expect((await badge(b)).title).not.toMatch(/Someone else holds your papers/);
  await page.screenshot({ path: screenshotPath(`${b.name}-settings-category-off`) });
  await setting(b, category);
  await until(page, () => highlights(page), (x) => allQuotes(x).some((q) => q.includes('keep your passport')), 'category on again');

  // Discreet mode: nothing on the page, the badge stays with a neutral tooltip, the popup's wording is neutral.
  await setting(b, '#discreet');
  const quiet = await until(page, async () => ({ h: allQuotes(await highlights(page)), u: await ui(page) }), (x) => !x.h.length && !x.u.banner, 'discreet: page left alone');
  expect(quiet.u.card).toBeNull();
  const neutral = await until(page, () => badge(b), (x) => /notes?$/.test(x.title), 'neutral badge tooltip');
  expect(Number(neutral.text)).toBeGreaterThanOrEqual(5);
  expect(neutral.title).toMatch(/^Second Look: \d+ notes$/);
  await page.screenshot({ path: screenshotPath(`${b.name}-settings-discreet`) });
  await extGoto(b.ext, '/popup.html', '#check');
  await b.ext.evaluate(() => {
    (document.getElementById('text') as HTMLTextAreaElement).value = 'You must pay a $350 visa fee before you start. The manager will keep your passport.';
  }, undefined);
  await b.ext.click('#check button[type=submit]');
  const popup = await until(b.ext, () => b.ext.evaluate(() => document.getElementById('result')!.textContent ?? '', undefined), (x) => x !== '', 'popup check');
  expect(popup).toMatch(/^\d+ notes?/);
  expect(popup).not.toMatch(/High|Medium|warning/);
  await extGoto(b.ext, '/options.html', '#discreet');
  await setting(b, '#discreet');
  await until(page, () => ui(page), (x) => !!x.banner, 'banner back after discreet mode');

  // Muting the site: everything goes, the badge too; unmuting reads the page again.
  await b.ext.evaluate(() => {
    (document.getElementById('mute-host') as HTMLInputElement).value = 'indeed.com';
  }, undefined);
  await setting(b, '#mute-form button[type=submit]');
  await until(page, async () => ({ h: allQuotes(await highlights(page)), u: await ui(page) }), (x) => !x.h.length && x.u.hosts === 0, 'muted: nothing left');
  await until(page, () => badge(b), (x) => x.text === '', 'muted: badge cleared');
  await page.screenshot({ path: screenshotPath(`${b.name}-settings-muted`) });
  await setting(b, '#muted button');
  await until(page, () => highlights(page), (x) => allQuotes(x).some((q) => q.includes('keep your passport')), 'unmuted: read again');
}

/** Sensitivity moves the banner: two weak signs warn only at "Earlier". */
export async function liveSensitivity(b: Browserish): Promise<void> {
  const { page } = b;
  await page.goto(PAGES.mild);
  await until(page, () => badge(b), (x) => x.text !== '', 'badge');
  expect((await ui(page)).banner).toBeNull();
  await setting(b, 'input[name=sensitivity][value=high]');
  const u = await until(page, () => ui(page), (x) => !!x.banner, 'banner at high sensitivity');
  expect(u.banner).toMatch(/Medium/);
  await page.screenshot({ path: screenshotPath(`${b.name}-settings-sensitivity-high`) });
  await setting(b, 'input[name=sensitivity][value=normal]');
  await until(page, () => ui(page), (x) => !x.banner, 'no banner at normal sensitivity');
}

/** Text in an open shadow root: read, watched for changes, boxed, and explained on hover. */
export async function shadowRoots(b: Browserish): Promise<void> {
  const { page } = b;
  await page.goto(PAGES.shadow);
  const first = await until(page, () => page.evaluate(probe.boxes, undefined), (n) => n > 0, 'boxes over shadow-tree text');
  // The paragraph added inside the shadow tree 1.5 s later is read too.
  await until(page, () => page.evaluate(probe.boxes, undefined), (n) => n > first, 'text added inside the shadow tree');
  const hover = async (phrase: string) => {
    const at = await page.evaluate(probe.shadowText, phrase);
    if (!at) return null;
    await page.mouse.move(5, 5);
    await page.mouse.move(at.x, at.y);
    return until(page, () => ui(page), (x) => !!x.card, `card over "${phrase}"`, 3_000).catch(() => null);
  };
  const card = await until(page, () => hover('Do not tell your family'), (x) => !!x?.card?.includes('Do not tell your family'), 'hover card in the shadow tree');
  expect(card!.card).toMatch(/Rushed or told to keep it secret/);
  await page.screenshot({ path: screenshotPath(`${b.name}-shadow-card`) });
  await page.mouse.move(5, 5);
}

/** A single-page app: the feed is not on the list, a group is; pushState moves between them. */
export async function singlePageApp(b: Browserish): Promise<void> {
  const { page } = b;
  await page.goto(PAGES.spa);
  await notRead(b);
  await page.click('#group');
  const h = await until(page, () => highlights(page), (x) => allQuotes(x).some((q) => q.includes('keep your passport')), 'group post read after pushState');
  expect(allQuotes(h).join(' | ')).toContain('visa fee');
  await until(page, () => ui(page), (x) => !!x.banner, 'banner in the group');
  await until(page, () => badge(b), (x) => x.text !== '', 'badge in the group');
  await page.screenshot({ path: screenshotPath(`${b.name}-spa-group`) });
  await page.click('#home');
  await until(page, async () => ({ h: allQuotes(await highlights(page)), u: await ui(page) }), (x) => !x.h.length && x.u.hosts === 0, 'back on the feed: nothing');
  await until(page, () => badge(b), (x) => x.text === '', 'badge cleared on the feed');
  await page.screenshot({ path: screenshotPath(`${b.name}-spa-feed`) });
}

/** What an on-demand check shows on a page not on the list: highlights, and the banner whatever the level. */
export async function checkedOnDemand(b: Browserish, shot: string): Promise<string[]> {
  const { page } = b;
  const h = await until(page, () => highlights(page), (x) => allQuotes(x).length > 0, 'highlights after the check');
  await until(page, () => ui(page), (x) => !!x.banner, 'banner after the check');
  await until(page, () => badge(b), (x) => x.text !== '', 'badge after the check');
  await page.screenshot({ path: screenshotPath(`${b.name}-${shot}`) });
  return allQuotes(h);
}

/** Selects the list item that holds `phrase` on the test page. */
export async function selectText(page: TestPage, phrase: string): Promise<void> {
  await page.evaluate((p) => {
    const li = [...document.querySelectorAll('li')].find((x) => x.textContent!.includes(p))!;
    const r = document.createRange();
    r.selectNodeContents(li);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(r);
  }, phrase);
}

/** Nothing read, or nothing found: no highlights, no UI, no badge. */
export async function notRead(b: Browserish): Promise<void> {
  await settle();
  expect(allQuotes(await highlights(b.page))).toEqual([]);
  expect((await ui(b.page)).hosts).toBe(0);
  expect((await badge(b)).text).toBe('');
}

/**
 * "Watch every site" on: the permission is granted at the click (where the browser lets a test
 * grant it), the content script is registered, and a page not on the list is read unasked; off
 * again: unregistered, permission returned.
 */
export async function watchEverySite(b: Browserish): Promise<void> {
  const { page } = b;
  await page.goto(PAGES.elsewhere3);
  await notRead(b);
  await setting(b, '#watch-all');
  const on = await until(b.ext, () => watchAllState(b), (x) => x.registered.length > 0, 'content script registered');
  expect(on).toEqual({ setting: true, permission: true, registered: ['second-look-all-sites'] });
  await page.goto(PAGES.elsewhere3);
  const h = await until(page, () => highlights(page), (x) => allQuotes(x).some((q) => q.includes('keep your passport')), 'read without asking');
  expect(allQuotes(h).join(' | ')).not.toContain('keep my passport');
  await page.screenshot({ path: screenshotPath(`${b.name}-watch-all`) });
  await setting(b, '#watch-all');
  const off = await until(b.ext, () => watchAllState(b), (x) => x.registered.length === 0 && !x.permission, 'unregistered');
  expect(off.setting).toBe(false);
}

/** Where the permission prompt cannot be answered (headless Chromium): asking changes nothing until the user says yes. */
export async function watchEverySiteAsks(b: Browserish): Promise<void> {
  await setting(b, '#watch-all');
  await new Promise((r) => setTimeout(r, 1_000));
  expect(await watchAllState(b)).toEqual({ setting: false, permission: false, registered: [] });
}

/**
 * Every connection the browser tried went to a fixture page, or to one of the browser's own
 * services (named per browser, each with the reason; the extension never talks to them).
 */
export function noStrayRequests(net: Net, browserOwn: RegExp[] = []): void {
  const stray = net.refused.filter((r) => !browserOwn.some((re) => re.test(r)));
  expect(stray).toEqual([]);
  const known = new Set<string>(Object.values(PAGES));
  for (const u of net.served) {
    const url = new URL(u);
    expect(HOSTS).toContain(url.hostname);
    expect(known.has(u) || url.pathname === '/page-observer.js' || url.pathname === '/favicon.ico').toBe(true);
  }
}
