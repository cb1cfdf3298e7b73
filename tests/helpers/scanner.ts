// One scanner over the real rules for every test file that needs it.
import { createNodeScanner } from '../../src/rulepack/load-node';
import type { Scanner } from '../../src/engine/scanner';

let scanner: Scanner | undefined;
export function realScanner(): Scanner {
  return (scanner ??= createNodeScanner());
}
