// The image model every part of layerscope reads: produced once by an io adapter, never mutated after.
// Plain data only: no formatting, no view state (see ARCHITECTURE.md).
import type { PathId, PathTable } from './path-table.js';
import type { SecretScanResult } from './secrets/secret-types.js';

/** What a tar entry does. Whiteout and opaque are the OCI/aufs deletion markers, already decoded. */
export type EntryKind =
  | 'file'
  | 'dir'
  | 'symlink'
  | 'hardlink'
  | 'char'
  | 'block'
  | 'fifo'
  /** `.wh.<name>`: deletes `path` from the layers below. */
  | 'whiteout'
  /** `.wh..wh..opq` inside `path`: hides everything below `path` in lower layers. */
  | 'opaque';

export interface LayerEntry {
  /** The path the entry creates (or deletes, for whiteouts; or the directory, for opaque markers). */
  readonly path: PathId;
  readonly kind: EntryKind;
  /** Content bytes in the tar: 0 for directories, links, devices and markers (hardlinks are counted once, at their target). */
  readonly size: number;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  /** Symlink target as written; for hardlinks the normalised path of the file linked to. */
  readonly linkTarget?: string;
  /** Fast content hash (xxh64, hex) of regular files and of hardlinks (their target's content). */
  readonly hash?: string;
  /** Regular files: where the content starts in the layer's uncompressed tar (the content path seeks there). */
  readonly dataOffset?: number;
}

/** Where a layer's blob lies in a file the source can read again (an archive file, an OCI layout blob). */
export interface LayerBlobLocation {
  readonly file: string;
  /** Byte offset of the blob in `file`, and its length. */
  readonly offset: number;
  readonly bytes: number;
  readonly compression: 'tar' | 'gzip' | 'zstd';
}

export interface Layer {
  /** Position in the image, base first. */
  readonly index: number;
  /** `sha256:…` of the uncompressed tar (config `rootfs.diff_ids`). */
  readonly diffId: string;
  /** Digest of the blob as stored (compressed) when the source knows it. */
  readonly digest?: string;
  /** Sum of the entries' content sizes: dive's layer size. */
  readonly sizeBytes: number;
  /** `created_by` of the history step that made this layer ('' when the config has no history). */
  readonly command: string;
  readonly created?: string;
  readonly comment?: string;
  readonly entries: readonly LayerEntry[];
  /** The blob in a file, when the source was one (not for streams: their layers live in the layer store). */
  readonly blob?: LayerBlobLocation;
}

/** One config history step, in build order, including those that made no layer (ENV, CMD, LABEL…). */
export interface HistoryStep {
  readonly createdBy: string;
  readonly created?: string;
  readonly comment?: string;
  /** Index of the layer this step made, or undefined for an empty-layer step. */
  readonly layerIndex?: number;
}

export interface ImageModel {
  /** What the user named, or the first tag, or the id. */
  readonly name: string;
  /** `sha256:…` of the config blob, when known. */
  readonly id?: string;
  readonly tags: readonly string[];
  readonly os?: string;
  readonly architecture?: string;
  readonly variant?: string;
  readonly created?: string;
  readonly layers: readonly Layer[];
  readonly history: readonly HistoryStep[];
  readonly paths: PathTable;
  /** Things the reader tolerated but the user should know (e.g. a name that tried to leave the root). */
  readonly warnings: readonly string[];
  /** Secrets found while the layers were read; absent when the reader did not scan. */
  readonly secrets?: SecretScanResult;
}
