// `npm run rules:docs`: rebuild docs/rules.md from rules/.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rulesDocument } from '../src/rulepack/docs';
import { loadPack, PROJECT_ROOT } from '../src/rulepack/load-node';

const file = join(PROJECT_ROOT, 'docs', 'rules.md');
writeFileSync(file, rulesDocument(loadPack()));
console.log(`wrote ${file}`);
