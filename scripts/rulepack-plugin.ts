// Vite plugin: compiles rules/ into the bundle as `virtual:second-look/rulepack`. A broken rule
// file stops the build with `rules/<file>: <what is wrong>`.
import type { Plugin } from 'vite';
import { loadPack, RULES_DIR } from '../src/rulepack/load-node';

const ID = 'virtual:second-look/rulepack';
const RESOLVED = '\0' + ID;

export function rulePackPlugin(): Plugin {
  return {
    name: 'second-look-rulepack',
    resolveId(id) {
      return id === ID ? RESOLVED : null;
    },
    load(id) {
      if (id !== RESOLVED) return null;
      this.addWatchFile(RULES_DIR);
      // A JSON string parsed once is faster to load than an object literal of the same size.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(loadPack()))});`;
    },
  };
}
