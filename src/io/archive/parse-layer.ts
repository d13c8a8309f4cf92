// One layer blob → its entries, in one pass: (gunzip | zstd | nothing) → tar reader → entries, with every
// regular file's content hashed as it streams past. Nothing but the entry list is kept.
import type { EntryKind } from '../../core/model.js';
import { decodeLatin1Name, normaliseName } from '../../core/names.js';
import { Readable, pipeline } from 'node:stream';
import { contentHashing, hex, type ContentHashing } from './content-hash.js';
import { decompressorFor } from './decompress.js';
import { LayerTarParser, type LayerTarVisitor } from './layer-tar.js';
import type { TarHeader, TarType } from './tar-header.js';

/** An entry before path interning (layers are parsed before the manifest says which image they are in). */
export interface RawEntry {
  readonly path: string;
  readonly kind: EntryKind;
  readonly size: number;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly linkTarget?: string;
  readonly hash?: string;
}

export interface ParsedLayer {
  readonly entries: readonly RawEntry[];
  /** Sum of the entries' content sizes. */
  readonly sizeBytes: number;
  /** Names that climbed out of the root, as "entry '../x' climbs out of the image root; shown as 'x'". */
  readonly escapes: readonly string[];
}

const KINDS: Partial<Record<TarType, EntryKind>> = {
  file: 'file', 'contiguous-file': 'file', directory: 'dir', symlink: 'symlink', link: 'hardlink',
  'character-device': 'char', 'block-device': 'block', fifo: 'fifo',
};

/** Decodes the whiteout naming convention: `.wh.x` deletes x, `.wh..wh..opq` makes its directory opaque. */
function classify(path: string, kind: EntryKind): { path: string; kind: EntryKind } | undefined {
  const slash = path.lastIndexOf('/');
  if (!path.startsWith('.wh.', slash + 1)) return path === '' ? undefined : { path, kind };
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
  private readonly fileHashes = new Map<string, string | undefined>();
  // A path written twice in one layer: the later entry wins (deletion markers and content kept apart).
  private readonly contentSlots = new Map<string, number>();
  private readonly whiteoutSlots = new Map<string, number>();
  private readonly opaqueSlots = new Map<string, number>();
  /** The file whose content is still arriving, with its hasher. */
  private pending: { path: string; header: TarHeader; hasher: ReturnType<ContentHashing['create']> } | undefined;

  constructor(private readonly hashing: ContentHashing) {}

  entry(header: TarHeader, content: Buffer | undefined): void {
    const tarKind = header.type === null ? undefined : KINDS[header.type];
    if (tarKind === undefined) return;
    const rawName = decodeLatin1Name(header.name);
    const { path: normal, escaped } = normaliseName(rawName);
    const decoded = classify(normal, tarKind);
    if (!decoded) return;
    if (escaped) this.escapes.push(`entry '${rawName}' climbs out of the image root; shown as '${normal}'`);
    const { path, kind } = decoded;
    if (kind === 'file') {
      if (content) this.addFile(path, header, hex(this.hashing.once(content)));
      else this.pending = { path, header, hasher: this.hashing.create() };
      return;
    }
    const mode = header.mode ?? 0, uid = header.uid ?? 0, gid = header.gid ?? 0;
    const link = header.linkname ? decodeLatin1Name(header.linkname) : undefined;
    if (kind === 'hardlink') {
      const target = normaliseName(link ?? '').path;
      this.fileHashes.set(path, undefined); // a link to this link is a chain: no hash
      this.add({ path, kind, size: 0, mode, uid, gid, linkTarget: target, hash: this.fileHashes.get(target) });
    } else if (kind === 'symlink') {
      this.add({ path, kind, size: 0, mode, uid, gid, linkTarget: link ?? '' });
    } else {
      this.add({ path, kind, size: 0, mode, uid, gid });
    }
  }

  data(bytes: Buffer): void {
    this.pending?.hasher.update(bytes);
  }

  end(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    this.addFile(pending.path, pending.header, hex(pending.hasher.digest()));
  }

  private addFile(path: string, header: TarHeader, hash: string): void {
    this.fileHashes.set(path, hash);
    this.add({ path, kind: 'file', size: header.size, mode: header.mode ?? 0, uid: header.uid ?? 0, gid: header.gid ?? 0, hash });
  }

  private add(entry: RawEntry): void {
    const slots = entry.kind === 'whiteout' ? this.whiteoutSlots : entry.kind === 'opaque' ? this.opaqueSlots : this.contentSlots;
    const slot = slots.get(entry.path);
    if (slot === undefined) slots.set(entry.path, this.entries.push(entry) - 1);
    else this.entries[slot] = entry;
  }
}

export async function parseLayer(
  chunks: AsyncIterable<Uint8Array>,
  kind: 'gzip' | 'zstd' | 'tar',
  abortSource: () => void,
): Promise<ParsedLayer> {
  const layer = new LayerEntries(await contentHashing());
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
  return { entries: layer.entries, sizeBytes, escapes: layer.escapes };
}
