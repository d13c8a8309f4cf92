// The file-history view: one row per layer that added, modified, removed or hid a path, with the
// layer's command, the version's size and content hash. Layers are numbered as the explorer shows them.
import type { ImageModel, PathHistoryStep } from '../core/index.js';
import { formatBytes } from './format-bytes.js';
import { displayCommand } from './layer-rows.js';
import { escapeName } from './escape-name.js';

/** Columns: layer (5, right), change (13), size (8, right), hash (16), command. */
export const FILE_HISTORY_HEADER = `Layer  ${'Change'.padEnd(13)}  ${'Size'.padStart(8)}  ${'Hash'.padEnd(16)}  Command`;

const KIND_LABEL: Record<string, string> = { dir: 'directory', symlink: 'symlink', hardlink: 'hardlink' };

/**
 * The size column of a version: a size for a file, what it is for anything else (a hard link's own entry
 * has no size: its bytes are its target's, shown by its hash), and '-' where a step made nothing visible
 * (a removal: repeating the removed version's size read as if the layer had written those bytes).
 */
export function versionSizeText(kind: string | null, size: number | null): string {
  if (kind === null || size === null) return '-';
  return kind === 'file' ? formatBytes(size) : (KIND_LABEL[kind] ?? kind);
}

/** One row per step; removed/hidden rows have no size or hash (`layerscope log` shows them alike). */
export function fileHistoryRows(image: ImageModel, steps: readonly PathHistoryStep[]): string[] {
  return steps.map((step) => {
    const { entry } = step;
    const gone = step.change === 'removed' || step.change === 'opaque-hidden';
    const size = gone ? '-' : versionSizeText(entry.kind, entry.size);
    const hash = gone ? '' : entry.kind === 'symlink' ? `→ ${escapeName(entry.linkTarget ?? '')}` : (entry.hash ?? '');
    const command = displayCommand(image.layers[step.layer]?.command ?? '');
    return `${String(step.layer + 1).padStart(5)}  ${step.change.padEnd(13)}  ${size.padStart(8)}  ${escapeName(hash).padEnd(16)}  ${command}`;
  });
}
