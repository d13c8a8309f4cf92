// Small formatting helpers the CI reports share. Byte sizes come from ../format-bytes.ts, as dive prints
// them; untrusted names go through ../escape-name.ts (as in the explorer) before any report shows them.
import { formatBytes } from '../format-bytes.js';

/** A ratio as dive prints it: 0.953 → "95.3000 %", an infinite one (userWastedPercent, see dive-tally.ts) "+Inf %". */
export function percentText(ratio: number): string {
  return ratio === Infinity ? '+Inf %' : `${(ratio * 100).toFixed(4)} %`;
}

/** A threshold or measure in the unit its rule speaks. */
export function ruleValueText(kind: 'ratio' | 'bytes' | 'count', value: number): string {
  if (kind === 'ratio') return percentText(value);
  if (kind === 'bytes') return `${value} bytes (${formatBytes(value)})`;
  return String(value);
}
