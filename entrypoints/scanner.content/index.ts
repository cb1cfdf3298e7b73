// The one content script: cheap until there is something to read. It reads the frame, sends text
// to the background (where the engine runs) and paints what comes back. Wiring only: the work is
// in src/page.
import './style.css';
import browser from 'webextension-polyfill';
import sites from 'virtual:second-look/sites';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { isToContent, sendToBackground } from '../../src/messages';
import { PageSession } from '../../src/page/session';
import { SiteMatcher } from '../../src/sites/sites';
import {
  dismiss,
  dismissalsItem,
  getDismissals,
  getSettings,
  isMuted,
  updateSettings,
  watchSettings,
  type Settings,
} from '../../src/storage';

/** Set by the background before it injects us on demand: then we wait to be asked. */
type Flags = { secondLookLoaded?: boolean; secondLookOnDemand?: boolean };

/** Settings that change what the engine finds: a change means reading the page again. */
const ENGINE_KEYS = ['sensitivity', 'disabledCategories', 'disabledRules'] as const;

export default defineContentScript({
  // Replaced at build time by every host in rules/sites.yaml (see wxt.config.ts); the path is
  // checked below, so a single-page app's own navigation starts and stops the reading.
  matches: ['https://second-look.invalid/*'],
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_idle',
  async main(ctx) {
    const flags = globalThis as Flags;
    // Injected twice (menu after manifest, or two menu clicks): the first copy does the work.
    if (flags.secondLookLoaded) return;
    flags.secondLookLoaded = true;

    let settings: Settings = await getSettings();
    let dismissals = await getDismissals(location.href);
    const session = new PageSession({
      win: window,
      isTop: window === window.top,
      scan: (blocks) => sendToBackground({ type: 'scan-blocks', blocks }),
      report: (findings) => sendToBackground({ type: 'report', findings }),
      openHelp: () => void sendToBackground({ type: 'open-help' }),
      settings: () => settings,
      dismissals: () => dismissals,
      dismiss: (what) => dismiss(location.href, what),
      turnOffRule: async (rule) => {
        await updateSettings((s) => ({ disabledRules: [...new Set([...s.disabledRules, rule])] }));
      },
      setTimeout: (fn, ms) => ctx.setTimeout(fn, ms),
      clearTimeout: (id) => clearTimeout(id),
      requestAnimationFrame: (fn) => ctx.requestAnimationFrame(fn),
    });

    // Read a curated page (its path too), or any page once "Watch every site" is on, never a
    // muted site; or what the user asked for (toolbar, menu), until the URL changes or the site
    // is muted. A copy injected on demand reads only when asked.
    const curated = new SiteMatcher(sites);
    let asked: 'page' | 'selection' | null = null;
    const wanted = () =>
      !!asked ||
      (!flags.secondLookOnDemand && !isMuted(settings, location.hostname) && (settings.watchAll || !!curated.find(location.href)));
    let active = false;
    /** Start or stop to match wanted(); true when it was reading and goes on. */
    const sync = (): boolean => {
      const want = wanted();
      if (want === active) return want;
      active = want;
      if (want) void session.start();
      else {
        session.stop();
        void sendToBackground({ type: 'report', findings: [] });
      }
      return false;
    };
    sync();

    browser.runtime.onMessage.addListener((message: unknown) => {
      if (!isToContent(message)) return undefined;
      switch (message.type) {
        case 'ping':
          return Promise.resolve(true);
        case 'check':
          if (message.what === 'page' || !active) asked = message.what;
          active = true;
          return message.what === 'page' ? session.checkPage() : session.checkSelection();
        case 'page-verdict':
          session.onVerdict(message.verdict);
          return undefined;
        case 'step-finding':
          session.step(message.step);
          return undefined;
      }
    });

    const unwatchSettings = watchSettings((next) => {
      const prev = settings;
      settings = next;
      if (isMuted(next, location.hostname) && !isMuted(prev, location.hostname)) asked = null;
      if (!sync()) return;
      // A selection check is one reading of what was selected then: it is not redone.
      if (asked !== 'selection' && ENGINE_KEYS.some((k) => JSON.stringify(prev[k]) !== JSON.stringify(next[k]))) void session.restart();
      else if (prev.discreet !== next.discreet) session.refresh();
    });
    const unwatchDismissals = dismissalsItem.watch(async () => {
      dismissals = await getDismissals(location.href);
      session.refresh();
    });
    // Single-page apps: a new URL is a new page (its own dismissals, a fresh read), and maybe
    // one that is not on the list, or newly on it. An on-demand check was for the page it was made on.
    ctx.addEventListener(window, 'wxt:locationchange', async () => {
      dismissals = await getDismissals(location.href);
      asked = null;
      if (sync()) void session.restart();
    });
    ctx.onInvalidated(() => {
      unwatchSettings();
      unwatchDismissals();
      session.stop();
      flags.secondLookLoaded = false;
    });
  },
});
