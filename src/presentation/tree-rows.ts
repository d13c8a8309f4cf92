// Text of the tree pane's visible rows. Guides are computed only for the rows asked for (the slice
// that fits the pane), walking up each row's ancestors with a per-call cache.
import { DIFF_KINDS, isOpaque, type DiffKind, type EntryKind, type FileTree, type PathId, type PathTable } from '../core/index.js';
import { escapeName } from './escape-name.js';
import { formatBytes } from './format-bytes.js';
import { hasLaterVisibleSibling } from './tree-visibility.js';

export interface TreeRowStyle {
  readonly ascii: boolean;
  /** Permission, uid:gid and size columns before the tree. */
  readonly attributes: boolean;
  /** A +/~/- column for the diff kind, for when colour cannot show it (NO_COLOR). */
  readonly diffMarkers: boolean;
  /** Paths with a secret finding: marked after their name, so a leak stands out while browsing. */
  readonly secrets?: ReadonlySet<PathId>;
  /** The size column of node i (7 wide by default); a comparison shows the change in size instead. */
  readonly sizeText?: (node: number) => string;
  /** Text after node i's name (a comparison says what changed); already escaped. */
  readonly note?: (node: number) => string;
}

export interface TreeRow {
  readonly node: number;
  readonly pathId: PathId;
  readonly text: string;
  readonly diff: DiffKind;
}

const GLYPHS = {
  unicode: { tee: '├── ', last: '└── ', teeFolded: '├─⊕ ', lastFolded: '└─⊕ ', pipe: '│   ', blank: '    ', link: ' → ', hardlink: ' ⇒ ' },
  ascii: { tee: '|-- ', last: '`-- ', teeFolded: '|-+ ', lastFolded: '`-+ ', pipe: '|   ', blank: '    ', link: ' -> ', hardlink: ' => ' },
} as const;

const MARKERS: Record<DiffKind, string> = { unchanged: ' ', added: '+', modified: '~', removed: '-' };

const TYPE_CHAR: Record<EntryKind, string> = {
  file: '-',
  hardlink: '-',
  dir: 'd',
  symlink: 'l',
  char: 'c',
  block: 'b',
  fifo: 'p',
  whiteout: '-',
  opaque: 'd',
};

/** "drwxr-xr-x" from an entry kind and a tar mode (setuid/setgid/sticky shown like ls). */
export function modeString(kind: EntryKind, mode: number): string {
  const bit = (mask: number, ch: string): string => (mode & mask ? ch : '-');
  const special = (exec: number, flag: number, on: string): string => {
    if (mode & flag) return mode & exec ? on : on.toUpperCase();
    return mode & exec ? 'x' : '-';
  };
  return (
    TYPE_CHAR[kind] +
    bit(0o400, 'r') +
    bit(0o200, 'w') +
    special(0o100, 0o4000, 's') +
    bit(0o040, 'r') +
    bit(0o020, 'w') +
    special(0o010, 0o2000, 's') +
    bit(0o004, 'r') +
    bit(0o002, 'w') +
    special(0o001, 0o1000, 't')
  );
}

export function treeHeader(style: TreeRowStyle): string {
  const marker = style.diffMarkers ? '   ' : '';
  return style.attributes ? `${marker}Permission UID:GID    Size Filetree` : `${marker}Filetree`;
}

/**
 * Rows rows[from..to) as text. `collapsed` and `mask` must be the ones that produced `rows`.
 * `markersFrom`: the selected layer's own tree, whose opaque directories are marked (compared trees
 * do not carry that flag).
 */
export function buildTreeRows(
  tree: FileTree,
  paths: PathTable,
  mask: Uint8Array | null,
  collapsed: ReadonlySet<PathId>,
  rows: Int32Array,
  from: number,
  to: number,
  style: TreeRowStyle,
  markersFrom: FileTree = tree,
): TreeRow[] {
  const g = style.ascii ? GLYPHS.ascii : GLYPHS.unicode;
  const laterSibling = new Map<number, boolean>();
  const hasLater = (i: number): boolean => {
    let known = laterSibling.get(i);
    if (known === undefined) laterSibling.set(i, (known = hasLaterVisibleSibling(tree, mask, i)));
    return known;
  };
  const out: TreeRow[] = [];
  for (let r = Math.max(0, from); r < Math.min(to, rows.length); r++) {
    const i = rows[r]!;
    let guides = '';
    for (let a = tree.parent[i]!; a >= 0; a = tree.parent[a]!) guides = (hasLater(a) ? g.pipe : g.blank) + guides;
    const folded = tree.subtreeCount[i]! > 1 && collapsed.has(tree.pathId[i]!);
    const last = !hasLater(i);
    guides += folded ? (last ? g.lastFolded : g.teeFolded) : last ? g.last : g.tee;
    const entry = tree.entry[i]!;
    let name = escapeName(paths.name(tree.pathId[i]!));
    if (entry.kind === 'symlink' && entry.linkTarget !== undefined) name += g.link + escapeName(entry.linkTarget);
    if (entry.kind === 'hardlink' && entry.linkTarget !== undefined) name += `${g.hardlink}/${escapeName(entry.linkTarget)}`;
    const own = markersFrom === tree ? i : markersFrom.indexOf(tree.pathId[i]!);
    if (own >= 0 && isOpaque(markersFrom, own)) name += ' [opaque]';
    if (style.secrets?.has(tree.pathId[i]!)) name += ' [secret]';
    if (style.note) name += style.note(i);
    const diff = DIFF_KINDS[tree.diff[i]!] ?? 'unchanged';
    let text = guides + name;
    if (style.attributes) {
      const owner = `${entry.uid}:${entry.gid}`;
      const size = style.sizeText ? style.sizeText(i) : formatBytes(tree.totalBytes[i]!).padStart(7);
      text = `${modeString(entry.kind, entry.mode)} ${owner.padStart(7)} ${size} ${text}`;
    }
    if (style.diffMarkers) text = `${MARKERS[diff]} ${text}`;
    out.push({ node: i, pathId: tree.pathId[i]!, text, diff });
  }
  return out;
}
