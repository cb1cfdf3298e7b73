// The checks, written once against what Playwright's and Puppeteer's pages have in common, and
// run in Chromium and in Firefox.
import { expect } from 'vitest';
import { HOSTS, PAGES, screenshotPath, type Net } from './harness';

export interface TestPage {
  goto(url: string): Promise<unknown>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  screenshot(o: { path: string }): Promise<unknown>;
  keyboard: { down(key: string): Promise<void>; up(key: string): Promise<void>; press(key: string): Promise<void> };
  mouse: { move(x: number, y: number): Promise<void> };
}

export interface Browserish {
  name: string;
  page: TestPage;
  /** The toolbar badge of the test's tab, where the driver can read it. */
  badge?: () => Promise<{ text: string; title: string }>;
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
  mutations: () => (window as unknown as { __mutations: { type: string; node: string; parent?: string }[] }).__mutations,
};

const allQuotes = (h: Record<string, string[]>) => Object.entries(h).filter(([n]) => n !== 'second-look-focus').flatMap(([, q]) => q);

async function until<T>(page: TestPage, read: () => Promise<T>, ok: (v: T) => boolean, what: string, timeout = 15_000): Promise<T> {
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
  if (b.badge) {
    const badge = await until(page, () => b.badge!(), (x) => x.text !== '', 'badge');
    expect(Number(badge.text)).toBeGreaterThanOrEqual(5);
    expect(badge.title).toMatch(/High/);
    expect(badge.title).toMatch(/Someone else holds your papers/);
  }

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
  await settle();
  expect(allQuotes(await highlights(page))).toEqual([]);
  expect((await ui(page)).hosts).toBe(0);
  expect(await page.evaluate(probe.mutations, undefined)).toEqual([]);
  if (b.badge) expect((await b.badge()).text).toBe('');
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
