// What an image to be written looks like: layers of entries in the words of the image model (whiteout,
// opaque…), turned here into the tar entries a builder would have written.
import { createHash } from 'node:crypto';
import type { Platform } from '../read-options.js';
import { writeTar, type LongNames, type TarEntry, type TarType } from './tar-writer.js';

export type EntrySpecType = TarType | 'whiteout' | 'opaque';

export interface EntrySpec {
  /** Path in the image ('etc/passwd'); bytes for names that are not UTF-8. */
  readonly path: string | Uint8Array;
  readonly type?: EntrySpecType;
  readonly content?: string | Uint8Array;
  /** Content of this many zero bytes, when `content` is not given. */
  readonly size?: number;
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
  readonly linkTarget?: string | Uint8Array;
  readonly longNames?: LongNames;
}

export interface LayerSpec {
  /** `created_by` of the step that made the layer. */
  readonly command: string;
  readonly created?: string;
  readonly comment?: string;
  readonly entries?: readonly EntrySpec[];
  /** The layer blob exactly as given (a zstd stream, garbage…), instead of a tar of `entries`. */
  readonly raw?: Uint8Array;
  /** DiffID to put in the config; default: SHA-256 of the layer tar (of `raw` when given). */
  readonly diffId?: string;
  /** OCI shapes: the descriptor's media type (default: the OCI tar type for the compression). */
  readonly mediaType?: string;
  /** OCI shapes: the descriptor's `urls` (foreign layers). */
  readonly urls?: readonly string[];
}

/** A history step that made no layer (ENV, CMD, LABEL…). */
export interface EmptyStepSpec {
  readonly command: string;
  /** Index of the layer this step follows; -1 puts it first. */
  readonly after: number;
  readonly created?: string;
}

export interface ImageSpec {
  readonly layers: readonly LayerSpec[];
  readonly emptySteps?: readonly EmptyStepSpec[];
  readonly repoTags?: readonly string[];
  readonly platform?: Platform;
  readonly created?: string;
  /** Leave `history` out of the config (old or hand-made images). */
  readonly noHistory?: boolean;
  /** DiffIDs appended to the config's rootfs (a config that disagrees with its manifest). */
  readonly extraDiffIds?: readonly string[];
  /** Extra config fields (Env, Cmd…) for realism. */
  readonly config?: Readonly<Record<string, unknown>>;
}

export const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

const asBytes = (s: string | Uint8Array): Buffer => (typeof s === 'string' ? Buffer.from(s, 'utf8') : Buffer.from(s));

/** 'a/b/c' → ['a/b/', 'c'] in bytes, so whiteout names can be built for names of any bytes. */
function splitLast(path: Buffer): [Buffer, Buffer] {
  const slash = path.lastIndexOf(0x2f);
  return slash < 0 ? [Buffer.alloc(0), path] : [path.subarray(0, slash + 1), path.subarray(slash + 1)];
}

function defaultMode(type: EntrySpecType): number {
  if (type === 'dir') return 0o755;
  if (type === 'symlink') return 0o777;
  return 0o644;
}

function toTarEntry(spec: EntrySpec): TarEntry {
  const type = spec.type ?? 'file';
  const path = asBytes(spec.path);
  const common = { mode: spec.mode ?? defaultMode(type), uid: spec.uid, gid: spec.gid, longNames: spec.longNames, mtime: 1_700_000_000 };
  if (type === 'whiteout') {
    const [dir, base] = splitLast(path);
    return { ...common, name: Buffer.concat([dir, Buffer.from('.wh.'), base]) };
  }
  if (type === 'opaque') {
    const dir = path.length === 0 ? path : Buffer.concat([path, Buffer.from('/')]);
    return { ...common, name: Buffer.concat([dir, Buffer.from('.wh..wh..opq')]) };
  }
  const content = spec.content !== undefined ? asBytes(spec.content) : spec.size ? Buffer.alloc(spec.size) : undefined;
  const linkName = spec.linkTarget === undefined ? undefined : asBytes(spec.linkTarget);
  return { ...common, name: path, type, content: type === 'file' ? content : undefined, linkName };
}

/** The uncompressed layer blob. */
export function layerTar(layer: LayerSpec): Buffer {
  if (layer.raw) return Buffer.from(layer.raw);
  return writeTar((layer.entries ?? []).map(toTarEntry));
}

export function diffIdOf(layer: LayerSpec, tar: Uint8Array): string {
  return layer.diffId ?? `sha256:${sha256(tar)}`;
}

/** The image config (OCI/Docker), with history in build order. */
export function imageConfig(spec: ImageSpec, diffIds: readonly string[]): Record<string, unknown> {
  const platform = spec.platform ?? { os: 'linux', architecture: 'amd64' };
  const history: Record<string, unknown>[] = [];
  const empties = spec.emptySteps ?? [];
  const addEmpties = (after: number): void => {
    for (const step of empties.filter((s) => s.after === after)) {
      history.push({ created: step.created ?? spec.created, created_by: step.command, empty_layer: true });
    }
  };
  addEmpties(-1);
  spec.layers.forEach((layer, i) => {
    history.push({
      created: layer.created ?? spec.created,
      created_by: layer.command,
      ...(layer.comment ? { comment: layer.comment } : {}),
    });
    addEmpties(i);
  });
  return {
    architecture: platform.architecture,
    os: platform.os,
    ...(platform.variant ? { variant: platform.variant } : {}),
    created: spec.created ?? '2024-01-01T00:00:00Z',
    config: spec.config ?? {},
    rootfs: { type: 'layers', diff_ids: [...diffIds, ...(spec.extraDiffIds ?? [])] },
    ...(spec.noHistory ? {} : { history }),
  };
}
