// Random small images checked against the slow references in ./reference: the incremental stacking,
// trees, diffs and waste against a naive re-stacker, and dive's numbers against a literal
// re-expression of dive's algorithm. Seeded, so every run sees the same images.
import { describe, expect, it } from 'vitest';
import { buildModel, type EntrySpec, type LayerSpec } from '../../helpers/model-builder.js';
import { ImageTrees, analyzeImage, isImplied, DIFF_KINDS, type DiffKind } from '../../../src/core/index.js';
import type { ImageModel, LayerEntry } from '../../../src/core/model.js';
import { bytesUnder, naiveStacks, preorder, type NaiveNode } from './reference/naive-stack.js';
import { naiveDive } from './reference/naive-dive.js';
import { naiveChanged } from './reference/naive-diff.js';
import { prng } from '../../helpers/prng.js';

const DIRS = ['a', 'b', 'a/c', 'a/d', 'b/e', 'a/c/h'];
const FILES = ['a/f1', 'a/c/f2', 'a/d/f3', 'b/f4', 'b/e/f5', 'g', 'a/c/h/f6', 'b/e/l'];

/** `stable`: every path keeps its kind and there are no opaque markers (what dive handles like we do). */
function randomImage(seed: number, stable: boolean): ImageModel {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const layers: LayerSpec[] = [];
  const layerCount = 2 + Math.floor(rand() * 5);
  for (let k = 0; k < layerCount; k++) {
    const entries: EntrySpec[] = [];
    for (const d of DIRS) {
      if (rand() >= 0.35) continue;
      const kind = stable || rand() < 0.8 ? 'dir' : 'file';
      entries.push({ path: d, kind, size: kind === 'dir' ? 0 : 7, mode: rand() < 0.2 ? 0o700 : 0o755 });
    }
    for (const f of FILES) {
      if (rand() >= 0.35) continue;
      const kind = stable ? (f.endsWith('l') ? 'symlink' : 'file') : pick(['file', 'file', 'symlink', 'dir'] as const);
      entries.push(
        kind === 'symlink'
          ? { path: f, kind, linkTarget: pick(['x', 'y']) }
          : { path: f, kind, size: pick([0, 10, 100, 1000]), hash: pick(['h1', 'h2']) },
      );
    }
    if (k > 0) for (const p of [...DIRS, ...FILES]) if (rand() < 0.12) entries.push({ path: p, kind: 'whiteout' });
    if (!stable && k > 0) for (const d of DIRS) if (rand() < 0.1) entries.push({ path: d, kind: 'opaque' });
    layers.push({ entries: entries.sort(() => rand() - 0.5) });
  }
  return buildModel(layers);
}

const implied: LayerEntry = { path: -1, kind: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0 };
const entryOf = (node: NaiveNode) => node.entry ?? implied;

function expectedDiffs(before: Map<string, NaiveNode>, after: Map<string, NaiveNode>): Map<string, DiffKind> {
  const diffs = new Map<string, DiffKind>();
  for (const p of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(p);
    const b = after.get(p);
    diffs.set(p, !b ? 'removed' : !a ? 'added' : naiveChanged(entryOf(a), entryOf(b)) ? 'modified' : 'unchanged');
  }
  for (const [p, kind] of diffs) {
    if (kind !== 'unchanged' || !after.has(p)) continue;
    for (const [q, other] of diffs)
      if (q.startsWith(p + '/') && other !== 'unchanged') {
        diffs.set(p, 'modified');
        break;
      }
  }
  return diffs;
}

describe('against the naive re-stacker', () => {
  for (let seed = 1; seed <= 150; seed++) {
    it(`image ${seed}`, () => {
      const image = randomImage(seed, seed % 3 === 0);
      const { stacks, waste } = naiveStacks(image);
      const trees = new ImageTrees(image);
      const name = (id: number) => image.paths.path(id);
      stacks.forEach((stack, k) => {
        const tree = trees.stackedTree(k);
        expect(Array.from(tree.pathId, name)).toEqual(preorder(stack.keys()));
        for (let i = 0; i < tree.count; i++) {
          const node = stack.get(name(tree.pathId[i]!))!;
          if (node.entry) expect(tree.entry[i]).toBe(node.entry);
          expect(isImplied(tree, i)).toBe(node.entry === undefined);
          expect(tree.totalBytes[i]).toBe(bytesUnder(stack, name(tree.pathId[i]!)));
        }
        for (const mode of ['layer', 'aggregated'] as const) {
          const base = k === 0 ? new Map<string, NaiveNode>() : stacks[mode === 'layer' ? k - 1 : 0]!;
          const want = expectedDiffs(base, stack);
          const compared = trees.comparedTree(k, mode, seed % 2 === 0 ? 'size' : 'name');
          const got = new Map(Array.from(compared.pathId, (id, i) => [name(id), DIFF_KINDS[compared.diff[i]!]!] as const));
          expect(got).toEqual(want);
        }
      });
      const analysis = analyzeImage(image);
      analysis.waste.perLayer.forEach((layer, k) => {
        expect([k, layer.overwrittenBytes, layer.deletedBytes, layer.opaqueHiddenBytes]).toEqual([
          k,
          waste.overwritten[k],
          waste.deleted[k],
          waste.opaque[k],
        ]);
        expect(layer.visibleBytes + layer.overwrittenBytes + layer.deletedBytes + layer.opaqueHiddenBytes).toBe(layer.writtenBytes);
      });
      expect(analysis.waste.finalVisibleBytes).toBe(bytesUnder(stacks.at(-1)!, ''));
    });
  }
});

describe("against dive's algorithm (stable kinds, no opaque markers)", () => {
  for (let seed = 1000; seed < 1100; seed++) {
    it(`image ${seed}`, () => {
      const image = randomImage(seed, true);
      const want = naiveDive(image);
      const { dive } = analyzeImage(image);
      expect(dive.efficiency).toBeCloseTo(want.efficiency, 12);
      expect(dive.wastedBytes).toBe(want.wasted);
      expect(new Map(dive.inefficientFiles.map((f) => [f.path, { count: f.count, cum: f.sizeBytes }]))).toEqual(want.repeated);
    });
  }
});
