// Builders for the three derived trees, all read from the one-pass history (no replaying layers).
import type { LayerEntry } from './model.js';
import { ROOT, type PathId } from './path-table.js';
import { DIFF_CODE, NODE_FLAG } from './tree-types.js';
import type { LayerStacking } from './layer-stacking.js';
import type { UnionOrder } from './union-order.js';
import { FlatTree, TreeDraft } from './flat-tree.js';
import { entriesDiffer } from './entry-diff.js';

/**
 * Layers 0..k stacked, each node's diff against layers 0..base (base -1: the empty image). With
 * `compare` false every node is 'unchanged' and nothing removed is listed.
 */
export function buildStackedTree(history: LayerStacking, union: UnionOrder, k: number, base: number, compare: boolean): FlatTree {
  const { store, timeline, image } = history;
  const paths = image.paths;
  const { order, subtree } = union;
  const draft = new TreeDraft();
  const lastAtDepth: number[] = [];
  for (let i = 0; i < order.length;) {
    const p = order[i]!;
    const now = timeline.refAt(p, k);
    const before = compare ? timeline.refAt(p, base) : -1;
    if (now < 0 && before < 0) {
      i += subtree[i]!; // absent on both sides: so is everything under it
      continue;
    }
    const depth = paths.depth(p) - 1;
    const parent = depth > 0 ? lastAtDepth[depth - 1]! : -1;
    const ref = now >= 0 ? now : before;
    const entry = store.get(ref);
    let diff: number = DIFF_CODE.unchanged;
    if (compare) {
      if (now < 0) diff = DIFF_CODE.removed;
      else if (before < 0) diff = DIFF_CODE.added;
      else if (entriesDiffer(store.get(before), entry)) diff = DIFF_CODE.modified;
    }
    const flags = store.isImplied(ref) ? NODE_FLAG.implied : 0;
    lastAtDepth[depth] = draft.push(p, parent, depth, entry, entry.size, diff, flags);
    i++;
  }
  return draft.finish(paths.size, compare);
}

interface LayerNode {
  entry: LayerEntry;
  own: number;
  base: number;
  diff: number;
  flags: number;
}

/** Layer k's own tree: its writes, implied parents, whiteouts as removed nodes, opaque dirs flagged. */
export function buildLayerTree(history: LayerStacking, k: number): FlatTree {
  const { store, timeline, image } = history;
  const paths = image.paths;
  const layer = history.layers[k]!;
  const nodes = new Map<PathId, LayerNode>();
  layer.ownPaths.forEach((p, j) => {
    const entry = store.get(layer.ownRefs[j]!);
    const below = timeline.refAt(p, k - 1);
    let diff: number = DIFF_CODE.unchanged;
    if (below < 0) diff = DIFF_CODE.added;
    else if (entriesDiffer(store.get(below), entry)) diff = DIFF_CODE.modified;
    nodes.set(p, { entry, own: entry.size, base: entry.size, diff, flags: 0 });
  });
  layer.whiteouts.forEach((p, j) => {
    if (nodes.has(p)) return; // the layer deleted the lower path and wrote its own: show what it wrote
    const lower = layer.whiteoutLowerRefs[j]!;
    const entry = store.get(lower >= 0 ? lower : layer.whiteoutRefs[j]!);
    const own = entry.kind === 'dir' || lower < 0 ? 0 : entry.size;
    nodes.set(p, { entry, own, base: layer.whiteoutDeletedBytes[j]!, diff: DIFF_CODE.removed, flags: 0 });
  });
  const implied = (p: PathId): LayerNode => {
    const ref = timeline.refAt(p, k);
    const entry: LayerEntry = ref >= 0 ? store.get(ref) : { path: p, kind: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0 };
    const diff = timeline.refAt(p, k - 1) < 0 ? DIFF_CODE.added : DIFF_CODE.unchanged;
    return { entry, own: 0, base: 0, diff, flags: NODE_FLAG.implied };
  };
  for (const d of layer.opaques) {
    if (d === ROOT) continue; // the root is no node (a top-level opaque layer shows as lower nodes removed)
    const node = nodes.get(d) ?? implied(d);
    node.flags |= NODE_FLAG.opaque;
    nodes.set(d, node);
  }
  // Implied parents, and the child lists the pre-order walk needs.
  const children = new Map<PathId, PathId[]>();
  for (const p of [...nodes.keys()]) {
    for (let at = p; at !== ROOT;) {
      const parent = paths.parent(at);
      const known = children.get(parent);
      if (known) {
        known.push(at);
      } else children.set(parent, [at]);
      if (parent === ROOT || nodes.has(parent)) break;
      nodes.set(parent, implied(parent));
      at = parent;
    }
  }
  return emitPreorder(children, nodes, paths.size, (id) => paths.name(id));
}

function emitPreorder(
  children: Map<PathId, PathId[]>,
  nodes: Map<PathId, LayerNode>,
  pathCount: number,
  name: (id: PathId) => string,
): FlatTree {
  const compare = (a: PathId, b: PathId) => {
    const x = name(a);
    const y = name(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const draft = new TreeDraft();
  const stack: number[] = [];
  const pushKids = (id: PathId, index: number, depth: number) => {
    const kids = children.get(id);
    if (!kids) return;
    kids.sort(compare);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!, index, depth);
  };
  pushKids(ROOT, -1, 0);
  while (stack.length > 0) {
    const depth = stack.pop()!;
    const parent = stack.pop()!;
    const p = stack.pop()!;
    const node = nodes.get(p)!;
    const index = draft.push(p, parent, depth, node.entry, node.own, node.diff, node.flags, node.base);
    pushKids(p, index, depth + 1);
  }
  return draft.finish(pathCount, true);
}
