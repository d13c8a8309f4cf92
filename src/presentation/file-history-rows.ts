// The file-history view: one row per layer that added, modified, removed or hid a path, with the
// layer's command, the version's size and content hash. Layers are numbered as the explorer shows them.
import type { ImageModel, PathHistoryStep } from '../core/index.js';
import { formatBytes } from './format-bytes.js';
import { displayCommand } from './layer-rows.js';
import { escapeName } from './escape-name.js';

/** Columns: layer (5, right), change (13), size (8, right), hash (16), command. */
export const FILE_HISTORY_HEADER = `Layer  ${'Change'.padEnd(13)}  ${'Size'.padStart(8)}  ${'Hash'.padEnd(16)}  Command`;

const KIND_LABEL: Record<string, string> = { dir: 'directory', symlink: 'symlink', hardlink: 'hardlink' };

/** One row per step; removed/hidden rows show the version that stopped being visible. */
export function fileHistoryRows(image: ImageModel, steps: readonly PathHistoryStep[]): string[] {
  return steps.map((step) => {
    const { entry } = step;
    const gone = step.change === 'removed' || step.change === 'opaque-hidden';
    const size = entry.kind === 'file' ? formatBytes(entry.size) : (KIND_LABEL[entry.kind] ?? entry.kind);
    const hash = gone ? '' : entry.kind === 'symlink' ? `→ ${escapeName(entry.linkTarget ?? '')}` : (entry.hash ?? '');
    const command = displayCommand(image.layers[step.layer]?.command ?? '');
    return `${String(step.layer + 1).padStart(5)}  ${step.change.padEnd(13)}  ${size.padStart(8)}  ${escapeName(hash).padEnd(16)}  ${command}`;
  });
}
