// How the diff explorer's tree rows differ from the explorer's: the size column is the change in size
// (B minus A, summed under a directory), and a modified row says what changed, with both values.
import type { ChangeTree, LayerEntry } from '../../core/index.js';
import { escapeName } from '../escape-name.js';
import { formatBytes } from '../format-bytes.js';
import type { TreeRowStyle } from '../tree-rows.js';
import { signedBytes } from './diff-format.js';

/** Width of the change column: "+12.3 MB". */
const CHANGE_WIDTH = 8;

const octal = (mode: number): string => (mode & 0o7777).toString(8).padStart(4, '0');
const owner = (e: LayerEntry): string => `${e.uid}:${e.gid}`;

/** " (content 500 B → 800 B, mode 0755 → 0700)" for a modified node; sizes also when attributes are off. */
export function changeNote(tree: ChangeTree, node: number, attributes: boolean, ascii = false): string {
  const change = tree.change[node];
  if (!change) return '';
  const arrow = ascii ? ' -> ' : ' → ';
  if (change.change !== 'modified') return attributes ? '' : ` (${signedBytes(change.sizeAfter - change.sizeBefore)})`;
  const a = tree.before[node];
  const b = tree.after[node];
  const parts = change.aspects.map((aspect) => {
    if (!a || !b) return aspect;
    switch (aspect) {
      case 'content':
        return change.sizeBefore === change.sizeAfter
          ? 'content'
          : `content ${formatBytes(change.sizeBefore)}${arrow}${formatBytes(change.sizeAfter)}`;
      case 'type':
        return `type ${a.kind}${arrow}${b.kind}`;
      case 'mode':
        return `mode ${octal(a.mode)}${arrow}${octal(b.mode)}`;
      case 'owner':
        return `owner ${owner(a)}${arrow}${owner(b)}`;
      case 'link':
        return `link was ${escapeName(a.linkTarget ?? '')}`;
    }
  });
  return ` (${parts.join(', ')})`;
}

/** The explorer's row style with the change column and notes of `tree`. */
export function changeRowStyle(tree: ChangeTree, style: TreeRowStyle): TreeRowStyle {
  return {
    ...style,
    sizeText: (node) => signedBytes(tree.delta[node]!).padStart(CHANGE_WIDTH),
    note: (node) => changeNote(tree, node, style.attributes, style.ascii),
  };
}

export function changeTreeHeader(style: TreeRowStyle): string {
  const marker = style.diffMarkers ? '   ' : '';
  return style.attributes ? `${marker}Permission UID:GID ${'Change'.padStart(CHANGE_WIDTH)} Filetree` : `${marker}Filetree`;
}
