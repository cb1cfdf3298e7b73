// Entry point of the command line (`npm run scan`, the `second-look` bin).
import { createNodeScanner } from '../rulepack/load-node';
import { RulePackError } from '../rulepack/compile';
import { runScan } from './scan';

try {
  process.exitCode = await runScan(process.argv.slice(2), process, createNodeScanner);
} catch (e) {
  if (e instanceof RulePackError) {
    process.stderr.write(`second-look: ${e.message}\n`);
    process.exitCode = 2;
  } else throw e;
}
