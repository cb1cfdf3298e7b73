// Node side of rules/sites.yaml: read and check it at build time, and hand it to the bundle as
// `virtual:second-look/sites` so the background never parses YAML.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { parse } from 'yaml';
import { RULES_DIR } from '../rulepack/load-node';
import { checkSites, type Site } from './sites';

/** In the rules folder the build reads (SECOND_LOOK_RULES_DIR or rules/). */
export const SITES_FILE = join(RULES_DIR, 'sites.yaml');

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
