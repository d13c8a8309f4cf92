// A deliberately simple reference for the incremental core: re-stacks layers with string maps and
// prefix scans (slow, obvious), attributing hidden bytes by cause. The fuzz test checks the real
// implementation against it.
import type { ImageModel, LayerEntry } from '../../../../src/core/model.js';

export interface NaiveNode {
  entry: LayerEntry | undefined; // undefined: implied directory
  owner: number;
}

export type NaiveStack = Map<string, NaiveNode>;

export interface NaiveWaste {
  overwritten: number[];
  deleted: number[];
  opaque: number[];
}

const isDirNode = (n: NaiveNode | undefined) => n !== undefined && (n.entry === undefined || n.entry.kind === 'dir');
const parentOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');

/** Stacks of layers 0..k for every k, and the waste by cause. */
export function naiveStacks(image: ImageModel): { stacks: NaiveStack[]; waste: NaiveWaste } {
  const n = image.layers.length;
  const waste: NaiveWaste = { overwritten: Array(n).fill(0), deleted: Array(n).fill(0), opaque: Array(n).fill(0) };
  const stack: NaiveStack = new Map();
  const stacks: NaiveStack[] = [];
  const hide = (path: string, cause: keyof NaiveWaste) => {
    const node = stack.get(path);
    if (!node) return;
    waste[cause][node.owner]! += node.entry?.size ?? 0;
    stack.delete(path);
  };
  const hideUnder = (path: string, cause: keyof NaiveWaste) => {
    for (const key of [...stack.keys()]) if (key.startsWith(path + '/')) hide(key, cause);
  };
  for (const layer of image.layers) {
    const k = layer.index;
    const own = new Map<string, LayerEntry>();
    const whiteouts = new Set<string>();
    const opaques = new Set<string>();
    for (const e of layer.entries) {
      const p = image.paths.path(e.path);
      if (e.kind === 'whiteout') whiteouts.add(p);
      else if (e.kind === 'opaque') opaques.add(p);
      else own.set(p, e);
    }
    for (const w of whiteouts) {
      hideUnder(w, 'deleted');
      hide(w, 'deleted');
    }
    for (const d of opaques) hideUnder(d, 'opaque');
    for (const [p, e] of own) if (e.kind !== 'dir') hideUnder(p, 'overwritten');
    const ensureDir = (p: string) => {
      for (let at = p; at !== ''; at = parentOf(at)) {
        const node = stack.get(at);
        if (isDirNode(node) || (node && own.has(at))) return;
        if (node) hide(at, 'overwritten');
        stack.set(at, { entry: undefined, owner: k });
      }
    };
    for (const [p, e] of own) {
      if (stack.has(p)) hide(p, 'overwritten');
      stack.set(p, { entry: e, owner: k });
    }
    for (const p of own.keys()) ensureDir(parentOf(p));
    for (const d of opaques) ensureDir(d);
    for (const w of whiteouts) ensureDir(parentOf(w));
    stacks.push(new Map(stack));
  }
  return { stacks, waste };
}

/** Tree pre-order with children by name (code units), as a sort over paths. */
export function preorder(paths: Iterable<string>): string[] {
  const split = [...paths].map((p) => p.split('/'));
  split.sort((a, b) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
    }
    return a.length - b.length;
  });
  return split.map((s) => s.join('/'));
}

export function bytesUnder(stack: NaiveStack, path: string): number {
  let total = 0;
  for (const [key, node] of stack) if (path === '' || key === path || key.startsWith(path + '/')) total += node.entry?.size ?? 0;
  return total;
}
