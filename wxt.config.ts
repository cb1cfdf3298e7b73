import { defineConfig } from 'wxt';
import { rulePackPlugin } from './scripts/rulepack-plugin';

// Least privilege: no host permission at install beyond the curated sites the content script
// matches; everything else on demand (activeTab) or by opt-in (optional host permissions).
export default defineConfig({
  imports: false,
  manifest: ({ browser }) => ({
    name: 'Second Look',
    description: 'A careful second reading of job ads and messages. Runs only on your device.',
    permissions: ['storage'],
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
  vite: () => ({ plugins: [rulePackPlugin()] }),
  zip: { excludeSources: ['**/node_modules/**', '.output/**', 'test-results/**', '*.log'] },
});
