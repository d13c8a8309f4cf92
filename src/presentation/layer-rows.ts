// The layers pane lists every history step in build order: steps that made a layer are selectable,
// the others (ENV, CMD, LABEL…) are shown dimmed between them. Layers no history step claims (an
// image without history, or a config that disagrees) still appear, in order.
import type { ImageModel } from '../core/index.js';
import { escapeName } from './escape-name.js';

export type LayerRow =
  | { readonly kind: 'layer'; readonly layerIndex: number; readonly sizeBytes: number; readonly command: string }
  | { readonly kind: 'empty'; readonly command: string };

/**
 * A build command as people wrote it: without the shell wrapper Docker records, on one line. Only the
 * spaces, tabs and newlines a multi-line RUN is written with fold into one space; any other control
 * (CR, VT, ESC…) or invisible character is shown escaped, not hidden.
 */
export function displayCommand(createdBy: string): string {
  let text = createdBy.replace(/[ \t\n]+/g, ' ').trim();
  const nop = /^\/bin\/sh -c #\(nop\)\s*/;
  if (nop.test(text)) text = text.replace(nop, '');
  else if (text.startsWith('/bin/sh -c ')) text = `RUN ${text.slice('/bin/sh -c '.length)}`;
  text = text.replace(/ # buildkit$/, '');
  return escapeName(text);
}

export function buildLayerRows(image: ImageModel): LayerRow[] {
  const rows: LayerRow[] = [];
  const emitted = new Set<number>();
  const emitLayer = (index: number): void => {
    const layer = image.layers[index];
    if (!layer || emitted.has(index)) return;
    emitted.add(index);
    rows.push({ kind: 'layer', layerIndex: index, sizeBytes: layer.sizeBytes, command: displayCommand(layer.command) });
  };
  for (const step of image.history) {
    if (step.layerIndex === undefined) {
      rows.push({ kind: 'empty', command: displayCommand(step.createdBy) });
      continue;
    }
    for (let k = 0; k < step.layerIndex; k++) emitLayer(k);
    emitLayer(step.layerIndex);
  }
  for (let k = 0; k < image.layers.length; k++) emitLayer(k);
  return rows;
}

/** Row of each layer index in `rows`. */
export function layerRowPositions(rows: readonly LayerRow[]): number[] {
  const out: number[] = [];
  rows.forEach((row, at) => {
    if (row.kind === 'layer') out[row.layerIndex] = at;
  });
  return out;
}
