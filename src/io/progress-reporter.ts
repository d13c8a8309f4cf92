// Progress from a reader, at most every 100 ms (the terminal line redraws no faster), and always when forced
// (a layer finished, the end).
import type { ReadOptions, ReadProgress } from './read-options.js';

const PROGRESS_INTERVAL_MS = 100;

/** `report(force)` sends `snapshot()` to `onProgress` when it is time; a no-op without `onProgress`. */
export function progressReporter(onProgress: ReadOptions['onProgress'], snapshot: () => ReadProgress): (force: boolean) => void {
  let lastReport = 0;
  return (force) => {
    const now = Date.now();
    if (!onProgress || (!force && now - lastReport < PROGRESS_INTERVAL_MS)) return;
    lastReport = now;
    onProgress(snapshot());
  };
}
