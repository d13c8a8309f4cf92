// When two entries at the same path count as a change between two stacked images.
import type { EntryKind, LayerEntry } from './model.js';

/**
 * True when `after` changes what `before` was: kind, mode, owner, and for non-directories also
 * size, content hash and link target (a retargeted symlink is modified). A directory re-emitted
 * with the same attributes is not a change by itself (docker re-emits parents on every write).
 */
export function entriesDiffer(before: LayerEntry, after: LayerEntry): boolean {
  if (before === after) return false;
  if (before.kind !== after.kind || before.mode !== after.mode) return true;
  if (before.uid !== after.uid || before.gid !== after.gid) return true;
  if (after.kind === 'dir') return false;
  return before.size !== after.size || before.hash !== after.hash || before.linkTarget !== after.linkTarget;
}

/** Regular files of the final image: hardlinks are files too, but their bytes count once, at the target. */
export const isRegularFile = (kind: EntryKind): boolean => kind === 'file' || kind === 'hardlink';
