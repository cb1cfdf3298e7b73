// Debian Chromium, driven by playwright-core, with the built extension loaded unpacked.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Browser from 'webextension-polyfill';
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROME_EXT, chromiumArgs, ensureBuilt, PAGES, screenshotPath, startNet, type Net } from './harness';
import {
  article,
  chat,
  checkedOnDemand,
  honestJob,
  infiniteFeed,
  liveSensitivity,
  liveSettings,
  noStrayRequests,
  notRead,
  riskyJob,
  selectText,
  shadowRoots,
  singlePageApp,
  until,
  watchEverySiteAsks,
  type Browserish,
} from './scenarios';

const EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('Chromium', () => {
  let net: Net;
  let context: BrowserContext;
  let sw: Worker;
  let page: Page;
  let profile: string;
  let b: Browserish;
  let cdp: CDPSession;
  let extensionId: string;
  const fromExtension: string[] = [];

  /** Runs JS in an extension popup (not a Playwright page: reached over the browser's own CDP session). */
  interface Popup {
    eval<T>(expression: string): Promise<T>;
    screenshot(path: string): Promise<void>;
    close(): Promise<void>;
  }

  /**
   * A real toolbar click on the test tab (CDP Extensions.triggerAction, which needs
   * --enable-unsafe-extension-debugging and a pipe connection): grants activeTab and opens the popup.
   */
  async function toolbarClick(): Promise<Popup> {
    const targets = async () => (await cdp.send('Target.getTargets', { filter: [{}] })).targetInfos;
    const tab = (await targets()).find((t) => t.type === 'tab' && t.url === page.url());
    if (!tab) throw new Error(`no tab target for ${page.url()}`);
    await cdp.send('Extensions.triggerAction', { id: extensionId, targetId: tab.targetId });
    const popupUrl = `chrome-extension://${extensionId}/popup.html`;
    const target = await until(page, async () => (await targets()).find((t) => t.type === 'page' && t.url === popupUrl), (t) => !!t, 'popup');
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target!.targetId, flatten: false });
    type Answer = { id: number; result?: { result?: { value?: unknown }; data?: string } };
    let next = 0;
    const waiting = new Map<number, (m: Answer) => void>();
    const onMessage = (e: { sessionId?: string; message: string }) => {
      const m = JSON.parse(e.message) as Answer;
      if (e.sessionId === sessionId) waiting.get(m.id)?.(m);
    };
    cdp.on('Target.receivedMessageFromTarget', onMessage);
    const send = (method: string, params: object) =>
      new Promise<Answer>((resolve) => {
        const id = ++next;
        waiting.set(id, resolve);
        void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
      });
    return {
      eval: async <T>(expression: string) =>
        (await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true, userGesture: true })).result?.result?.value as T,
      screenshot: async (path) => writeFileSync(path, Buffer.from((await send('Page.captureScreenshot', {})).result!.data!, 'base64')),
      close: async () => {
        cdp.off('Target.receivedMessageFromTarget', onMessage);
        await cdp.send('Target.closeTarget', { targetId: target!.targetId });
      },
    };
  }

  beforeAll(async () => {
    const t0 = Date.now();
    ensureBuilt();
    if (process.env.E2E_TIMING) console.log('built', Date.now() - t0);
    net = await startNet();
    profile = mkdtempSync(join(tmpdir(), 'sl-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: EXECUTABLE,
      headless: true,
      ignoreHTTPSErrors: true,
      viewport: { width: 1100, height: 800 },
      args: chromiumArgs(CHROME_EXT, net.proxyPort, [
        // For Extensions.triggerAction (a toolbar click); Playwright talks to Chromium over a pipe.
        '--enable-unsafe-extension-debugging',
      ]),
    });
    context.on('request', (r) => {
      const by = r.serviceWorker()?.url() ?? r.frame()?.url() ?? '';
      // An extension page loading its own files is fine; anything else from the extension is not.
      if (by.startsWith('chrome-extension://') && !r.url().startsWith('chrome-extension://')) fromExtension.push(r.url());
    });
    sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    page = context.pages()[0] ?? (await context.newPage());
    if (process.env.E2E_TIMING) console.log('launched', Date.now() - t0);
    extensionId = new URL(sw.url()).host;
    cdp = await context.browser()!.newBrowserCDPSession();
    const ext = await context.newPage();
    await ext.goto(`chrome-extension://${extensionId}/options.html`);
    await page.bringToFront();
    b = { name: 'chromium', page, ext };
  });

  afterAll(async () => {
    const t0 = Date.now();
    await context?.close();
    if (process.env.E2E_TIMING) console.log('closed', Date.now() - t0);
    await net?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('highlights a risky job ad, shows the banner, badge and card', () => riskyJob(b));
  it('leaves an honest job ad alone', () => honestJob(b));
  it('shows no banner on an article about trafficking', () => article(b));
  it('reads listings a single-page feed loads on scroll', () => infiniteFeed(b));
  it('reads incoming chat messages, never the compose box', () => chat(b));
  it('"Get help" opens the help page for the browser locale, with the emergency fallback', async () => {
    await page.goto(PAGES.risky);
    await expect.poll(() => page.evaluate(() => !!document.querySelector('second-look-ui')?.shadowRoot?.querySelector('.banner')), { timeout: 15_000 }).toBe(true);
    const opened = context.waitForEvent('page');
    await page.evaluate(() => {
      const buttons = document.querySelector('second-look-ui')!.shadowRoot!.querySelectorAll<HTMLButtonElement>('.banner button');
      [...buttons].find((x) => x.textContent === 'Get help')!.click();
    });
    const help = await opened;
    await help.waitForLoadState();
    await expect.poll(() => help.locator('#list article').count()).toBeGreaterThan(2);
    const text = await help.locator('main').innerText();
    expect(text).toMatch(/immediate danger/);
    expect(text).toMatch(/Global Modern Slavery Directory/);
    expect(text).toMatch(/1-888-373-7888/); // en-US: the US National Human Trafficking Hotline
    await help.screenshot({ path: screenshotPath('chromium-help'), fullPage: false });
    await help.close();
  });

  it('settings apply live: category off, discreet mode, muted site', () => liveSettings(b));
  it('sensitivity moves the banner live', () => liveSensitivity(b));
  it('reads and watches open shadow roots, with hover cards there', () => shadowRoots(b));
  it('follows a single-page app between listed and unlisted paths (pushState)', () => singlePageApp(b));

  it('"Check this page" in the toolbar popup reads a page not on the list', async () => {
    await page.goto(PAGES.elsewhere);
    await notRead(b);
    const popup = await toolbarClick();
    const tabText = () => popup.eval<string>('document.getElementById("tab")?.textContent ?? ""');
    // The popup says so, and its button is wired, once it has asked the background about the tab.
    await until(page, tabText, (t) => /not been read/.test(t), 'popup ready');
    await popup.eval('document.getElementById("check-page").click()');
    const quotes = (await checkedOnDemand(b, 'popup-check-page')).join(' | ');
    for (const phrase of ['keep your passport', 'visa fee', 'WhatsApp']) expect(quotes).toContain(phrase);
    expect(quotes).not.toContain('keep my passport');
    // The popup shows the tab's verdict once the page has answered.
    await until(page, tabText, (t) => /High/.test(t), 'verdict in the popup');
    await popup.screenshot(screenshotPath('chromium-popup-verdict'));
    await popup.close();
  });

  it('context menu: "Check selected text" reads the selection only, "Check this page" the rest', async () => {
    await page.goto(PAGES.elsewhere2);
    await notRead(b);
    await selectText(page, 'keep your passport');
    // A real menu click grants activeTab; a dispatched click event does not, so the toolbar grants it here.
    await (await toolbarClick()).close();
    const click = (menuItemId: string) =>
      sw.evaluate(async (id) => {
        const chrome = (globalThis as unknown as { chrome: Browser.Browser & { contextMenus: { onClicked: { dispatch(...a: unknown[]): void } } } }).chrome;
        const [tab] = (await chrome.tabs.query({})).filter((t) => !t.url?.startsWith('chrome-extension:')).sort((x, y) => x.id! - y.id!);
        const selectionText = id === 'check-selection' ? 'For your safety the manager will keep your passport while you work with us.' : undefined;
        chrome.contextMenus.onClicked.dispatch({ menuItemId: id, editable: false, frameId: 0, pageUrl: tab!.url, selectionText }, tab);
      }, menuItemId);
    await click('check-selection');
    const selected = await checkedOnDemand(b, 'menu-check-selection');
    expect(selected.join(' | ')).toContain('keep your passport');
    expect(selected.join(' | ')).not.toContain('visa fee');
    await click('check-page');
    await until(page, () => page.evaluate(() => [...(CSS.highlights as unknown as Map<string, Set<Range>>).values()].flatMap((h) => [...h].map(String)).join(' | '), undefined), (q) => q.includes('visa fee'), 'whole page after "Check this page"');
  });

  it('"Watch every site" asks for the permission and changes nothing until it is granted', () => watchEverySiteAsks(b));

  it('makes no network request of its own', () => {
    // Chromium's own services (updates, sign-in, autofill hints), refused by the proxy.
    noStrayRequests(net, [/^(connect|http) (https?:\/\/)?(update|content-autofill|[a-z0-9-]+)\.googleapis\.com/, /^connect accounts\.google\.com:/]);
    // And nothing at all from the extension itself (its service worker or its pages).
    expect(fromExtension).toEqual([]);
  });
});
