// Cooperative time slicing: work a few milliseconds, then give the page its main thread back.
// Keeps every task of ours far below the 50 ms "long task" line.

export const SLICE_MS = 8;

export type Pause = () => Promise<void>;

/** The browser's own yield where it exists (keeps our priority), else a macrotask. */
export const defaultPause: Pause = () => {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return s?.yield ? s.yield() : new Promise((r) => setTimeout(r, 0));
};

/** Drains an iterator in slices of `budget` ms. `stop()` ends early (page gone, newer run). */
export async function drain<T>(
  it: Iterator<T>,
  each: (item: T) => void,
  { pause = defaultPause, budget = SLICE_MS, stop = () => false }: { pause?: Pause; budget?: number; stop?: () => boolean } = {},
): Promise<boolean> {
  let t0 = performance.now();
  for (;;) {
    if (stop()) return false;
    const r = it.next();
    if (r.done) return true;
    each(r.value);
    if (performance.now() - t0 > budget) {
      await pause();
      t0 = performance.now();
    }
  }
}
