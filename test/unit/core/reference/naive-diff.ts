// The reference's own rule for "this path changed" between two stacked images, written from the rule
// as the project states it (not by calling the production code): a change of kind, mode or owner
// always counts; for anything but a directory a change of size, content hash or link target counts
// too; a directory re-emitted with the same attributes is no change (docker re-emits parents).
import type { LayerEntry } from '../../../../src/core/model.js';

const ALWAYS = ['kind', 'mode', 'uid', 'gid'] as const;
const NON_DIRECTORY = ['size', 'hash', 'linkTarget'] as const;

export function naiveChanged(before: LayerEntry, after: LayerEntry): boolean {
  const fields = after.kind === 'dir' && before.kind === 'dir' ? ALWAYS : [...ALWAYS, ...NON_DIRECTORY];
  return fields.some((field) => before[field] !== after[field]);
}
