// dive's efficiency algorithm re-expressed literally (from reading dive's efficiency.go and
// file_tree.go): per-layer node trees with `.wh.` nodes, intermediate nodes without file info,
// stacking by AddPath/RemovePath, whiteouts sized by re-stacking all lower layers. Slow on purpose.
import type { ImageModel } from '../../../../src/core/model.js';

interface Info {
  isDir: boolean;
  size: number;
}
class DNode {
  children = new Map<string, DNode>();
  constructor(
    readonly name: string,
    public info: Info | undefined,
    readonly parent: DNode | undefined,
  ) {}
  /** dive's Path(): the `.wh.` prefix of the node itself is dropped. */
  path(): string {
    const parts = [this.name.replace(/^\.wh\./, '')];
    for (let at = this.parent; at?.parent; at = at.parent) parts.unshift(at.name);
    return parts.join('/');
  }
}
class DTree {
  root = new DNode('', undefined, undefined);
  add(path: string, info: Info | undefined): void {
    const names = path.split('/');
    let node = this.root;
    names.forEach((name, i) => {
      let child = node.children.get(name);
      if (!child) {
        if (name.startsWith('.wh..wh..')) return;
        child = new DNode(name, undefined, node);
        node.children.set(name, child);
      }
      node = child;
      if (i === names.length - 1) node.info = info;
    });
  }
  get(path: string): DNode | undefined {
    let node: DNode | undefined = this.root;
    for (const name of path.split('/')) node = node?.children.get(name);
    return node;
  }
  /** Children first, names sorted (Go's sort.Strings: byte order; our names are ASCII). */
  visit(fn: (n: DNode) => void, node = this.root): void {
    for (const key of [...node.children.keys()].sort()) this.visit(fn, node.children.get(key)!);
    if (node !== this.root) fn(node);
  }
}

function layerTrees(image: ImageModel): DTree[] {
  return image.layers.map((layer) => {
    const tree = new DTree();
    for (const e of layer.entries) {
      const p = image.paths.path(e.path);
      const slash = p.lastIndexOf('/');
      const dir = slash < 0 ? '' : p.slice(0, slash + 1);
      if (e.kind === 'whiteout') tree.add(`${dir}.wh.${p.slice(slash + 1)}`, { isDir: false, size: 0 });
      else if (e.kind === 'opaque') tree.add(`${p}/.wh..wh..opq`, { isDir: false, size: 0 });
      else tree.add(p, { isDir: e.kind === 'dir', size: e.size });
    }
    return tree;
  });
}

function stackRange(trees: DTree[], stop: number): DTree {
  const out = new DTree();
  for (let i = 0; i <= stop; i++) {
    trees[i]!.visit((node) => {
      if (node.name.startsWith('.wh.')) {
        const gone = out.get(node.path());
        if (gone) gone.parent!.children.delete(gone.name);
      } else out.add(node.path(), node.info);
    });
  }
  return out;
}

export function naiveDive(image: ImageModel): {
  efficiency: number;
  wasted: number;
  repeated: Map<string, { count: number; cum: number }>;
} {
  const trees = layerTrees(image);
  const data = new Map<string, { count: number; cum: number; min: number }>();
  trees.forEach((tree, i) => {
    let below: DTree | undefined; // dive re-stacks for every whiteout; the result is the same, so once per layer here
    tree.visit((node) => {
      if (node.children.size > 0) return;
      let size = node.info?.size ?? 0;
      if (node.name.startsWith('.wh.')) {
        size = 0;
        below ??= stackRange(trees, i - 1);
        const before = below.get(node.path());
        if (before?.info?.isDir) {
          const sum = (n: DNode): number => (n.info?.size ?? 0) + [...n.children.values()].reduce((s, c) => s + sum(c), 0);
          size = sum(before);
        }
      }
      const d = data.get(node.path()) ?? { count: 0, cum: 0, min: -1 };
      d.cum += size;
      if (d.min < 0 || size < d.min) d.min = size;
      d.count++;
      data.set(node.path(), d);
    });
  });
  let sumMin = 0;
  let sumCum = 0;
  let wasted = 0;
  const repeated = new Map<string, { count: number; cum: number }>();
  for (const [path, d] of data) {
    sumMin += d.min;
    sumCum += d.cum;
    if (d.count >= 2) {
      wasted += d.cum;
      repeated.set(path, { count: d.count, cum: d.cum });
    }
  }
  return { efficiency: sumCum === 0 ? 1 : sumMin / sumCum, wasted, repeated };
}
