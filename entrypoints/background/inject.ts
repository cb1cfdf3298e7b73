// "Check this page" / "Check selected text" anywhere: with the activeTab grant from the click,
// put the content script in the tab if it is not there yet, then ask it to read.
import browser from 'webextension-polyfill';
import type { ToContent } from '../../src/messages';

export const CONTENT_JS = 'content-scripts/scanner.js';
export const CONTENT_CSS = 'content-scripts/scanner.css';

async function present(tabId: number, frameId: number): Promise<boolean> {
  const ping: ToContent = { type: 'ping' };
  return browser.tabs.sendMessage(tabId, ping, { frameId }).then(
    (r) => r === true,
    () => false,
  );
}

export async function checkTab(tabId: number, what: 'page' | 'selection', frameId = 0): Promise<{ ok: boolean; error?: string }> {
  try {
    if (!(await present(tabId, frameId))) {
      const target = frameId === 0 ? { tabId } : { tabId, frameIds: [frameId] };
      // The flag first: an injected copy waits to be asked instead of reading on its own.
      await browser.scripting.executeScript({
        target,
        func: () => {
          (globalThis as { secondLookOnDemand?: boolean }).secondLookOnDemand = true;
        },
      });
      await browser.scripting.insertCSS({ target, files: [CONTENT_CSS] });
      await browser.scripting.executeScript({ target, files: [CONTENT_JS] });
    }
    const check: ToContent = { type: 'check', what };
    await browser.tabs.sendMessage(tabId, check, { frameId });
    return { ok: true };
  } catch (e) {
    // Browser pages, the web store and PDFs refuse scripts: say so instead of failing quietly.
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
