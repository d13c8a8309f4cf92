// FileTrees built straight from a list of nodes, so UI tests do not depend on the core's stacking.
import type { CompareMode, DiffKind, FileTree, ImageAnalysis, LayerEntry, TreeOrder, TreeSource } from '../../../src/core/index.js';
import { DIFF_CODE, NODE_FLAG, PathTable } from '../../../src/core/index.js';

export interface FakeNode {
  path: string;
  size?: number;
  diff?: DiffKind;
  kind?: LayerEntry['kind'];
  linkTarget?: string;
  mode?: number;
  uid?: number;
  gid?: number;
  /** The layer made this directory opaque. */
  opaque?: boolean;
}

export function fakeTree(paths: PathTable, nodes: readonly FakeNode[], order: TreeOrder = 'name'): FileTree {
  const spec = new Map<number, FakeNode>();
  for (const n of nodes) {
    const id = paths.intern(n.path);
    spec.set(id, n);
    for (let p = paths.parent(id); p > 0; p = paths.parent(p)) if (!spec.has(p)) spec.set(p, { path: paths.path(p), kind: 'dir' });
  }
  const children = new Map<number, number[]>();
  for (const id of spec.keys()) {
    const parent = paths.parent(id);
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent)!.push(id);
  }
  const total = (id: number): number => (spec.get(id)!.size ?? 0) + (children.get(id) ?? []).reduce((s, c) => s + total(c), 0);
  const sorted = (ids: number[]): number[] =>
    [...ids].sort((a, b) =>
      order === 'size' ? total(b) - total(a) || paths.name(a).localeCompare(paths.name(b)) : paths.name(a) < paths.name(b) ? -1 : 1,
    );
  const out: number[] = [];
  const parents: number[] = [];
  const depths: number[] = [];
  const visit = (id: number, parent: number, depth: number): void => {
    out.push(id);
    parents.push(parent);
    depths.push(depth);
    const me = out.length - 1;
    for (const c of sorted(children.get(id) ?? [])) visit(c, me, depth + 1);
  };
  for (const top of sorted(children.get(0) ?? [])) visit(top, -1, 0);
  const count = out.length;
  const tree = {
    count,
    pathId: Int32Array.from(out),
    parent: Int32Array.from(parents),
    depth: Uint16Array.from(depths),
    subtreeCount: new Int32Array(count),
    ownBytes: new Float64Array(count),
    totalBytes: new Float64Array(count),
    diff: new Uint8Array(count),
    entry: [] as LayerEntry[],
    flags: Uint8Array.from(out, (id) => (spec.get(id)!.opaque ? NODE_FLAG.opaque : 0)),
    indexOf: (id: number) => out.indexOf(id),
  };
  for (let i = count - 1; i >= 0; i--) {
    const n = spec.get(out[i]!)!;
    const kind = n.kind ?? 'file';
    tree.subtreeCount[i]! += 1;
    tree.ownBytes[i] = n.size ?? 0;
    tree.totalBytes[i]! += n.size ?? 0;
    tree.diff[i] = DIFF_CODE[n.diff ?? 'unchanged'];
    tree.entry[i] = {
      path: out[i]!,
      kind,
      size: n.size ?? 0,
      mode: n.mode ?? (kind === 'dir' ? 0o755 : 0o644),
      uid: n.uid ?? 0,
      gid: n.gid ?? 0,
      ...(n.linkTarget ? { linkTarget: n.linkTarget } : {}),
    };
    const p = parents[i]!;
    if (p >= 0) {
      tree.subtreeCount[p]! += tree.subtreeCount[i]!;
      tree.totalBytes[p]! += tree.totalBytes[i]!;
    }
  }
  return tree;
}

/** A TreeSource whose compared trees come from a function of (layer, mode). */
export function fakeSource(paths: PathTable, nodesFor: (k: number, mode: CompareMode) => FakeNode[]): TreeSource {
  const cache = new Map<string, FileTree>();
  const get = (k: number, mode: CompareMode, order: TreeOrder = 'name'): FileTree => {
    const key = `${k}/${mode}/${order}`;
    if (!cache.has(key)) cache.set(key, fakeTree(paths, nodesFor(k, mode), order));
    return cache.get(key)!;
  };
  return { layerTree: (k, o) => get(k, 'layer', o), stackedTree: (k, o) => get(k, 'aggregated', o), comparedTree: get };
}

export function fakeAnalysis(inefficient: { path: string; count: number; sizeBytes: number }[] = []): ImageAnalysis {
  return {
    dive: {
      efficiency: 0.95,
      wastedBytes: 1500,
      sizeBytes: 30000,
      userSizeBytes: 20000,
      userWastedPercent: 0.075,
      inefficientFiles: inefficient,
    },
    waste: {
      totalBytes: 1200,
      overwrittenBytes: 1000,
      deletedBytes: 200,
      opaqueHiddenBytes: 0,
      finalVisibleBytes: 28000,
      finalFileCount: 9,
      perLayer: [],
    },
  };
}

export { PathTable };
