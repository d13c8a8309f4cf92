// Every path the image ever names, in one pre-order with children by name (code-unit order). Any
// stacked or compared tree is this order filtered, skipping whole subtrees that are absent, so
// building one costs about its own size plus the absent siblings it steps over.
import { ROOT, type PathTable } from './path-table.js';

export interface UnionOrder {
  /** Path ids in pre-order (root excluded). */
  readonly order: Int32Array;
  /** Subtree sizes in the union, aligned with `order`. */
  readonly subtree: Int32Array;
}

const byName =
  (paths: PathTable) =>
  (a: number, b: number): number => {
    const x = paths.name(a);
    const y = paths.name(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };

export function unionOrder(paths: PathTable): UnionOrder {
  const n = paths.size - 1;
  const order = new Int32Array(n);
  const parentPos = new Int32Array(n);
  const compare = byName(paths);
  // Stack of [path, position of its parent]; children pushed in reverse so they pop in name order.
  const stack: number[] = [];
  const pushChildren = (id: number, pos: number) => {
    const kids = [...paths.childrenOf(id)].sort(compare);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!, pos);
  };
  pushChildren(ROOT, -1);
  let next = 0;
  while (stack.length > 0) {
    const pos = stack.pop()!;
    const id = stack.pop()!;
    order[next] = id;
    parentPos[next] = pos;
    pushChildren(id, next);
    next++;
  }
  const subtree = new Int32Array(n).fill(1);
  for (let i = n - 1; i >= 0; i--) if (parentPos[i]! >= 0) subtree[parentPos[i]!]! += subtree[i]!;
  return { order, subtree };
}
