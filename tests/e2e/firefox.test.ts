// Firefox ESR, driven by puppeteer-core over WebDriver BiDi; the extension installed temporarily.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ensureBuilt, FIREFOX_EXT, startNet, type Net } from './harness';
import { article, chat, honestJob, infiniteFeed, noStrayRequests, riskyJob, type Browserish, type TestPage } from './scenarios';

const EXECUTABLE = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

describe('Firefox', () => {
  let net: Net;
  let browser: Browser;
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
      },
    });
    lap('launched');
    await browser.installExtension(FIREFOX_EXT);
    lap('installed');
    page = (await browser.pages())[0] ?? (await browser.newPage());
    b = { name: 'firefox', page: page as unknown as TestPage };
  });

  afterAll(async () => {
    const t0 = Date.now();
    await browser?.close();
    if (process.env.E2E_TIMING) console.log(`firefox closed: ${Date.now() - t0} ms`);
    await net?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('highlights a risky job ad, shows the banner and card', () => riskyJob(b));
  it('leaves an honest job ad alone', () => honestJob(b));
  it('shows no banner on an article about trafficking', () => article(b));
  it('reads listings a single-page feed loads on scroll', () => infiniteFeed(b));
  it('reads incoming chat messages, never the compose box', () => chat(b));
  // Firefox's remote-settings sync (blocklists, certificate data) still calls out despite the pref
  // above; it is the browser's, refused by the proxy. Puppeteer over BiDi cannot tell who asked, so
  // the bundles are also checked for any network API (tests/e2e/bundle.test.ts).
  it('makes no network request of its own', () => noStrayRequests(net, [/^connect firefox\.settings\.services\.mozilla\.com:443$/]));
});
