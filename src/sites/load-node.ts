// Node side of rules/sites.yaml: read and check it at build time, and hand it to the bundle as
// `virtual:second-look/sites` so the background never parses YAML.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { parse } from 'yaml';
import { checkSites, type Site } from './sites';

export const SITES_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'rules', 'sites.yaml');

export function loadSites(file = SITES_FILE): Site[] {
  const data = parse(readFileSync(file, 'utf8')) as { sites: Site[] };
  const problems = checkSites(data);
  if (problems.length) throw new Error(`rules/sites.yaml:\n  ${problems.join('\n  ')}`);
  return data.sites;
}

const ID = 'virtual:second-look/sites';
const RESOLVED = '\0' + ID;

export function sitesPlugin(): Plugin {
  return {
    name: 'second-look-sites',
    resolveId: (id) => (id === ID ? RESOLVED : null),
    load(id) {
      if (id !== RESOLVED) return null;
      this.addWatchFile(SITES_FILE);
      // Only what the background needs at run time: the name stays out of the bundle.
      const slim = loadSites().map(({ kind, matches }) => ({ kind, matches }));
      return `export default ${JSON.stringify(slim)};`;
    },
  };
}
