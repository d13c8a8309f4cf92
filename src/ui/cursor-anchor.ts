// The tree cursor follows its file across trees: switching layer, view mode or sort order keeps it on
// the same path (by path id) when that path is shown in the new tree, instead of on the same row number,
// and at the same height on screen, so flipping through layers does not make the file jump (unless the
// tree was seen from its top, which it then stays at: see settleAnchor).
// Done in the reducer, so keys that arrive together see the cursor where slow typing would have left it.
// The new tree's rows are needed to place the cursor, so the anchor waits in the state until someone
// needs them (the next frame, or a key that uses the cursor): stepping through layers in one burst does
// not build the trees of the layers passed over.
import { rowOfNode } from '../presentation/index.js';
import type { TreeContext } from './commands.js';
import { reduce } from './reducer.js';
import type { ExplorerState } from './state.js';

const treeOf = (s: ExplorerState): string => `${s.selectedLayer}:${s.compare}:${s.order}`;

/**
 * `next` with an anchor on the file under `before`'s cursor when the step changed the tree shown
 * (an anchor already waiting is kept: the cursor has not left that file yet).
 */
export function anchored(before: ExplorerState, next: ExplorerState, view: (s: ExplorerState) => TreeContext): ExplorerState {
  if (next === before || next.anchor || treeOf(before) === treeOf(next)) return next;
  const from = settleAnchor(before, view); // where the cursor was, had its own anchor been applied
  const { tree, rows } = view(from);
  if (rows.length === 0) return next;
  const row = Math.min(from.treeCursor, rows.length - 1);
  return { ...next, anchor: { pathId: tree.pathId[rows[row]!]!, offset: from.treeCursor - from.treeTop, fromTop: from.treeTop === 0 } };
}

/** `state` with its waiting anchor applied: the cursor on the anchored file if the tree shows it. */
export function settleAnchor(state: ExplorerState, view: (s: ExplorerState) => TreeContext): ExplorerState {
  const { anchor } = state;
  if (!anchor) return state;
  const cleared = { ...state, anchor: undefined };
  const { tree, rows } = view(cleared);
  const node = tree.indexOf(anchor.pathId);
  const row = node >= 0 ? rowOfNode(rows, node) : -1;
  if (row < 0 || row === state.treeCursor) return cleared;
  // A tree seen from its first row stays so as far as the cursor allows: what a layer added above the
  // file (a new /app above /bin) is not scrolled away to keep the file's height on screen.
  return reduce(cleared, { type: 'setTreeCursor', row, rowCount: rows.length, offset: anchor.fromTop ? row : anchor.offset });
}
