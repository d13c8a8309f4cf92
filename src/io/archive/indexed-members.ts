// The members of an archive file with random access: headers first (archive-index.ts), then the small
// members (manifests, configs) read whole and every other member sniffed by its first 512 bytes. Layer
// blobs are left where they are until the manifest says which ones the image needs (`load`).
import type { FileHandle } from 'node:fs/promises';
import type { ReadOptions } from '../read-options.js';
import { JSON_CAP_BYTES } from '../image/json-blob.js';
import { FileBlocks, indexArchive, TruncatedMember, type IndexedMember } from './archive-index.js';
import { memberPath, noteLink, type ArchiveMembers } from './archive-members.js';
import { fileRange } from '../file/file-range.js';
import type { LayerBlob } from './layer-blob.js';
import { parseLayerBlobs } from './layer-blobs.js';
import { toArchiveError } from './read-errors.js';
import { isLayerKind, sniff, SNIFF_BYTES } from './sniff.js';

const headOf = (blocks: FileBlocks, m: IndexedMember): Promise<Buffer> =>
  blocks.at(m.offset, Math.min(SNIFF_BYTES, m.size, blocks.size - m.offset));

async function indexOrExplain(blocks: FileBlocks): Promise<IndexedMember[]> {
  try {
    return await indexArchive(blocks);
  } catch (error) {
    // Say which layer the archive ends in, as the streaming reader does.
    if (error instanceof TruncatedMember && isLayerKind(sniff(await headOf(blocks, error.member)))) {
      throw toArchiveError(error, `layer blob '${memberPath(error.member.name)}'`);
    }
    throw toArchiveError(error, undefined);
  }
}

/** An OCI archive's `blobs/sha256/<hex>` member claims that digest (checked before the cache keeps it). */
const blobDigestOf = (name: string): { blobDigest?: string } => {
  const m = /^blobs\/sha256\/([0-9a-f]{64})$/.exec(name);
  return m ? { blobDigest: `sha256:${m[1]}` } : {};
};

/**
 * The members of the tar archive in `file` (`size` bytes), layers unparsed until `load` asks for them.
 * `path` (the file's) is recorded with each layer so its files can be read again.
 */
export async function readIndexedMembers(file: FileHandle, size: number, opts: ReadOptions, path?: string): Promise<ArchiveMembers> {
  const blocks = new FileBlocks(file, size);
  const index = await indexOrExplain(blocks);
  const members: Pick<ArchiveMembers, 'layers' | 'json' | 'other' | 'links'> = {
    layers: new Map(),
    json: new Map(),
    other: new Map(),
    links: new Map(),
  };
  const layerBlobs = new Map<string, LayerBlob>();
  // What a layer cache filled after the read checks the file against (deferred-fill.ts).
  const opened = path === undefined ? undefined : await file.stat({ bigint: true }).catch(() => undefined);
  for (const m of index) {
    const name = memberPath(m.name);
    noteLink(members.links, name, m.type, m.linkname);
    if (m.type !== 'file' && m.type !== 'contiguous-file') continue;
    const kind = sniff(await headOf(blocks, m));
    if (isLayerKind(kind)) {
      members.other.set(name, kind);
      layerBlobs.set(name, {
        key: name,
        where: `layer blob '${name}'`,
        bytes: m.size,
        kind,
        ...blobDigestOf(name),
        location: path === undefined ? undefined : { file: path, offset: m.offset, bytes: m.size },
        ...(opened ? { opened } : {}),
        // Neither the tar parser nor a gzip decompressor holds a chunk past the next one (feed-decompressor.ts);
        // fzstd may keep the end of one, so zstd reads fresh buffers.
        chunks: (signal) => fileRange(file, m.offset, m.size, { signal, reuse: kind !== 'zstd' }),
      });
    } else if (kind === 'json') {
      members.json.set(name, m.size <= JSON_CAP_BYTES ? Buffer.from(await blocks.at(m.offset, m.size)) : 'too-big');
    } else {
      members.other.set(name, kind);
    }
  }
  // diffIds[i]: what the config says paths[i] holds (a layer cache answers for those it has).
  const load = async (paths: readonly string[], diffIds: readonly (string | undefined)[] = []): Promise<void> => {
    const wanted = paths
      .map((p, i) => ({ p, diffId: diffIds[i] }))
      .filter(({ p }) => !members.layers.has(p))
      .map(({ p, diffId }) => {
        const blob = layerBlobs.get(p);
        return blob && diffId ? { ...blob, diffId } : blob;
      })
      .filter((b) => b !== undefined);
    for (const [path, parsed] of await parseLayerBlobs(wanted, opts)) {
      members.layers.set(path, parsed);
      members.other.delete(path);
    }
  };
  return { ...members, bytesRead: size, memberCount: index.length, load };
}
