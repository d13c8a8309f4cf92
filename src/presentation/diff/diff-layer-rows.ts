// The diff explorer's left column: both images' layers in one list (A's, then B's), each layer the
// other image also has (same diff id) marked '=', a line where the two histories part; and the
// comparison's numbers as short lines for the summary pane.
import type { ImageDiff, ImageModel, LayerSharing } from '../../core/index.js';
import { escapeName } from '../escape-name.js';
import { displayCommand } from '../layer-rows.js';
import { changeCounts, signedBytes, summaryRows } from './diff-format.js';

export type Side = 'a' | 'b';

export type DiffLayerRow =
  | { readonly kind: 'heading'; readonly text: string }
  /** `position`: the layer's place in the one selectable list (A's layers first, then B's). */
  | {
      readonly kind: 'layer';
      readonly side: Side;
      readonly index: number;
      readonly position: number;
      readonly shared: boolean;
      readonly sizeBytes: number;
      readonly command: string;
    }
  | { readonly kind: 'part'; readonly text: string };

function sideRows(side: Side, image: ImageModel, shared: readonly boolean[], commonPrefix: number, first: number): DiffLayerRow[] {
  const rows: DiffLayerRow[] = [{ kind: 'heading', text: `${side.toUpperCase()}: ${escapeName(image.name)}` }];
  image.layers.forEach((layer, index) => {
    if (index === commonPrefix && commonPrefix > 0) rows.push({ kind: 'part', text: `histories part after layer ${commonPrefix}` });
    rows.push({
      kind: 'layer',
      side,
      index,
      position: first + index,
      shared: shared[index] === true,
      sizeBytes: layer.sizeBytes,
      command: displayCommand(layer.command),
    });
  });
  return rows;
}

export function diffLayerRows(a: ImageModel, b: ImageModel, sharing: LayerSharing): DiffLayerRow[] {
  return [
    ...sideRows('a', a, sharing.sharedInA, sharing.commonPrefix, 0),
    ...sideRows('b', b, sharing.sharedInB, sharing.commonPrefix, a.layers.length),
  ];
}

/** Row of each selectable position in `rows`. */
export function diffLayerPositions(rows: readonly DiffLayerRow[]): number[] {
  const out: number[] = [];
  rows.forEach((row, at) => {
    if (row.kind === 'layer') out[row.position] = at;
  });
  return out;
}

/** Which image and layer a list position is. */
export function layerAt(position: number, aLayers: number): { side: Side; index: number } {
  return position < aLayers ? { side: 'a', index: position } : { side: 'b', index: position - aLayers };
}

/** The comparison pane: "size  2.0 kB → 2.0 kB  -40 B (-1.95 %)" and friends, then sharing and file counts. */
export function diffSummaryLines(diff: ImageDiff, ascii = false): string[] {
  const arrow = ascii ? '->' : '→';
  const rows = summaryRows(diff.a, diff.b);
  const width = Math.max(...rows.map((r) => r.label.length));
  const counts = changeCounts(diff);
  const { layers } = diff;
  const parted =
    layers.commonPrefix === 0
      ? 'part at the base layer'
      : layers.commonPrefix === diff.a.layerCount && layers.commonPrefix === diff.b.layerCount
        ? 'every layer the same'
        : `part at layer ${layers.commonPrefix + 1}`;
  return [
    ...rows.map((r) => `${r.label.padEnd(width)}  ${r.a} ${arrow} ${r.b}  ${r.delta}`),
    `shared layers: ${layers.shared} (${parted})`,
    `files: +${counts.added} -${counts.removed} ~${counts.modified} (${signedBytes(counts.delta)})`,
  ];
}
