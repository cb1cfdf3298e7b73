// Cooperative time slicing: work a few milliseconds, then give the page its main thread back.
// Keeps every task of ours far below the 50 ms "long task" line.

export const SLICE_MS = 8;

export type Pause = () => Promise<void>;

/**
 * A new task at the page's ordinary priority, behind what is already queued. Not
 * `scheduler.yield()`: its continuation jumps the queue, so a long walk kept the page's own tasks
 * (and the engine's replies to us) waiting until it ended. postTask where it exists, else a
 * MessageChannel message (no 4 ms clamp, unlike nested setTimeout).
 */
export const defaultPause: Pause = () => {
  const s = (globalThis as { scheduler?: { postTask?: (cb: () => void, o?: { priority?: string }) => Promise<void> } }).scheduler;
  if (s?.postTask) return s.postTask(() => undefined, { priority: 'user-visible' });
  if (typeof MessageChannel === 'function') {
    return new Promise((r) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        ch.port1.close();
        r();
      };
      ch.port2.postMessage(null);
    });
  }
  return new Promise((r) => setTimeout(r, 0));
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
