// Firefox ESR, driven by puppeteer-core over WebDriver BiDi; the extension installed temporarily.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser as Puppeteer, type Page } from 'puppeteer-core';
import type Browser from 'webextension-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, FIREFOX_EXT, PAGES, startNet, type Net } from './harness';
import {
  article,
  chat,
  checkedOnDemand,
  checkTab,
  extGoto,
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
  watchEverySite,
  type Browserish,
  type TestPage,
} from './scenarios';

const EXECUTABLE = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

describe('Firefox', () => {
  let net: Net;
  let browser: Puppeteer;
  let page: Page;
  let profile: string;
  let b: Browserish;

  beforeAll(async () => {
    const t0 = Date.now();
    const lap = (what: string) => process.env.E2E_TIMING && console.log(`firefox ${what}: ${Date.now() - t0} ms`);
    ensureBuilt();
    lap('built');
    net = await startNet();
    profile = mkdtempSync(join(tmpdir(), 'sl-firefox-'));
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: EXECUTABLE,
      headless: true,
      userDataDir: profile,
      acceptInsecureCerts: true,
      defaultViewport: { width: 1100, height: 800 },
      extraPrefsFirefox: {
        // Everything through the recording proxy, localhost included.
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': net.proxyPort,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': net.proxyPort,
        'network.proxy.no_proxies_on': '',
        'network.proxy.allow_hijacking_localhost': true,
        'network.proxy.share_proxy_settings': true,
        // Firefox's own remote-settings sync (blocklists, certificates), as in Mozilla's test harness.
        'services.settings.server': 'data:,#remote-settings-dummy/v1',
        // permissions.request() grants without a prompt (still only from a click): what a test can do
        // in place of the user saying yes. Mozilla's own tests use it.
        'extensions.webextOptionalPermissionPrompts': false,
      },
    });
    lap('launched');
    await browser.installExtension(FIREFOX_EXT);
    lap('installed');
    page = (await browser.pages())[0] ?? (await browser.newPage());
    const tp = page as unknown as TestPage;
    // A tab cannot be sent to moz-extension:// from outside; the extension opens one itself (the
    // banner's "Get help"), and it moves on to the options page.
    await page.goto(PAGES.risky);
    await until(tp, () => page.evaluate(() => !!document.querySelector('second-look-ui')?.shadowRoot?.querySelector('.banner')), (x) => x, 'banner', 60_000);
    const before = (await browser.pages()).length;
    await page.evaluate(() => {
      const buttons = document.querySelector('second-look-ui')!.shadowRoot!.querySelectorAll<HTMLButtonElement>('.banner button');
      [...buttons].find((x) => x.textContent === 'Get help')!.click();
    });
    const pages = await until(tp, () => browser.pages(), (p) => p.length > before, 'help tab');
    const ext = pages[pages.length - 1] as unknown as TestPage;
    await until(tp, () => ext.evaluate(() => location.protocol, undefined).catch(() => ''), (p) => p === 'moz-extension:', 'extension page');
    await extGoto(ext, '/options.html', '#discreet');
    await page.goto('about:blank');
    await page.bringToFront();
    lap('extension page');
    b = { name: 'firefox', page: tp, ext };
  });

  /** What activeTab would give for one site: a host permission, granted from a click in the extension page. */
  async function grant(origin: string, on: boolean): Promise<void> {
    type Api = { browser: Browser.Browser };
    await b.ext.bringToFront();
    if (on) {
      await b.ext.evaluate((o) => {
        document.addEventListener('click', () => void (globalThis as unknown as Api).browser.permissions.request({ origins: [o] }), { once: true });
      }, origin);
      await b.ext.click('h1');
    } else await b.ext.evaluate((o) => (globalThis as unknown as Api).browser.permissions.remove({ origins: [o] }), origin);
    await b.page.bringToFront();
    const has = () => b.ext.evaluate((o) => (globalThis as unknown as Api).browser.permissions.contains({ origins: [o] }), origin);
    await until(b.page, has, (x) => x === on, `permission ${on ? 'granted' : 'removed'}`);
  }

  afterAll(async () => {
    const t0 = Date.now();
    await browser?.close();
    if (process.env.E2E_TIMING) console.log(`firefox closed: ${Date.now() - t0} ms`);
    await net?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('highlights a risky job ad, shows the banner, badge and card', () => riskyJob(b));
  it('leaves an honest job ad alone', () => honestJob(b));
  it('shows no banner on an article about trafficking', () => article(b));
  it('reads listings a single-page feed loads on scroll', () => infiniteFeed(b));
  it('reads incoming chat messages, never the compose box', () => chat(b));
  it('settings apply live: category off, discreet mode, muted site', () => liveSettings(b));
  it('sensitivity moves the banner live', () => liveSensitivity(b));
  it('reads and watches open shadow roots, with hover cards there', () => shadowRoots(b));
  it('follows a single-page app between listed and unlisted paths (pushState)', () => singlePageApp(b));

  // Headless Firefox has no toolbar or menu to click, so no activeTab: the popup's message is sent
  // from the extension page, first without access (refused, as the popup then says), then with a
  // host permission for the one site, which is what activeTab would grant.
  it('"Check this page" and "Check selected text" read a page not on the list', async () => {
    await b.page.goto(PAGES.elsewhere);
    await notRead(b);
    expect((await checkTab(b, 'page')).ok).toBe(false);
    await grant('https://jobs.example.org/*', true);
    expect(await checkTab(b, 'page')).toEqual({ ok: true });
    const quotes = (await checkedOnDemand(b, 'check-page')).join(' | ');
    for (const phrase of ['keep your passport', 'visa fee', 'WhatsApp']) expect(quotes).toContain(phrase);

    await b.page.goto(PAGES.elsewhere2);
    await notRead(b);
    await selectText(b.page, 'keep your passport');
    expect(await checkTab(b, 'selection')).toEqual({ ok: true });
    const selected = (await checkedOnDemand(b, 'check-selection')).join(' | ');
    expect(selected).toContain('keep your passport');
    expect(selected).not.toContain('visa fee');
    await grant('https://jobs.example.org/*', false);
  });

  it('"Watch every site": permission at the click, script registered, other sites read', () => watchEverySite(b));

  // Firefox's remote-settings sync (blocklists, certificate data) still calls out despite the pref
  // above; it is the browser's, refused by the proxy. Puppeteer over BiDi cannot tell who asked, so
  // the bundles are also checked for any network API (tests/e2e/bundle.test.ts).
  it('makes no network request of its own', () => noStrayRequests(net, [/^connect firefox\.settings\.services\.mozilla\.com:443$/]));
});
