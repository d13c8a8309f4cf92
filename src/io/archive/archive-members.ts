// One pass over an image archive's members, remembering what each one is: a parsed layer, a JSON blob
// (kept, capped), a link to another member, or something else. The manifest comes last, so nothing is
// ordered here; read-image-archive.ts does that once the pass is over.
import type { Readable } from 'node:stream';
import { LayerscopeError } from '../../core/errors.js';
import { decodeLatin1Name, normaliseName } from '../../core/names.js';
import { progressReporter } from '../progress-reporter.js';
import type { ReadOptions } from '../read-options.js';
import { JSON_CAP_BYTES } from '../image/json-blob.js';
import { LIMITS, overLimit } from '../image/limits.js';
import { decompressorFor } from './decompress.js';
import { parseLayer, type ParsedLayer } from './parse-layer.js';
import { toArchiveError } from './read-errors.js';
import { readHead, replay } from './peek.js';
import { isLayerKind, sniff, type BlobKind } from './sniff.js';
import { tarMembers } from './tar-members.js';
import { Readable as NodeReadable, pipeline } from 'node:stream';
import { createHash } from 'node:crypto';
import type { VerifiedParse } from '../store/parsed-cache.js';
import { parseOrRecallMember } from './member-cache.js';

export interface ArchiveMembers {
  readonly layers: Map<string, ParsedLayer>;
  /** JSON members by path; 'too-big' when over the cap (an error only if someone needs it). */
  readonly json: Map<string, Buffer | 'too-big'>;
  /** Members that are neither layers nor JSON, with what they looked like. */
  readonly other: Map<string, BlobKind>;
  /** Symlinks and hardlinks between members, already resolved to member paths. */
  readonly links: Map<string, string>;
  readonly bytesRead: number;
  readonly memberCount: number;
  /**
   * Parses the layer members at these paths that are not parsed yet, moving them from `other` to `layers`.
   * Only an archive with random access has it: it parses just the layers the chosen image names.
   */
  readonly load?: (paths: readonly string[], diffIds?: readonly (string | undefined)[]) => Promise<void>;
  /**
   * Layer members parsed without their sha256 computed, a trusted producer's (ReadOptions.trustedProducer):
   * the cache keeps them under the diff ids its manifest and config give them (trusted-layers.ts).
   */
  readonly unhashed?: ReadonlySet<string>;
}

/** A member's path as the manifest names it, from the header's latin1 name. */
export const memberPath = (latin1: string): string => normaliseName(decodeLatin1Name(latin1)).path;

/** Remembers where a symlinked or hardlinked member points, as a member path. */
export function noteLink(links: Map<string, string>, name: string, type: string | null, linkname: string | null | undefined): void {
  if (type !== 'symlink' && type !== 'link') return;
  const base = type === 'symlink' ? name.split('/').slice(0, -1).join('/') : '';
  links.set(name, normaliseName(`${base}/${decodeLatin1Name(linkname ?? '')}`).path);
}

/** Bytes read after the end-of-archive marker before the input is dropped (tar writers pad to 10 KiB records). */
const DRAIN_AFTER_END_BYTES = 1 << 20;

/** Reads every member of the archive on `input`; rejects with a LayerscopeError on anything damaged. */
export async function readArchiveMembers(input: Readable, opts: ReadOptions, where: string): Promise<ArchiveMembers> {
  const unhashed = new Set<string>();
  const members: Omit<ArchiveMembers, 'bytesRead' | 'memberCount'> = {
    layers: new Map(),
    json: new Map(),
    other: new Map(),
    links: new Map(),
    unhashed,
  };
  let bytesRead = 0;
  let memberCount = 0;
  let entryCount = 0;
  const cache = opts.layerCache;
  // A trusted producer's layers are kept in the cache by the diff ids it gives them, so none is hashed here.
  const trusted = cache !== undefined && opts.trustedProducer === true;
  const report = progressReporter(opts.onProgress, () => ({ bytesRead, bytesTotal: opts.totalBytes, layersDone: members.layers.size }));

  // `docker save | gzip` is common: a compressed archive is unpacked on the fly.
  const inputIt = (input as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  const first = await readHead(inputIt).catch((error: unknown) => {
    throw toArchiveError(error, undefined);
  });
  const outerKind = sniff(first.head);
  const rawIt = replay(first.chunks, inputIt, first.done)[Symbol.asyncIterator]();
  // The raw bytes, counted as they come in (on their way into the decompressor, or into the tar reader).
  // A consumer that stops early (the decompressor torn down at the end-of-archive marker) does not close
  // the input: what follows the marker is drained below, so a daemon's export still ends as it should.
  const counted: AsyncIterableIterator<Uint8Array> = {
    next: async () => {
      const r = await rawIt.next();
      if (!r.done) {
        bytesRead += r.value.length;
        report(false);
      }
      return r;
    },
    return: () => Promise.resolve({ done: true, value: undefined }),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  const unpack = outerKind === 'gzip' || outerKind === 'zstd' ? decompressorFor(outerKind) : undefined;
  const source: AsyncIterable<Uint8Array> = unpack ? pipeline(NodeReadable.from(counted), unpack, () => undefined) : counted;

  const consume = async (): Promise<void> => {
    for await (const member of tarMembers(source)) {
      memberCount++;
      const header = member.header;
      const name = memberPath(header.name);
      // Counted, to tell a layer cut before it was archived (all its bytes came) from an archive cut in it.
      const raw = member.data[Symbol.asyncIterator]();
      let delivered = 0;
      const it: AsyncIterator<Uint8Array> = {
        next: () => raw.next().then((r) => (r.done ? r : ((delivered += r.value.length), r))),
        return: () => raw.return?.() ?? Promise.resolve({ done: true, value: undefined }),
      };
      noteLink(members.links, name, header.type, header.linkname);
      if (header.type !== 'file' && header.type !== 'contiguous-file') continue;
      const { chunks, head, done } = await readHead(it);
      const kind = sniff(head);
      if (isLayerKind(kind)) {
        const where = `layer blob '${name}'`;
        const sink = await opts.keepLayer?.(name);
        const parse = async (): Promise<VerifiedParse> => {
          if (trusted) unhashed.add(name);
          const sha = cache && !trusted ? createHash('sha256') : undefined;
          let whole = true;
          const observeTarBytes = sha && {
            update: (c: Uint8Array) => {
              sha.update(c);
            },
            abandon: () => {
              whole = false;
            },
          };
          const parsed = await parseLayer(replay(chunks, it, done), kind, () => undefined, {
            ...(sink ? { sink } : {}),
            ...(observeTarBytes ? { observeTarBytes } : {}),
            scanSecrets: opts.scanSecrets,
          })
            .catch((error: unknown) => {
              throw toArchiveError(error, where, kind === 'tar' ? undefined : kind, delivered >= header.size);
            })
            // A layer that ends at its marker leaves its decompressor's read of the member in flight: wait
            // for it (a generator's return queues behind its running next) before the rest is skipped, or
            // both would read the archive at once.
            .finally(() => it.return?.());
          return { parsed, ...(sha && whole ? { diffId: `sha256:${sha.digest('hex')}` } : {}) };
        };
        const parsed = await parseOrRecallMember(cache, name, sink === undefined, parse, opts.scanSecrets === true, kind !== 'tar')
          // A layer taken from the cache was not read: skip the rest of its member.
          .finally(() => it.return?.());
        members.layers.set(name, parsed);
        entryCount += parsed.entries.length;
        if (entryCount > LIMITS.entries) throw overLimit(`the layers of ${where} hold more than ${LIMITS.entries} entries`, LIMITS.entries);
        report(true);
        continue;
      }
      const keep = kind === 'json' && header.size <= JSON_CAP_BYTES;
      const body: Uint8Array[] = [];
      // Copied: a stream's chunks may be read into again once the reader is past them (export-pieces.ts).
      if (keep) for await (const chunk of replay(chunks, it, done)) body.push(Buffer.from(chunk));
      if (kind === 'json') members.json.set(name, keep ? Buffer.concat(body) : 'too-big');
      else members.other.set(name, kind);
    }
  };

  const onAbort = (): void => {
    input.destroy();
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await consume();
    // Nothing after the end-of-archive marker counts (Go stops there): not decompressed, only drained, so
    // a daemon's export ends as it should; but only so far, as an endless stream (/dev/zero) never ends.
    unpack?.destroy();
    let trailing = 0;
    for (let r = await counted.next(); !r.done; r = await counted.next()) {
      trailing += r.value.length;
      if (trailing > DRAIN_AFTER_END_BYTES) {
        input.destroy();
        break;
      }
    }
  } catch (error) {
    unpack?.destroy();
    input.destroy();
    if (opts.signal?.aborted) throw opts.signal.reason;
    if (memberCount === 0 && outerKind === 'other') {
      throw new LayerscopeError(
        'archive',
        `${where} is not a tar archive`,
        'expected the output of docker save, podman save or skopeo copy (docker-archive/oci-archive) or an OCI layout tar',
        { cause: error },
      );
    }
    throw toArchiveError(error, undefined, unpack ? (outerKind as 'gzip' | 'zstd') : undefined);
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
  report(true);
  return { ...members, bytesRead, memberCount };
}
