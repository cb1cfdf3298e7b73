import browser, { type Runtime } from 'webextension-polyfill';
import nlp from 'compromise';
import pack from 'virtual:second-look/rulepack';
import sites from 'virtual:second-look/sites';
import { defineBackground } from 'wxt/utils/define-background';
import { Scanner, type Nlp } from '../../src/engine/scanner';
import type { ScanOptions } from '../../src/engine/types';
import { isToBackground, type Reply, type ToBackground, type ToContent } from '../../src/messages';
import { SiteMatcher } from '../../src/sites/sites';
import { ALL_SITES, getSettings, updateSettings, watchSettings, type Settings } from '../../src/storage';
import { showBadge, showIcon } from './badge';
import { checkTab } from './inject';
import { createMenus, listenMenus } from './menus';
import { scanBlocks } from './scan';
import { forgetTab, getTab, knownTabs, setTab, tabVerdict } from './tab-state';
import { syncWatchAll } from './watch-all';

// The engine runs here, once per browser session: pages send text, never the other way round.
let scanner: Scanner | null = null;
const getScanner = () => (scanner ??= new Scanner(pack, { nlp: nlp as unknown as Nlp }));
const siteMatcher = new SiteMatcher(sites);

let settings: Promise<Settings> | Settings = getSettings();

async function engineOptions(url: string | undefined): Promise<ScanOptions> {
  const s = await settings;
  return {
    url,
    sensitivity: s.sensitivity,
    disabledRules: new Set(s.disabledRules),
    disabledCategories: new Set(s.disabledCategories),
  };
}

/** One read-modify-write of a tab's state at a time (frames report concurrently). */
const locks = new Map<number, Promise<unknown>>();
function serial<T>(tabId: number, fn: () => Promise<T>): Promise<T> {
  const next = (locks.get(tabId) ?? Promise.resolve()).then(fn, fn);
  locks.set(tabId, next);
  void next.finally(() => locks.get(tabId) === next && locks.delete(tabId));
  return next;
}

export async function handleMessage(message: ToBackground, sender?: Runtime.MessageSender): Promise<unknown> {
  const tabId = sender?.tab?.id;
  switch (message.type) {
    case 'scan-text':
      return getScanner().scan(message.text, message.options ?? {});
    case 'scan-blocks': {
      const reply = scanBlocks(getScanner(), message.blocks, await engineOptions(sender?.url));
      // The page kind: the site list's when it says one, else what the top frame's first read shows.
      if (tabId !== undefined && sender?.frameId === 0) {
        await serial(tabId, async () => {
          const state = await getTab(tabId);
          if (state.kind) return;
          const site = siteMatcher.find(sender.tab?.url)?.kind;
          state.kind = site && site !== 'other' ? site : reply.kind;
          await setTab(tabId, state);
        });
      }
      return reply;
    }
    case 'report': {
      if (tabId === undefined) return null;
      const frameId = sender?.frameId ?? 0;
      const s = await settings;
      const verdict = await serial(tabId, async () => {
        const state = await getTab(tabId);
        state.frames[frameId] = message.findings;
        await setTab(tabId, state);
        return tabVerdict(state, s.sensitivity);
      });
      await showBadge(tabId, verdict, s.discreet);
      // The banner lives in the top frame: tell it when another frame moved the verdict.
      if (frameId !== 0) {
        const m: ToContent = { type: 'page-verdict', verdict };
        await browser.tabs.sendMessage(tabId, m, { frameId: 0 }).catch(() => undefined);
      }
      return verdict;
    }
    case 'open-help':
      await browser.tabs.create({ url: browser.runtime.getURL('/help.html') });
      return undefined;
    case 'tab-verdict': {
      const state = await getTab(message.tabId);
      return Object.keys(state.frames).length ? tabVerdict(state, (await settings).sensitivity) : null;
    }
    case 'check-tab':
      return checkTab(message.tabId, message.what);
  }
}

/** Typed entry for tests: the reply each message gets. */
export const ask = <M extends ToBackground>(m: M, sender?: Runtime.MessageSender) => handleMessage(m, sender) as Promise<Reply<M>>;

export default defineBackground(() => {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (!isToBackground(message)) return undefined;
    return handleMessage(message, sender);
  });

  watchSettings((s) => {
    const was = settings;
    settings = s;
    void syncWatchAll(s);
    void Promise.resolve(was).then(async (w) => {
      if (w.discreet === s.discreet) return;
      // The icon and every badge's tooltip change wording at once, not at the next report.
      void showIcon(s.discreet);
      for (const tabId of await knownTabs()) void showBadge(tabId, tabVerdict(await getTab(tabId), s.sensitivity), s.discreet);
    });
  });
  void Promise.resolve(settings).then((s) => {
    void syncWatchAll(s);
    if (s.discreet) void showIcon(true);
  });
  // Taken back in the browser's own settings: the option is off too (open pages follow it).
  browser.permissions.onRemoved.addListener(async () => {
    if ((await settings).watchAll && !(await browser.permissions.contains(ALL_SITES))) await updateSettings(() => ({ watchAll: false }));
    await syncWatchAll(await settings);
  });

  browser.runtime.onInstalled.addListener(() => void createMenus());
  browser.runtime.onStartup.addListener(() => void createMenus());
  listenMenus();

  browser.commands.onCommand.addListener(async (command) => {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return;
    const m: ToContent = { type: 'step-finding', step: command === 'previous-finding' ? -1 : 1 };
    await browser.tabs.sendMessage(tab.id, m, { frameId: 0 }).catch(() => undefined);
  });

  // A new page in the tab starts clean: no badge, no findings from the last one.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading') {
      void serial(tabId, () => forgetTab(tabId)).then(() => showBadge(tabId, null, false));
    } else if (change.url) {
      // A single-page app moved to another URL: its kind is decided afresh by the next read.
      void serial(tabId, async () => {
        const state = await getTab(tabId);
        if (state.kind === undefined) return;
        delete state.kind;
        await setTab(tabId, state);
      });
    }
  });
  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
});
