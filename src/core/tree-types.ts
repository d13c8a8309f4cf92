// Shapes of the derived file trees and the analysis results. Implementations live beside this file;
// the UI, presentation and CI code depend only on these shapes.
import type { LayerEntry } from './model.js';
import type { PathId } from './path-table.js';

export type DiffKind = 'unchanged' | 'added' | 'modified' | 'removed';
/** Codes stored in FileTree.diff. */
export const DIFF_CODE = { unchanged: 0, added: 1, modified: 2, removed: 3 } as const;
export const DIFF_KINDS: readonly DiffKind[] = ['unchanged', 'added', 'modified', 'removed'];

/** 'layer': layer k against layers 0..k-1 (dive's Ctrl+L); 'aggregated': layers 0..k against layer 0 (Ctrl+A). */
export type CompareMode = 'layer' | 'aggregated';
export type TreeOrder = 'name' | 'size';

/**
 * An immutable file tree, flat, in pre-order (children sorted by `order`). Node i's subtree is
 * i .. i + subtreeCount[i] - 1, so skipping a collapsed directory is `i += subtreeCount[i]`.
 * The root itself is not a node: top-level entries have depth 0 and parent -1.
 */
export interface FileTree {
  readonly count: number;
  readonly pathId: Int32Array;
  readonly parent: Int32Array;
  readonly depth: Uint16Array;
  /** Nodes in the subtree, the node itself included. */
  readonly subtreeCount: Int32Array;
  /** Content bytes of the node itself (0 for directories). */
  readonly ownBytes: Float64Array;
  /** ownBytes plus all descendants' (for removed nodes: what was removed). */
  readonly totalBytes: Float64Array;
  /** DIFF_CODE values; all 'unchanged' in trees that compare nothing. */
  readonly diff: Uint8Array;
  /** The entry that defines the node: for removed nodes, the one that was removed. */
  readonly entry: readonly LayerEntry[];
  /** Node index of a path, or -1. */
  indexOf(path: PathId): number;
  /** NODE_FLAG bits per node (opaque directory, implied parent); absent means all 0. */
  readonly flags?: Uint8Array;
}

/** Bits of FileTree.flags. */
export const NODE_FLAG = {
  /** Layer trees: the layer put an opaque marker in this directory (lower contents hidden). */
  opaque: 1,
  /** The directory has no entry of its own here: it exists because something below it does. */
  implied: 2,
} as const;

export const isOpaque = (tree: FileTree, i: number): boolean => ((tree.flags?.[i] ?? 0) & NODE_FLAG.opaque) !== 0;
export const isImplied = (tree: FileTree, i: number): boolean => ((tree.flags?.[i] ?? 0) & NODE_FLAG.implied) !== 0;

/** Derived trees, built on demand and cached by key: moving back to a layer costs nothing. */
export interface TreeSource {
  /** Layer k's own changes, whiteouts as 'removed' nodes, opaque directories marked. */
  layerTree(k: number, order?: TreeOrder): FileTree;
  /** Layers 0..k stacked: what a container from layer k sees. */
  stackedTree(k: number, order?: TreeOrder): FileTree;
  /** Stacked tree of 0..k with every node's diff kind under `mode`, removed files included. */
  comparedTree(k: number, mode: CompareMode, order?: TreeOrder): FileTree;
}

/** dive's numbers (FORMATS.md §5), kept byte-compatible. */
export interface DiveNumbers {
  /** Σ min / Σ cum over leaf paths of every layer's own tree; 1 when Σ cum is 0. */
  readonly efficiency: number;
  /** Σ cum over paths written by two or more layers (every copy counts, the kept one too). */
  readonly wastedBytes: number;
  /** Sum of layer sizes. */
  readonly sizeBytes: number;
  /** sizeBytes without layer 0. */
  readonly userSizeBytes: number;
  /** wastedBytes / userSizeBytes; 0 when userSizeBytes is 0 (a one-layer image has no user layers). */
  readonly userWastedPercent: number;
  /** Paths with count >= 2, largest cum first (ties: path order). */
  readonly inefficientFiles: readonly InefficientFile[];
}

export interface InefficientFile {
  readonly path: string;
  readonly count: number;
  readonly sizeBytes: number;
}

/** What one layer wrote that the final image does not show, by cause. */
export interface LayerWaste {
  readonly index: number;
  /** Content bytes the layer wrote (hardlinks once). */
  readonly writtenBytes: number;
  /** Of those, still visible in the final image. */
  readonly visibleBytes: number;
  /** Replaced by a later layer writing the same path. */
  readonly overwrittenBytes: number;
  /** Deleted by a later whiteout (of the file or an ancestor). */
  readonly deletedBytes: number;
  /** Hidden by a later opaque directory. */
  readonly opaqueHiddenBytes: number;
}

export interface HonestWaste {
  /** overwritten + deleted + opaque-hidden, over all layers. */
  readonly totalBytes: number;
  readonly overwrittenBytes: number;
  readonly deletedBytes: number;
  readonly opaqueHiddenBytes: number;
  /** Content bytes visible in the final image, and its regular-file count. */
  readonly finalVisibleBytes: number;
  readonly finalFileCount: number;
  readonly perLayer: readonly LayerWaste[];
}

/** A whiteout that deletes a path no layer below it ever had (explicitly or as an implied parent). */
export interface DanglingWhiteout {
  readonly layer: number;
  /** Path without a leading '/'. */
  readonly path: string;
}

export interface ImageAnalysis {
  readonly dive: DiveNumbers;
  readonly waste: HonestWaste;
  /** Whiteouts that delete nothing; the CLI treats them as an error unless allowed. */
  readonly danglingWhiteouts?: readonly DanglingWhiteout[];
}
