// One progress line for the two images `layerscope diff` reads at once: their bytes and layers added
// up, a total shown only once both sides know theirs (half a total would make the line run backwards).
import type { ReadProgress } from '../../io/read-options.js';

type Update = (progress: ReadProgress) => void;

export function sumProgress(a: ReadProgress | undefined, b: ReadProgress | undefined): ReadProgress {
  const sides = [a, b];
  const total = (pick: (p: ReadProgress) => number | undefined): number | undefined => {
    let sum = 0;
    for (const side of sides) {
      const value = side && pick(side);
      if (value === undefined) return undefined;
      sum += value;
    }
    return sum;
  };
  const bytesTotal = total((p) => p.bytesTotal);
  const layersTotal = total((p) => p.layersTotal);
  return {
    bytesRead: (a?.bytesRead ?? 0) + (b?.bytesRead ?? 0),
    layersDone: (a?.layersDone ?? 0) + (b?.layersDone ?? 0),
    ...(bytesTotal !== undefined ? { bytesTotal } : {}),
    ...(layersTotal !== undefined ? { layersTotal } : {}),
  };
}

/** The progress sinks of side A and side B, each reporting the sum to `update`. */
export function bothProgress(update: Update): readonly [Update, Update] {
  let a: ReadProgress | undefined;
  let b: ReadProgress | undefined;
  return [
    (p) => {
      a = p;
      update(sumProgress(a, b));
    },
    (p) => {
      b = p;
      update(sumProgress(a, b));
    },
  ];
}
