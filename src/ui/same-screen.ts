// When two renders of an explorer would draw the same screen. Ink draws every React commit whole (layout,
// then every cell of every row: ~11 ms for a full 120x40 screen on the bench machine), and any commit
// that touches a host node is drawn. A key that only records a request for an effect (n in the viewer
// asks for a search, x for an extract) changed the state but nothing on screen, yet re-rendered the
// screen: n drew two frames, the request's and the answer's (p50 25 ms, over the 20 ms budget). The
// explorers' screens are memoised with this comparator, so such a commit touches no host node and Ink
// draws nothing.
import type { ExplorerState } from './state.js';
import type { ViewerState } from './viewer/viewer-state.js';

// What the state holds for effects to act on, never drawn. Everything else counts as visible.
const EFFECT_ONLY_STATE: ReadonlySet<string> = new Set(['extractRequest']);
const EFFECT_ONLY_VIEWER: ReadonlySet<string> = new Set(['searchRequest', 'answeredSeq', 'deferred']);

type Same = (a: unknown, b: unknown) => boolean;

/** Every own key equal (Object.is), except those in `skip`, and those in `nested` by their own test. */
function sameFields(a: object, b: object, skip: ReadonlySet<string>, nested: Readonly<Record<string, Same>> = {}): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) {
    if (skip.has(key)) continue;
    const same = nested[key] ?? Object.is;
    if (!same(x[key], y[key])) return false;
  }
  return true;
}

const sameOptional =
  (same: (a: object, b: object) => boolean): Same =>
  (a, b) =>
    a === b || (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && same(a, b));

const sameVisibleViewer = sameOptional((a, b) => sameFields(a as ViewerState, b as ViewerState, EFFECT_ONLY_VIEWER));

/** The two states draw the same screen: they differ at most in requests left for effects. */
export const sameVisibleState = (a: ExplorerState, b: ExplorerState): boolean =>
  a === b || sameFields(a, b, EFFECT_ONLY_STATE, { viewer: sameVisibleViewer });

const NOTHING: ReadonlySet<string> = new Set();

/**
 * The comparator of a memoised screen: `state` by what it draws, the keys in `shallow` (objects rebuilt on
 * every render from stable parts, such as the viewer's page) field by field, every other prop by identity.
 */
export function sameScreenProps<P extends { readonly state: ExplorerState }>(shallow: readonly (keyof P & string)[] = []) {
  const fieldByField = sameOptional((a, b) => sameFields(a, b, NOTHING));
  const nested: Record<string, Same> = { state: (a, b) => sameVisibleState(a as ExplorerState, b as ExplorerState) };
  for (const key of shallow) nested[key] = fieldByField;
  return (a: Readonly<P>, b: Readonly<P>): boolean => sameFields(a, b, NOTHING, nested);
}
