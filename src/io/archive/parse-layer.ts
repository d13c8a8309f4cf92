// One layer blob → its entries, in one pass: (gunzip | zstd | nothing) → tar parser → entries, with every
// regular file's content hashed as it streams past. Nothing but the entry list is kept.
import type { EntryKind } from '../../core/model.js';
import { decodeLatin1Name, normaliseName } from '../../core/names.js';
import type { Header } from 'tar-stream';
import { Readable, pipeline } from 'node:stream';
import { contentHashers, hex } from './content-hash.js';
import { decompressorFor } from './decompress.js';
import { feedAndConsume } from './feed.js';
import { tarExtract } from './tar-extract.js';

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

const KINDS: Partial<Record<Header['type'], EntryKind>> = {
  file: 'file', 'contiguous-file': 'file', directory: 'dir', symlink: 'symlink', link: 'hardlink',
  'character-device': 'char', 'block-device': 'block', fifo: 'fifo',
};

/** Decodes the whiteout naming convention: `.wh.x` deletes x, `.wh..wh..opq` makes its directory opaque. */
function classify(path: string, kind: EntryKind): { path: string; kind: EntryKind } | undefined {
  const slash = path.lastIndexOf('/');
  const base = path.slice(slash + 1);
  if (!base.startsWith('.wh.')) return path === '' ? undefined : { path, kind };
  const dir = slash < 0 ? '' : path.slice(0, slash);
  if (base === '.wh..wh..opq') return { path: dir, kind: 'opaque' };
  if (base.startsWith('.wh..wh.')) return undefined; // .wh..wh.plnk, .wh..wh.aufs: aufs bookkeeping
  const target = base.slice(4);
  return { path: dir ? `${dir}/${target}` : target, kind: 'whiteout' };
}

export async function parseLayer(
  chunks: AsyncIterable<Uint8Array>,
  kind: 'gzip' | 'zstd' | 'tar',
  abortSource: () => void,
): Promise<ParsedLayer> {
  const newHasher = await contentHashers();
  const entries: RawEntry[] = [];
  const fileHashes = new Map<string, string | undefined>();
  const escapes: string[] = [];
  const extract = tarExtract();
  const decompressor = decompressorFor(kind);
  // pipeline (not pipe) so that a failing source fails the decompressor, whose reader then sees it.
  const source: AsyncIterable<Uint8Array> = decompressor
    ? pipeline(Readable.from(chunks, { highWaterMark: 2 }), decompressor, () => undefined)
    : chunks;

  // A path written twice in one layer: the later entry wins (deletion markers and content kept apart).
  const slots = { content: new Map<string, number>(), whiteout: new Map<string, number>(), opaque: new Map<string, number>() };
  const add = (entry: RawEntry): void => {
    const bySlot = entry.kind === 'whiteout' || entry.kind === 'opaque' ? slots[entry.kind] : slots.content;
    const slot = bySlot.get(entry.path);
    if (slot === undefined) bySlot.set(entry.path, entries.push(entry) - 1);
    else entries[slot] = entry;
  };

  const onEntry = (header: Header, stream: Readable, next: () => void): void => {
    stream.on('error', () => undefined); // the parser reports the failure; see `consume`
    const tarKind = KINDS[header.type];
    const rawName = decodeLatin1Name(header.name);
    const { path: normal, escaped } = normaliseName(rawName);
    const decoded = tarKind && classify(normal, tarKind);
    if (!decoded) { stream.on('end', next); stream.resume(); return; }
    if (escaped) escapes.push(`entry '${rawName}' climbs out of the image root; shown as '${normal}'`);
    const { path, kind } = decoded;
    const mode = header.mode ?? 0, uid = header.uid ?? 0, gid = header.gid ?? 0;
    if (kind === 'file') {
      const hasher = newHasher();
      stream.on('data', (chunk: Uint8Array) => hasher.update(chunk));
      stream.on('end', () => {
        const hash = hex(hasher.digest());
        fileHashes.set(path, hash);
        add({ path, kind, size: header.size ?? 0, mode, uid, gid, hash });
        next();
      });
      return;
    }
    const link = header.linkname ? decodeLatin1Name(header.linkname) : undefined;
    if (kind === 'hardlink') {
      const target = normaliseName(link ?? '').path;
      fileHashes.set(path, undefined); // a link to this link is a chain: no hash
      add({ path, kind, size: 0, mode, uid, gid, linkTarget: target, hash: fileHashes.get(target) });
    } else if (kind === 'symlink') {
      add({ path, kind, size: 0, mode, uid, gid, linkTarget: link ?? '' });
    } else {
      add({ path, kind, size: 0, mode, uid, gid });
    }
    stream.on('end', next);
    stream.resume();
  };

  // Events rather than async iteration: one promise per layer instead of several per entry (63k-entry
  // images spent most of their time in promise machinery).
  const consume = (): Promise<void> => new Promise<void>((resolve, reject) => {
    let finished = false;
    extract.on('entry', (header, stream, next) => {
      try {
        onEntry(header, stream as unknown as Readable, next);
      } catch (error) {
        extract.destroy(error as Error);
      }
    });
    extract.on('finish', () => { finished = true; resolve(); });
    extract.on('error', reject);
    extract.on('close', () => (finished ? resolve() : reject(new Error('tar parser closed'))));
  });

  await feedAndConsume(source, extract, consume, {
    abortSource: () => { decompressor?.destroy(); abortSource(); },
  });
  let sizeBytes = 0;
  for (const entry of entries) sizeBytes += entry.size;
  return { entries, sizeBytes, escapes };
}
