// Shared wording of `layerscope diff` reports: signed sizes, change markers, the summary rows.
import type { ChangeAspect, FileChange, ImageDiff, ImageSide } from '../../core/image-diff/index.js';
import { formatBytes, formatPercent } from '../format-bytes.js';

/** "+1.2 kB", "-300 B", "0 B". */
export function signedBytes(delta: number): string {
  if (delta === 0) return '0 B';
  return `${delta > 0 ? '+' : '-'}${formatBytes(Math.abs(delta))}`;
}

export function signedCount(delta: number): string {
  return delta > 0 ? `+${delta}` : String(delta);
}

/** Percentage points between two ratios: "-0.62 pt". */
export function signedPoints(delta: number): string {
  const points = delta * 100;
  if (Math.abs(points) < 0.005) return '0 pt';
  return `${points > 0 ? '+' : ''}${points.toFixed(2)} pt`;
}

export const CHANGE_MARK: Record<FileChange['change'], string> = { added: '+', removed: '-', modified: '~' };

/** "content", or "mode, owner" when only metadata changed; '' for added/removed. */
export const aspectText = (aspects: readonly ChangeAspect[]): string => aspects.join(', ');

export interface SummaryRow {
  readonly label: string;
  readonly a: string;
  readonly b: string;
  readonly delta: string;
}

export function summaryRows(a: ImageSide, b: ImageSide): SummaryRow[] {
  const growth = a.sizeBytes > 0 ? ` (${signedPoints((b.sizeBytes - a.sizeBytes) / a.sizeBytes).replace(' pt', ' %')})` : '';
  return [
    { label: 'size', a: formatBytes(a.sizeBytes), b: formatBytes(b.sizeBytes), delta: signedBytes(b.sizeBytes - a.sizeBytes) + growth },
    { label: 'layers', a: String(a.layerCount), b: String(b.layerCount), delta: signedCount(b.layerCount - a.layerCount) },
    {
      label: 'efficiency',
      a: formatPercent(a.efficiency),
      b: formatPercent(b.efficiency),
      delta: signedPoints(b.efficiency - a.efficiency),
    },
    {
      label: 'wasted (dive)',
      a: formatBytes(a.wastedBytes),
      b: formatBytes(b.wastedBytes),
      delta: signedBytes(b.wastedBytes - a.wastedBytes),
    },
    {
      label: 'honest waste',
      a: formatBytes(a.honestWasteBytes),
      b: formatBytes(b.honestWasteBytes),
      delta: signedBytes(b.honestWasteBytes - a.honestWasteBytes),
    },
    { label: 'files', a: String(a.finalFileCount), b: String(b.finalFileCount), delta: signedCount(b.finalFileCount - a.finalFileCount) },
  ];
}

export function changeCounts(diff: ImageDiff): { added: number; removed: number; modified: number; delta: number } {
  const counts = { added: 0, removed: 0, modified: 0, delta: 0 };
  for (const file of diff.files) {
    counts[file.change]++;
    counts.delta += file.sizeAfter - file.sizeBefore;
  }
  return counts;
}

/** How many file rows a report shows without --all. */
export const DEFAULT_FILE_ROWS = 50;

/** Where the two histories part, in words (the text and the markdown report say it alike). */
export function partingText(diff: ImageDiff): string {
  const { layers, a, b } = diff;
  if (layers.commonPrefix === a.layerCount && layers.commonPrefix === b.layerCount) return 'Every layer is the same.';
  if (layers.commonPrefix === 0) return 'The histories part at the base layer.';
  return `The same from the base up to layer ${layers.commonPrefix}; they part at layer ${layers.commonPrefix + 1}.`;
}
