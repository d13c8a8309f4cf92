// The image as stacked so far, kept incrementally while layers are applied one by one: which entry is
// visible at each path, who wrote it, the visible children of each directory (so deleting a directory
// costs its visible subtree only) and the visible bytes under each path (so a whiteout's size is O(1)).
import type { PathTable, PathId } from './path-table.js';
import type { EntryStore } from './entry-store.js';

/** Why visible bytes stopped being visible. */
export const HIDE = { overwritten: 0, deleted: 1, opaque: 2 } as const;
export type HideCause = (typeof HIDE)[keyof typeof HIDE];

export interface VisibilityObserver {
  /** `path` now shows entry `ref` from `layer`; `replacedRef` (or -1) was shown there before, by `replacedOwner`. */
  shown(path: PathId, ref: number, layer: number, replacedRef: number, replacedOwner: number): void;
  /** `path` (entry `ref` of layer `owner`) stopped being visible at `layer`. */
  hidden(path: PathId, ref: number, owner: number, cause: HideCause, layer: number): void;
}

export class VisibleState {
  /** Visible entry ref per path, -1 when absent. Root (0) is always present and has no entry. */
  readonly ref: Int32Array;
  readonly owner: Int32Array;
  /** Content bytes visible at or under each path; [ROOT] is the whole image. */
  readonly subtreeBytes: Float64Array;
  /** Set once a path has been visible in any layer so far. */
  readonly everPresent: Uint8Array;
  private readonly firstChild: Int32Array;
  private readonly nextSib: Int32Array;
  private readonly prevSib: Int32Array;
  private readonly stack: number[] = [];

  constructor(
    private readonly paths: PathTable,
    private readonly store: EntryStore,
    private readonly observer: VisibilityObserver,
  ) {
    const n = paths.size;
    this.ref = new Int32Array(n).fill(-1);
    this.owner = new Int32Array(n).fill(-1);
    this.subtreeBytes = new Float64Array(n);
    this.everPresent = new Uint8Array(n);
    this.firstChild = new Int32Array(n).fill(-1);
    this.nextSib = new Int32Array(n).fill(-1);
    this.prevSib = new Int32Array(n).fill(-1);
  }

  isVisible(path: PathId): boolean {
    return this.ref[path]! >= 0;
  }

  isVisibleDir(path: PathId): boolean {
    const ref = this.ref[path]!;
    return ref >= 0 && this.store.get(ref).kind === 'dir';
  }

  hasVisibleChildren(path: PathId): boolean {
    return this.firstChild[path]! >= 0;
  }

  /** Show entry `ref` of `layer` at `path`, replacing whatever was there (its children stay). */
  show(path: PathId, ref: number, layer: number): void {
    const before = this.ref[path]!;
    const beforeOwner = this.owner[path]!;
    const delta = this.store.get(ref).size - (before >= 0 ? this.store.get(before).size : 0);
    if (before < 0) this.link(path);
    this.ref[path] = ref;
    this.owner[path] = layer;
    this.everPresent[path] = 1;
    if (delta !== 0) this.addBytes(path, delta);
    this.observer.shown(path, ref, layer, before, beforeOwner);
  }

  /** Hide `path` and everything visible under it. */
  hideSubtree(path: PathId, cause: HideCause, layer: number): void {
    if (this.ref[path]! < 0) return;
    this.unlink(path);
    const bytes = this.subtreeBytes[path]!;
    if (bytes !== 0) this.addBytes(this.paths.parent(path), -bytes);
    const stack = this.stack;
    stack.push(path);
    while (stack.length > 0) {
      const at = stack.pop()!;
      for (let c = this.firstChild[at]!; c >= 0; c = this.nextSib[c]!) stack.push(c);
      const ref = this.ref[at]!;
      this.observer.hidden(at, ref, this.owner[at]!, cause, layer);
      this.ref[at] = -1;
      this.owner[at] = -1;
      this.firstChild[at] = -1;
      this.subtreeBytes[at] = 0;
    }
  }

  /** Hide everything visible under `path`, keeping `path` itself. */
  hideChildren(path: PathId, cause: HideCause, layer: number): void {
    let c = this.firstChild[path]!;
    while (c >= 0) {
      const next = this.nextSib[c]!;
      this.hideSubtree(c, cause, layer);
      c = next;
    }
  }

  private addBytes(from: PathId, delta: number): void {
    for (let at = from; at >= 0; at = this.paths.parent(at)) this.subtreeBytes[at]! += delta;
  }

  private link(path: PathId): void {
    const parent = this.paths.parent(path);
    const head = this.firstChild[parent]!;
    this.nextSib[path] = head;
    this.prevSib[path] = -1;
    if (head >= 0) this.prevSib[head] = path;
    this.firstChild[parent] = path;
  }

  private unlink(path: PathId): void {
    const prev = this.prevSib[path]!;
    const next = this.nextSib[path]!;
    if (prev >= 0) this.nextSib[prev] = next;
    else this.firstChild[this.paths.parent(path)] = next;
    if (next >= 0) this.prevSib[next] = prev;
    this.nextSib[path] = -1;
    this.prevSib[path] = -1;
  }
}
