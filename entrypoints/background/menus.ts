// Context-menu items: read the page, or only the selected text, on demand (activeTab).
import browser from 'webextension-polyfill';
import { checkTab } from './inject';

const ITEMS = [
  { id: 'check-page', title: 'Check this page', contexts: ['page'] },
  { id: 'check-selection', title: 'Check selected text', contexts: ['selection'] },
] as const;

export async function createMenus(): Promise<void> {
  await browser.contextMenus.removeAll();
  for (const item of ITEMS) browser.contextMenus.create({ id: item.id, title: item.title, contexts: [...item.contexts] });
}

export function listenMenus(): void {
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (tab?.id === undefined) return;
    void checkTab(tab.id, info.menuItemId === 'check-selection' ? 'selection' : 'page', info.frameId ?? 0);
  });
}
