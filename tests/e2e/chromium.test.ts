// Debian Chromium, driven by playwright-core, with the built extension loaded unpacked.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Browser from 'webextension-polyfill';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROME_EXT, ensureBuilt, PAGES, screenshotPath, startNet, type Net } from './harness';
import { article, chat, honestJob, infiniteFeed, noStrayRequests, riskyJob, type Browserish } from './scenarios';

const EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('Chromium', () => {
  let net: Net;
  let context: BrowserContext;
  let sw: Worker;
  let page: Page;
  let profile: string;
  let b: Browserish;
  const fromExtension: string[] = [];

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
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // The proxy is the only way out: fixture hosts go to the local server, the rest is refused and logged.
        `--proxy-server=http://127.0.0.1:${net.proxyPort}`,
        `--disable-extensions-except=${CHROME_EXT}`,
        `--load-extension=${CHROME_EXT}`,
      ],
    });
    context.on('request', (r) => {
      const by = r.serviceWorker()?.url() ?? r.frame()?.url() ?? '';
      // An extension page loading its own files is fine; anything else from the extension is not.
      if (by.startsWith('chrome-extension://') && !r.url().startsWith('chrome-extension://')) fromExtension.push(r.url());
    });
    sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    page = context.pages()[0] ?? (await context.newPage());
    if (process.env.E2E_TIMING) console.log('launched', Date.now() - t0);
    b = {
      name: 'chromium',
      page,
      // The test's one tab (the extension has no "tabs" permission, so it cannot see tab URLs).
      badge: () =>
        sw.evaluate(async () => {
          // Runs in the service worker, where `chrome` is the extension API.
          const chrome = (globalThis as unknown as { chrome: Browser.Browser }).chrome;
          const [tab] = await chrome.tabs.query({ active: true });
          if (tab?.id === undefined) return { text: '', title: 'no tab' };
          return { text: await chrome.action.getBadgeText({ tabId: tab.id }), title: await chrome.action.getTitle({ tabId: tab.id }) };
        }, undefined),
    };
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

  it('makes no network request of its own', () => {
    // Chromium's own services (updates, sign-in, autofill hints), refused by the proxy.
    noStrayRequests(net, [/^(connect|http) (https?:\/\/)?(update|content-autofill|[a-z0-9-]+)\.googleapis\.com/, /^connect accounts\.google\.com:/]);
    // And nothing at all from the extension itself (its service worker or its pages).
    expect(fromExtension).toEqual([]);
  });
});
