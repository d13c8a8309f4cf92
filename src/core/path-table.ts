// Every path is interned once; its small integer id is the file's identity across all layers, so UI
// state keyed by id survives switching layers. Paths are stored without a leading '/', root is id 0 ('').

export type PathId = number;
export const ROOT: PathId = 0;

export class PathTable {
  private readonly ids = new Map<string, PathId>([['', ROOT]]);
  private readonly names: string[] = [''];
  private readonly parents: PathId[] = [-1];
  private readonly depths: number[] = [0];
  private readonly children: PathId[][] = [[]];

  /** Id of a normalised path ('a/b/c', no leading or trailing '/'), interning it and its ancestors. */
  intern(path: string): PathId {
    const known = this.ids.get(path);
    if (known !== undefined) return known;
    // Ancestors first, without recursion: a path's depth comes from an image, and must not reach the stack.
    const missing: string[] = [];
    for (let at = path; at !== '' && !this.ids.has(at); at = at.slice(0, Math.max(0, at.lastIndexOf('/')))) missing.push(at);
    let id = ROOT;
    for (let i = missing.length - 1; i >= 0; i--) id = this.add(missing[i]!);
    return id;
  }

  private add(path: string): PathId {
    const slash = path.lastIndexOf('/');
    const parent = slash < 0 ? ROOT : this.ids.get(path.slice(0, slash))!;
    const id = this.names.length;
    this.ids.set(path, id);
    this.names.push(slash < 0 ? path : path.slice(slash + 1));
    this.parents.push(parent);
    this.depths.push(this.depths[parent]! + 1);
    this.children.push([]);
    this.children[parent]!.push(id);
    return id;
  }

  /** Id of a path already interned, or undefined. */
  find(path: string): PathId | undefined {
    return this.ids.get(path);
  }

  get size(): number {
    return this.names.length;
  }

  /** Last component. */
  name(id: PathId): string {
    return this.names[id]!;
  }

  parent(id: PathId): PathId {
    return this.parents[id]!;
  }

  /** Root is 0, a top-level entry 1. */
  depth(id: PathId): number {
    return this.depths[id]!;
  }

  /** Interned children of a path, in interning order (every layer's, not one tree's). */
  childrenOf(id: PathId): readonly PathId[] {
    return this.children[id]!;
  }

  /** Full path without a leading '/'. */
  path(id: PathId): string {
    if (id === ROOT) return '';
    const parts: string[] = [];
    for (let at = id; at !== ROOT; at = this.parents[at]!) parts.push(this.names[at]!);
    return parts.reverse().join('/');
  }
}
