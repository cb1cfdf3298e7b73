import browser from 'webextension-polyfill';
import nlp from 'compromise';
import pack from 'virtual:second-look/rulepack';
import { defineBackground } from 'wxt/utils/define-background';
import { Scanner, type Nlp } from '../src/engine/scanner';
import { isToBackground, type ToBackground } from '../src/messages';

// The engine runs here, once per browser session: pages send text, never the other way round.
let scanner: Scanner | null = null;
const getScanner = () => (scanner ??= new Scanner(pack, { nlp: nlp as unknown as Nlp }));

export function handleMessage(message: ToBackground) {
  switch (message.type) {
    case 'scan-text':
      return getScanner().scan(message.text, message.options ?? {});
  }
}

export default defineBackground(() => {
  browser.runtime.onMessage.addListener((message: unknown) => {
    if (!isToBackground(message)) return undefined;
    return Promise.resolve(handleMessage(message));
  });
});
