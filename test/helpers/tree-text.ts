// Renders a FileTree as plain lines for readable test expectations:
// "<indent><name> <kind> <diff> <totalBytes>[ opaque][ implied]".
import type { ImageModel } from '../../src/core/model.js';
import { DIFF_KINDS, isImplied, isOpaque, type FileTree } from '../../src/core/tree-types.js';

export function treeLines(tree: FileTree, image: ImageModel, options: { flags?: boolean } = {}): string[] {
  const lines: string[] = [];
  for (let i = 0; i < tree.count; i++) {
    const name = image.paths.name(tree.pathId[i]!);
    let line = `${'  '.repeat(tree.depth[i]!)}${name} ${tree.entry[i]!.kind} ${DIFF_KINDS[tree.diff[i]!]} ${tree.totalBytes[i]}`;
    if (options.flags && isOpaque(tree, i)) line += ' opaque';
    if (options.flags && isImplied(tree, i)) line += ' implied';
    lines.push(line);
  }
  return lines;
}

/** Paths of the tree in pre-order, 'a/b' style. */
export function treePaths(tree: FileTree, image: ImageModel): string[] {
  return Array.from(tree.pathId, (id) => image.paths.path(id));
}
