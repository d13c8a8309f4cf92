// The on-disk format of a parsed layer (its entries by diff id), beside the layer tars in the store.
// A 48-byte header — magic, version, payload length, sha256 of the payload — then the payload: JSON with
// each entry as a tuple (no repeated keys: about half the size of objects). The header lets a reader
// tell a whole, intact file from a truncated or damaged one before trusting a byte of it.
import { createHash } from 'node:crypto';
import type { EntryKind } from '../../core/model.js';
import type { LayerSecrets } from '../../core/secrets/file-scan.js';
import type { RawEntry } from '../archive/layer-entries.js';
import type { ParsedLayer } from '../archive/parse-layer.js';

const MAGIC = 0x4c535045; // 'LSPE'
/** Bumped whenever the payload's shape, or what the parser puts in it, changes: old files are re-parsed. */
export const ENTRIES_VERSION = 1;
export const HEADER_BYTES = 48;

type EntryTuple = [string, EntryKind, number, number, number, number, string | null, string | null, number | null];

interface Payload {
  readonly diffId: string;
  readonly sizeBytes: number;
  readonly escapes: readonly string[];
  readonly secrets: LayerSecrets | null;
  readonly entries: readonly EntryTuple[];
}

export function encodeEntries(diffId: string, layer: ParsedLayer): Buffer {
  const payload: Payload = {
    diffId,
    sizeBytes: layer.sizeBytes,
    escapes: layer.escapes,
    secrets: layer.secrets ?? null,
    entries: layer.entries.map((e) => [
      e.path,
      e.kind,
      e.size,
      e.mode,
      e.uid,
      e.gid,
      e.linkTarget ?? null,
      e.hash ?? null,
      e.dataOffset ?? null,
    ]),
  };
  // Written into its place behind the header, not joined to it afterwards: the 50k-file fixture's
  // largest layer is 6 MB of JSON, and a concat held it twice more.
  const text = JSON.stringify(payload);
  const bytes = Buffer.allocUnsafe(HEADER_BYTES + Buffer.byteLength(text, 'utf8'));
  bytes.write(text, HEADER_BYTES, 'utf8');
  bytes.writeUInt32BE(MAGIC, 0);
  bytes.writeUInt32BE(ENTRIES_VERSION, 4);
  bytes.writeBigUInt64BE(BigInt(bytes.length - HEADER_BYTES), 8);
  createHash('sha256').update(bytes.subarray(HEADER_BYTES)).digest().copy(bytes, 16);
  return bytes;
}

/** Why a file cannot be used, or the layer it holds. Never throws on bad bytes. */
export function decodeEntries(bytes: Buffer, diffId: string): ParsedLayer | string {
  if (bytes.length < HEADER_BYTES) return 'shorter than its header';
  if (bytes.readUInt32BE(0) !== MAGIC) return 'not a parsed-layer file';
  if (bytes.readUInt32BE(4) !== ENTRIES_VERSION) return `format version ${bytes.readUInt32BE(4)}, not ${ENTRIES_VERSION}`;
  const length = Number(bytes.readBigUInt64BE(8));
  if (length !== bytes.length - HEADER_BYTES) return `${bytes.length - HEADER_BYTES} payload bytes instead of ${length}: truncated`;
  const body = bytes.subarray(HEADER_BYTES);
  if (!createHash('sha256').update(body).digest().equals(bytes.subarray(16, 48))) return 'its payload does not match its checksum';
  let payload: Payload;
  try {
    payload = JSON.parse(body.toString('utf8')) as Payload;
  } catch {
    return 'its payload is not JSON';
  }
  if (payload.diffId !== diffId || !Array.isArray(payload.entries)) return 'it describes another layer';
  const entries: RawEntry[] = payload.entries.map(([path, kind, size, mode, uid, gid, linkTarget, hash, dataOffset]) => ({
    path,
    kind,
    size,
    mode,
    uid,
    gid,
    ...(linkTarget !== null ? { linkTarget } : {}),
    ...(hash !== null ? { hash } : {}),
    ...(dataOffset !== null ? { dataOffset } : {}),
  }));
  return { entries, sizeBytes: payload.sizeBytes, escapes: payload.escapes, ...(payload.secrets ? { secrets: payload.secrets } : {}) };
}
