// One layer blob → its entries, in one pass: (gunzip | zstd | nothing) → tar reader → entries, with every
// regular file's content hashed as it streams past. Nothing but the entry list is kept.
import type { EntryKind, LayerEntry } from '../../core/model.js';
import { decodeLatin1Name, normaliseName } from '../../core/names.js';
import { Readable, pipeline } from 'node:stream';
import { contentHashing, hex, type ContentHashing } from './content-hash.js';
import { decompressorFor } from './decompress.js';
import { LayerTarParser, type LayerTarVisitor, type TarEntryHeader } from './layer-tar.js';
import type { TarType } from './tar-header.js';
import { LayerSecretScan, type ContentObserver, type FileContentSink, type LayerSecrets } from '../../core/secrets/file-scan.js';

/** An entry before path interning (layers are parsed before the manifest says which image they are in). */
export interface RawEntry extends Omit<LayerEntry, 'path'> {
  readonly path: string;
}

export interface ParsedLayer {
  readonly entries: readonly RawEntry[];
  /** Sum of the entries' content sizes. */
  readonly sizeBytes: number;
  /** Names that climbed out of the root, as "entry '../x' climbs out of the image root; shown as 'x'". */
  readonly escapes: readonly string[];
  /** The secrets scan of this layer's files, when one was asked for. */
  readonly secrets?: LayerSecrets;
}

export interface ParseLayerOptions {
  /** Scan regular files for secrets as they stream past (the same single read). */
  readonly scanSecrets?: boolean;
}

const KINDS: Partial<Record<TarType, EntryKind>> = {
  file: 'file', 'contiguous-file': 'file', directory: 'dir', symlink: 'symlink', link: 'hardlink',
  'character-device': 'char', 'block-device': 'block', fifo: 'fifo',
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

/** Turns tar entries into RawEntries: names decoded and cleaned, whiteouts decoded, files hashed. */
class LayerEntries implements LayerTarVisitor {
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
  /** The file whose content is still arriving, with its hasher. */
  private pending: { path: string; header: TarEntryHeader; hasher: ReturnType<ContentHashing['create']>; sink?: FileContentSink } | undefined;

  constructor(private readonly hashing: ContentHashing, private readonly observer?: ContentObserver) {}

  entry(header: TarEntryHeader, content: Buffer | undefined): void {
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
    if (escaped) this.escapes.push(`entry '${rawName}' climbs out of the image root; shown as '${normal}'`);
    if (kind === 'file') {
      // The content observer (secrets scan) sees the same bytes the hasher does.
      const sink = this.observer?.file(path, header.size);
      if (content) {
        sink?.whole(content);
        this.addFile(path, header, hex(this.hashing.once(content)));
      } else this.pending = { path, header, hasher: this.hashing.create(), sink };
      return;
    }
    const mode = header.mode ?? 0, uid = header.uid ?? 0, gid = header.gid ?? 0;
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
    this.addFile(pending.path, pending.header, hex(pending.hasher.digest()));
  }

  private addFile(path: string, header: TarEntryHeader, hash: string): void {
    this.add({ path, kind: 'file', size: header.size, mode: header.mode ?? 0, uid: header.uid ?? 0, gid: header.gid ?? 0, hash });
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
    const slots = entry.kind === 'whiteout' ? this.whiteoutSlots : entry.kind === 'opaque' ? this.opaqueSlots : this.contentSlots;
    const slot = slots.get(entry.path);
    if (slot === undefined) {
      slots.set(entry.path, this.entries.push(entry) - 1);
      return;
    }
    const before = this.entries[slot]!;
    if (slots === this.contentSlots && entry.kind !== 'file' && entry.kind !== 'hardlink') {
      if (before.kind === 'file') this.replacedHashes.set(entry.path, before.hash);
      else if (before.kind === 'hardlink') this.replacedHashes.set(entry.path, undefined);
    }
    this.entries[slot] = entry;
  }
}

export async function parseLayer(
  chunks: AsyncIterable<Uint8Array>,
  kind: 'gzip' | 'zstd' | 'tar',
  abortSource: () => void,
  options: ParseLayerOptions = {},
): Promise<ParsedLayer> {
  const scan = options.scanSecrets ? new LayerSecretScan() : undefined;
  const layer = new LayerEntries(await contentHashing(), scan);
  const parser = new LayerTarParser(layer);
  const decompressor = decompressorFor(kind);
  // pipeline (not pipe) so that a failing source fails the decompressor, whose reader then sees it.
  const source: AsyncIterable<Uint8Array> = decompressor
    ? pipeline(Readable.from(chunks, { highWaterMark: 2 }), decompressor, () => undefined)
    : chunks;
  try {
    for await (const chunk of source) parser.push(chunk);
    parser.end();
  } catch (error) {
    // Stop whatever still feeds this layer (a stalled pipe, the rest of the blob): no hang.
    decompressor?.destroy();
    abortSource();
    throw error;
  }
  let sizeBytes = 0;
  for (const entry of layer.entries) sizeBytes += entry.size;
  return { entries: layer.entries, sizeBytes, escapes: layer.escapes, ...(scan ? { secrets: scan.result() } : {}) };
}
