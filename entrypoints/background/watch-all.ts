// "Watch every site": an opt-in. The options page asks for the host permission at the moment the
// user turns it on; here the content script is registered (or removed) to match.
import browser from 'webextension-polyfill';
import { injectMatches } from '../../src/sites/sites';
import { ALL_SITES, type Settings } from '../../src/storage';
import sites from 'virtual:second-look/sites';
import { CONTENT_CSS, CONTENT_JS } from './inject';

const ID = 'second-look-all-sites';

export async function syncWatchAll(settings: Settings): Promise<void> {
  const want = settings.watchAll && (await browser.permissions.contains(ALL_SITES));
  const have = (await browser.scripting.getRegisteredContentScripts({ ids: [ID] })).length > 0;
  if (want && !have) {
    await browser.scripting.registerContentScripts([
      {
        id: ID,
        matches: ALL_SITES.origins,
        // The curated hosts already have the manifest's content script (which reads their other
        // paths too while this setting is on).
        excludeMatches: injectMatches(sites),
        js: [CONTENT_JS],
        css: [CONTENT_CSS],
        allFrames: true,
        runAt: 'document_idle',
      },
    ]);
  } else if (!want && have) await browser.scripting.unregisterContentScripts({ ids: [ID] });
}
