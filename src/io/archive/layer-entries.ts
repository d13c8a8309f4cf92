// A layer's tar entries as RawEntries, as the tar reader hands them over (parse-layer.ts runs the stream):
// names decoded and cleaned, whiteouts decoded, paths held to the limits, regular files hashed (and
// scanned for secrets) as their content streams past, and a path written twice kept once, as a tar
// extraction would leave it.
import type { EntryKind, LayerEntry } from '../../core/model.js';
import { decodeLatin1Name, normaliseName } from '../../core/names.js';
import type { ContentObserver, FileContentSink } from '../../core/secrets/file-scan.js';
import { hex, type ContentHashing } from './content-hash.js';
import type { LayerTarVisitor, TarEntryHeader } from './layer-tar.js';
import type { TarType } from './tar-header.js';
import { LIMITS, limitInLayer } from '../image/limits.js';

/** An entry before path interning (layers are parsed before the manifest says which image they are in). */
export interface RawEntry extends Omit<LayerEntry, 'path'> {
  readonly path: string;
}

const KINDS: Partial<Record<TarType, EntryKind>> = {
  file: 'file',
  'contiguous-file': 'file',
  directory: 'dir',
  symlink: 'symlink',
  link: 'hardlink',
  'character-device': 'char',
  'block-device': 'block',
  fifo: 'fifo',
};

/**
 * Decodes the whiteout naming convention for a name whose last component starts with `.wh.`: `.wh.x`
 * deletes x, `.wh..wh..opq` makes its directory opaque.
 */
function whiteout(path: string, slash: number): { path: string; kind: EntryKind } | undefined {
  const base = path.slice(slash + 1);
  const dir = slash < 0 ? '' : path.slice(0, slash);
  if (base === '.wh..wh..opq') return { path: dir, kind: 'opaque' };
  if (base.startsWith('.wh..wh.')) return undefined; // .wh..wh.plnk, .wh..wh.aufs: aufs bookkeeping
  const target = base.slice(4);
  return { path: dir ? `${dir}/${target}` : target, kind: 'whiteout' };
}

/** Paths past the bounds of README "Limits" are refused before anything is built from them. */
function checkPath(path: string): void {
  if (path.length > LIMITS.pathBytes) throw limitInLayer(`an entry's path is ${path.length} bytes long`, LIMITS.pathBytes);
  let depth = 0;
  for (let at = path.indexOf('/'); at >= 0; at = path.indexOf('/', at + 1)) depth++;
  if (depth >= LIMITS.pathDepth) throw limitInLayer(`an entry's path is ${depth + 1} levels deep`, LIMITS.pathDepth);
}

/** Turns tar entries into RawEntries: names decoded and cleaned, whiteouts decoded, files hashed. */
export class LayerEntries implements LayerTarVisitor {
  readonly entries: RawEntry[] = [];
  readonly escapes: string[] = [];
  // A path written twice in one layer: the later entry wins (deletion markers and content kept apart).
  private readonly contentSlots = new Map<string, number>();
  private readonly whiteoutSlots = new Map<string, number>();
  private readonly opaqueSlots = new Map<string, number>();
  /**
   * What a hardlink to a path gets is the hash of the last file written there (none when that was itself
   * a hardlink: chains get none). The content slot says so, unless a directory or the like replaced the
   * file afterwards: only then is the file's hash kept here.
   */
  private readonly replacedHashes = new Map<string, string | undefined>();
  /** Content bytes of every entry, duplicates included: the layer's size (dive's rule). */
  writtenBytes = 0;
  /** Tar position of the last write of each entry (aligned with `entries`), for `withoutReplaced`. */
  private readonly positions: number[] = [];
  private position = 0;
  /** Every directory some entry so far lies under. */
  private readonly dirPrefixes = new Set<string>();
  /** Paths where a non-directory replaced a directory with entries under it, and the tar position it did so at. */
  private readonly replacedAt = new Map<string, number>();
  /** The file whose content is still arriving, with its hasher. */
  private pending:
    | { path: string; header: TarEntryHeader; dataOffset: number; hasher: ReturnType<ContentHashing['create']>; sink?: FileContentSink }
    | undefined;

  constructor(
    private readonly hashing: ContentHashing,
    private readonly observer?: ContentObserver,
  ) {}

  entry(header: TarEntryHeader, content: Buffer | undefined, dataOffset: number): void {
    const tarKind = header.type === null ? undefined : KINDS[header.type];
    if (tarKind === undefined) return;
    const rawName = decodeLatin1Name(header.name);
    const { path: normal, escaped } = normaliseName(rawName);
    let path = normal;
    let kind = tarKind;
    const slash = normal.lastIndexOf('/');
    if (normal.startsWith('.wh.', slash + 1)) {
      const decoded = whiteout(normal, slash);
      if (!decoded) return;
      ({ path, kind } = decoded);
    } else if (normal === '') {
      return;
    }
    checkPath(path);
    if (escaped) this.escapes.push(`entry '${rawName}' climbs out of the image root; shown as '${normal}'`);
    if (kind === 'file') {
      // The content observer (secrets scan) sees the same bytes the hasher does.
      const sink = this.observer?.file(path, header.size);
      if (content) {
        sink?.whole(content);
        this.addFile(path, header, hex(this.hashing.once(content)), dataOffset);
      } else this.pending = { path, header, dataOffset, hasher: this.hashing.create(), sink };
      return;
    }
    const mode = header.mode ?? 0,
      uid = header.uid ?? 0,
      gid = header.gid ?? 0;
    const link = header.linkname ? decodeLatin1Name(header.linkname) : undefined;
    if (kind === 'hardlink') {
      const target = normaliseName(link ?? '').path;
      // A link to itself is a chain too.
      this.add({ path, kind, size: 0, mode, uid, gid, linkTarget: target, hash: target === path ? undefined : this.fileHash(target) });
    } else if (kind === 'symlink') {
      this.add({ path, kind, size: 0, mode, uid, gid, linkTarget: link ?? '' });
    } else {
      this.add({ path, kind, size: 0, mode, uid, gid });
    }
  }

  data(bytes: Buffer): void {
    this.pending?.hasher.update(bytes);
    this.pending?.sink?.data(bytes);
  }

  end(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    pending.sink?.end();
    this.addFile(pending.path, pending.header, hex(pending.hasher.digest()), pending.dataOffset);
  }

  private addFile(path: string, header: TarEntryHeader, hash: string, dataOffset: number): void {
    this.add({
      path,
      kind: 'file',
      size: header.size,
      mode: header.mode ?? 0,
      uid: header.uid ?? 0,
      gid: header.gid ?? 0,
      hash,
      dataOffset,
    });
  }

  /**
   * The runtime applies a layer in tar order, and a non-directory written over a directory removes it
   * with everything under it (Docker's UnpackLayer: RemoveAll unless both are directories), children
   * written earlier in this same layer included. Records where that happens.
   */
  private notePrefixes(entry: RawEntry, position: number): void {
    const isContent = entry.kind !== 'whiteout' && entry.kind !== 'opaque';
    if (isContent && entry.kind !== 'dir' && this.dirPrefixes.has(entry.path)) this.replacedAt.set(entry.path, position);
    // Each distinct directory is added once: the walk up stops at the first one already known.
    for (let dir = container(entry); dir !== '' && !this.dirPrefixes.has(dir); dir = dir.slice(0, Math.max(0, dir.lastIndexOf('/')))) {
      this.dirPrefixes.add(dir);
    }
  }

  /** The entries that are still there once the layer is applied in tar order (see notePrefixes). */
  inOrder(): readonly RawEntry[] {
    if (this.replacedAt.size === 0) return this.entries;
    return this.entries.filter((entry, i) => {
      const at = this.positions[i]!;
      for (let dir = container(entry); dir !== ''; dir = dir.slice(0, Math.max(0, dir.lastIndexOf('/')))) {
        if ((this.replacedAt.get(dir) ?? -1) > at) return false;
      }
      return true;
    });
  }

  /** The hash a hardlink to `path` gets now. */
  private fileHash(path: string): string | undefined {
    const slot = this.contentSlots.get(path);
    if (slot === undefined) return undefined;
    const entry = this.entries[slot]!;
    if (entry.kind === 'file') return entry.hash;
    if (entry.kind === 'hardlink') return undefined;
    return this.replacedHashes.get(path);
  }

  private add(entry: RawEntry): void {
    const position = this.position++;
    if (position >= LIMITS.entries) throw limitInLayer(`more than ${LIMITS.entries} entries in one layer`, LIMITS.entries);
    this.writtenBytes += entry.size;
    this.notePrefixes(entry, position);
    const slots = entry.kind === 'whiteout' ? this.whiteoutSlots : entry.kind === 'opaque' ? this.opaqueSlots : this.contentSlots;
    const slot = slots.get(entry.path);
    if (slot === undefined) {
      slots.set(entry.path, this.entries.push(entry) - 1);
      this.positions.push(position);
      return;
    }
    this.positions[slot] = position;
    const before = this.entries[slot]!;
    if (slots === this.contentSlots && entry.kind !== 'file' && entry.kind !== 'hardlink') {
      if (before.kind === 'file') this.replacedHashes.set(entry.path, before.hash);
      else if (before.kind === 'hardlink') this.replacedHashes.set(entry.path, undefined);
    }
    this.entries[slot] = entry;
  }
}

/** Where an entry lies: under its path's parent, or (an opaque marker) inside its directory itself. */
const container = (entry: RawEntry): string =>
  entry.kind === 'opaque' ? entry.path : entry.path.slice(0, Math.max(0, entry.path.lastIndexOf('/')));
