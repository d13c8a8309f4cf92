// What the content path shares between io (which reads a file's bytes), the CLI commands (cat, extract,
// log, diff) and the explorer (viewer, file history). Types only: the readers live in src/io.
import type { PathId } from './path-table.js';

/** How one layer changed one path, relative to the layers below it. */
export type PathChange = 'added' | 'modified' | 'removed' | 'opaque-hidden';

/**
 * Reads the bytes of one file version. The CLI builds it from the image's source and hands it to the
 * explorer as a prop (the UI never imports io), as it hands over trees.
 */
export interface ContentReader {
  /**
   * Up to `length` bytes from byte `start` of the regular file that layer `layer` (0-based, base first)
   * wrote at `path`; a hardlink reads its target's bytes. Fewer bytes only at the end of the file.
   * Rejects with a typed error when the layer wrote no regular file or hardlink there.
   */
  read(layer: number, path: PathId, start: number, length: number, signal?: AbortSignal): Promise<Uint8Array>;
}
