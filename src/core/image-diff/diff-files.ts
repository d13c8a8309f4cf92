// File-by-file difference of two images' final filesystems. Paths are matched by name (each image has
// its own path table); "modified" means different content (the xxh64 both readers compute), or the
// same content with another type, mode, owner or link target — each named as an aspect.
import type { EntryKind, ImageModel, LayerEntry } from '../model.js';
import type { FileTree } from '../tree-types.js';

export type FileChangeKind = 'added' | 'removed' | 'modified';
export type ChangeAspect = 'content' | 'type' | 'mode' | 'owner' | 'link';

export interface FileChange {
  /** Path without a leading '/'. */
  readonly path: string;
  readonly change: FileChangeKind;
  /** What differs, for 'modified' (empty otherwise). */
  readonly aspects: readonly ChangeAspect[];
  /** The entry's kind in B (in A for removed files). */
  readonly kind: EntryKind;
  readonly sizeBefore: number;
  readonly sizeAfter: number;
}

export interface FinalFiles {
  readonly image: ImageModel;
  /** The final stacked tree (TreeSource.stackedTree of the last layer). */
  readonly tree: FileTree;
}

interface Node {
  readonly entry: LayerEntry;
  /** A directory with nothing below it in this image. */
  readonly emptyDir: boolean;
}

function nodesByPath({ image, tree }: FinalFiles): Map<string, Node> {
  const byPath = new Map<string, Node>();
  for (let i = 0; i < tree.count; i++) {
    byPath.set(image.paths.path(tree.pathId[i]!), { entry: tree.entry[i]!, emptyDir: tree.subtreeCount[i] === 1 });
  }
  return byPath;
}

function aspects(a: LayerEntry, b: LayerEntry): ChangeAspect[] {
  const out: ChangeAspect[] = [];
  if (a.kind !== b.kind) out.push('type');
  else if ((a.kind === 'file' || a.kind === 'hardlink') && (a.hash !== b.hash || a.size !== b.size)) out.push('content');
  if ((a.mode & 0o7777) !== (b.mode & 0o7777)) out.push('mode');
  if (a.uid !== b.uid || a.gid !== b.gid) out.push('owner');
  if (a.kind === 'symlink' && b.kind === 'symlink' && a.linkTarget !== b.linkTarget) out.push('link');
  return out;
}

/**
 * Every path whose final state differs. A directory is listed only when it is empty or its own mode or
 * owner changed: a directory's added or removed files are listed themselves, and carry its totals.
 */
export function diffFiles(a: FinalFiles, b: FinalFiles): FileChange[] {
  const before = nodesByPath(a);
  const after = nodesByPath(b);
  const changes: FileChange[] = [];
  const listed = (node: Node) => node.entry.kind !== 'dir' || node.emptyDir;
  for (const [path, old] of before) {
    const now = after.get(path);
    if (!now) {
      if (listed(old))
        changes.push({ path, change: 'removed', aspects: [], kind: old.entry.kind, sizeBefore: old.entry.size, sizeAfter: 0 });
      continue;
    }
    const differ = aspects(old.entry, now.entry);
    if (differ.length > 0) {
      changes.push({
        path,
        change: 'modified',
        aspects: differ,
        kind: now.entry.kind,
        sizeBefore: old.entry.size,
        sizeAfter: now.entry.size,
      });
    }
  }
  for (const [path, now] of after) {
    if (!before.has(path) && listed(now)) {
      changes.push({ path, change: 'added', aspects: [], kind: now.entry.kind, sizeBefore: 0, sizeAfter: now.entry.size });
    }
  }
  return changes;
}
