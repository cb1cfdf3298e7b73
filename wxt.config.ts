import { defineConfig } from 'wxt';
import { rulePackPlugin } from './scripts/rulepack-plugin';
import { loadSites, sitesPlugin } from './src/sites/load-node';
import { injectMatches } from './src/sites/sites';

const ICONS = { 16: '/icon/icon-16.png', 32: '/icon/icon-32.png', 48: '/icon/icon-48.png', 128: '/icon/icon-128.png' };

// Least privilege: no host permission at install beyond the curated sites the content script
// matches (rules/sites.yaml); everything else on demand (activeTab) or by opt-in (optional host
// permission, asked for when the user turns on "Watch every site").
export default defineConfig({
  imports: false,
  manifest: ({ browser }) => ({
    name: 'Second Look',
    description: 'A careful second reading of job ads and messages. Runs only on your device.',
    permissions: ['storage', 'activeTab', 'scripting', 'contextMenus'],
    optional_host_permissions: ['*://*/*'],
    icons: ICONS,
    action: { default_title: 'Second Look', default_icon: ICONS },
    commands: {
      'next-finding': { suggested_key: { default: 'Alt+Shift+N' }, description: 'Next highlighted passage' },
      'previous-finding': { suggested_key: { default: 'Alt+Shift+P' }, description: 'Previous highlighted passage' },
    },
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'second-look@second-look.invalid',
          strict_min_version: '142.0',
          data_collection_permissions: { required: ['none'] },
        },
      },
    }),
  }),
  hooks: {
    // The content script's matches are the curated sites, read (and checked) at build time, each
    // widened to its whole host: the script checks the path itself (single-page apps).
    'build:manifestGenerated': (_wxt, manifest) => {
      const script = manifest.content_scripts?.find((c) => c.js?.some((f) => f.includes('scanner')));
      if (!script) throw new Error('wxt.config.ts: the scanner content script is missing from the manifest');
      script.matches = injectMatches(loadSites());
    },
  },
  // No module-preload polyfill: it is the only fetch() in the bundle, and the extension needs none.
  vite: () => ({ plugins: [rulePackPlugin(), sitesPlugin()], build: { modulePreload: { polyfill: false } } }),
  zip: { excludeSources: ['**/node_modules/**', '.output/**', 'test-results/**', '*.log'] },
});
