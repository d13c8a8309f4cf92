// What Ink puts at the end of a row it cuts (wrap="truncate-end"): '…' by default, '...' in ASCII mode.
// Ink gives cli-truncate no way to choose it per Text, so patches/cli-truncate+5.2.0.patch takes its
// default from this one global, which each explorer sets as it starts (one explorer at a time).
const KEY = Symbol.for('layerscope.truncationCharacter');

export function setTruncationCharacter(ascii: boolean): void {
  (globalThis as Record<symbol, unknown>)[KEY] = ascii ? '...' : undefined;
}
