// The TreeSource over one image: trees are built on demand from the shared one-pass history and kept
// in a small LRU cache keyed by (kind, k, mode, order), so moving back to a layer costs nothing while
// a 120-layer image cannot pin hundreds of trees in memory.
import type { ImageModel } from './model.js';
import type { CompareMode, FileTree, TreeOrder, TreeSource } from './tree-types.js';
import { stackLayers, type LayerStacking } from './layer-stacking.js';
import { unionOrder, type UnionOrder } from './union-order.js';
import { buildLayerTree, buildStackedTree } from './build-trees.js';
import { sortBySize, type FlatTree } from './flat-tree.js';

export interface ImageTreesOptions {
  /** Trees kept at once (default 24: about 35 bytes a node, so some 40 MB for 50k-node trees). */
  readonly cacheSize?: number;
}

export class ImageTrees implements TreeSource {
  private readonly cache = new Map<string, FlatTree>();
  private readonly cacheSize: number;
  private historyMemo: LayerStacking | undefined;
  private unionMemo: UnionOrder | undefined;

  constructor(
    readonly image: ImageModel,
    options: ImageTreesOptions = {},
  ) {
    this.cacheSize = Math.max(2, options.cacheSize ?? 24);
  }

  layerTree(k: number, order: TreeOrder = 'name'): FileTree {
    this.check(k);
    return this.cached(`layer:${k}`, order, () => buildLayerTree(this.history(), k));
  }

  stackedTree(k: number, order: TreeOrder = 'name'): FileTree {
    this.check(k);
    return this.cached(`stacked:${k}`, order, () => buildStackedTree(this.history(), this.union(), k, k, false));
  }

  comparedTree(k: number, mode: CompareMode, order: TreeOrder = 'name'): FileTree {
    this.check(k);
    // k = 0 compares with the empty image in both modes; aggregated compares with layer 0.
    const base = k === 0 ? -1 : mode === 'layer' ? k - 1 : 0;
    return this.cached(`compared:${k}:${mode}`, order, () => buildStackedTree(this.history(), this.union(), k, base, true));
  }

  private cached(key: string, order: TreeOrder, build: () => FlatTree): FlatTree {
    if (order === 'size') {
      return this.remember(`${key}:size`, () => sortBySize(this.cached(key, 'name', build), this.image.paths.size));
    }
    return this.remember(`${key}:name`, build);
  }

  private remember(key: string, build: () => FlatTree): FlatTree {
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key); // re-insert: Map order is our recency order
      this.cache.set(key, hit);
      return hit;
    }
    const tree = build();
    this.cache.set(key, tree);
    while (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    return tree;
  }

  private history(): LayerStacking {
    return (this.historyMemo ??= stackLayers(this.image));
  }

  private union(): UnionOrder {
    return (this.unionMemo ??= unionOrder(this.image.paths));
  }

  private check(k: number): void {
    if (!Number.isInteger(k) || k < 0 || k >= this.image.layers.length) {
      throw new RangeError(`layer ${k} does not exist (the image has ${this.image.layers.length})`);
    }
  }
}
