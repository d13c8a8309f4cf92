// `registry:REF`: an image straight from a registry, no daemon. Manifest (an index picks the platform,
// through the same resolver as OCI archives), then the config, then the layer blobs streamed into the
// same layer reader as archives, two at a time. Every blob is checked against its digest as it streams
// and every layer's uncompressed tar against the config's diff_ids: a mismatch fails the read.
import { createHash, type Hash } from 'node:crypto';
import { LayerscopeError } from '../../core/errors.js';
import type { ImageModel } from '../../core/model.js';
import type { ReadOptions } from '../read-options.js';
import type { ConfigCache } from '../store/config-cache.js';
import type { LayerBlob } from '../archive/layer-blob.js';
import { configDiffIds, parseLayerBlobs } from '../archive/layer-blobs.js';
import { assembleModel } from '../image/assemble-model.js';
import { JSON_CAP_BYTES, isObject, parseJsonBlob } from '../image/json-blob.js';
import { checkLayerDescriptor, resolveImage, type Descriptor } from '../oci/resolve-image.js';
import { fetchManifest, fetchSmallBlob, streamBlob, type FetchedManifest } from './registry-blobs.js';
import { RegistrySession, type SessionOptions } from './registry-session.js';
import { registryBlobSource } from './registry-blob-source.js';
import { formatReference, parseRegistryReference, type RegistryReference } from './reference.js';

export type RegistryReadOptions = ReadOptions &
  Omit<SessionOptions, 'signal'> & {
    /** Called once the registry has shown it has the image (manifest and config in hand), before any layer. */
    readonly onFound?: () => void;
  };

const INDEX = /image\.index\.v1\+json|manifest\.list\.v2\+json/;
const SCHEMA1 = /distribution\.manifest\.v1\+/;

interface Chosen {
  readonly config: Descriptor;
  readonly layers: readonly Descriptor[];
  readonly warnings: readonly string[];
}

function mediaTypeOf(fetched: FetchedManifest, json: unknown): string | undefined {
  return (isObject(json) && typeof json.mediaType === 'string' ? json.mediaType : undefined) ?? fetched.mediaType;
}

/** The manifest of the one image to read: the tag's own, or the platform's from an index. */
async function chooseManifest(session: RegistrySession, ref: RegistryReference, opts: ReadOptions): Promise<Chosen> {
  const display = formatReference(ref);
  const top = await fetchManifest(session, ref.digest ?? ref.tag!, display);
  const json = parseJsonBlob(top.bytes, `manifest ${display}`);
  const type = mediaTypeOf(top, json);
  if (type && SCHEMA1.test(type)) {
    throw new LayerscopeError(
      'source',
      `${display} has an old schema 1 manifest`,
      'push it again with a current docker or skopeo (schema 2 / OCI)',
    );
  }
  const isIndex = (type !== undefined && INDEX.test(type)) || (isObject(json) && Array.isArray(json.manifests));
  if (isIndex) {
    const resolved = await resolveImage(
      json,
      async (digest) => {
        const fetched = await fetchManifest(session, digest, `${ref.registry}/${ref.repository}@${digest}`);
        return parseJsonBlob(fetched.bytes, `manifest ${digest}`);
      },
      { platform: opts.platform, where: display },
    );
    return resolved;
  }
  if (!isObject(json) || !isObject(json.config) || !Array.isArray(json.layers)) {
    throw new LayerscopeError('source', `manifest of ${display} has no config or layers`, `is ${display} a container image?`);
  }
  return { config: json.config as unknown as Descriptor, layers: json.layers as Descriptor[], warnings: [] };
}

function checkDigest(d: Descriptor, what: string, display: string): void {
  if (typeof d.digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(d.digest)) {
    throw new LayerscopeError(
      'source',
      `${what} of ${display} has an unsupported digest '${String(d.digest)}'`,
      'layerscope reads sha256 digests',
    );
  }
}

export async function readFromRegistry(text: string, opts: RegistryReadOptions): Promise<ImageModel> {
  const ref = parseRegistryReference(text);
  const display = formatReference(ref);
  const session = await RegistrySession.open(ref.registry, ref.repository, { ...opts, signal: opts.signal });
  try {
    const chosen = await chooseManifest(session, ref, opts);
    checkDigest(chosen.config, 'config', display);
    const layers = chosen.layers.map((d, i) => {
      checkDigest(d, `layer ${i + 1}`, display);
      checkLayerDescriptor(d, i, true, display);
      return d;
    });
    const configBytes = await configOf(session, chosen.config.digest, opts.layerCache?.configs);
    const config = parseJsonBlob(configBytes, `config ${chosen.config.digest}`);
    opts.onFound?.();
    const diffHashes = new Map<string, TarDigest>();
    const diffIds = configDiffIds(config);
    const fetchedBlobs = new Set<string>();
    const blobs: LayerBlob[] = layers.map((d, i) => {
      const where = `layer ${i + 1} (${d.digest})`;
      const hash = diffHashes.get(d.digest) ?? tarDigest();
      diffHashes.set(d.digest, hash);
      return {
        key: d.digest,
        where,
        bytes: d.size ?? 0,
        chunks: (signal) => {
          fetchedBlobs.add(d.digest);
          return streamBlob(session, d.digest, d.size, signal, `blob of ${where}`);
        },
        onTarBytes: (chunk) => {
          hash.update(chunk);
        },
        tarDigest: () => hash.digest(),
        // With a layer cache, a layer whose diff id is there is not fetched (its digest stays in the model).
        diffId: diffIds[i],
      };
    });
    const parsed = await parseLayerBlobs(blobs, opts).catch((error: unknown) => explainLayerFailure(session, error, layers));
    checkDiffIds(config, layers, diffHashes, session.registry, opts.layerCache ? fetchedBlobs : undefined);
    const { insecureRegistries, ca, credentials, proxy, retry, idleTimeoutMs } = opts;
    const again = { insecureRegistries, ca, credentials, proxy, retry, idleTimeoutMs };
    opts.onBlobSource?.(
      registryBlobSource(
        ref,
        layers.map((d) => d.digest),
        again,
      ),
    );
    return assembleModel({
      config,
      configWhere: chosen.config.digest,
      id: chosen.config.digest,
      tags: [display],
      layers: layers.map((d) => ({ parsed: parsed.get(d.digest)!, digest: d.digest })),
      name: opts.name ?? text,
      scanSecrets: opts.scanSecrets === true,
      warnings: chosen.warnings,
    });
  } finally {
    session.close();
  }
}

/** The image's config: kept from an earlier read (checked against its digest), else fetched (and kept). */
async function configOf(session: RegistrySession, digest: string, kept: ConfigCache | undefined): Promise<Buffer> {
  const known = await kept?.get(digest);
  if (known) return known;
  const bytes = await fetchSmallBlob(session, digest, JSON_CAP_BYTES);
  await kept?.keep(digest, bytes).catch(() => undefined);
  return bytes;
}

/**
 * A layer that failed to parse (corrupt gzip, a broken tar) was cut short before its digest could be
 * checked. Fetch it again to say which it was: damaged on the way (digest mismatch), or stored damaged.
 */
async function explainLayerFailure(session: RegistrySession, error: unknown, layers: readonly Descriptor[]): Promise<never> {
  if (!(error instanceof LayerscopeError) || error.kind !== 'archive') throw error;
  const index = layers.findIndex((d) => error.message.includes(`(${d.digest})`));
  if (index < 0) throw error;
  const d = layers[index]!;
  for await (const _chunk of streamBlob(session, d.digest, d.size, undefined, `blob of layer ${index + 1} (${d.digest})`)) {
    /* digest check only */
  }
  throw new LayerscopeError(
    'source',
    `${error.message} (from registry ${session.registry}, whose copy matches its digest)`,
    'the image in the registry is damaged; push it again',
    { cause: error },
  );
}

/** The sha256 of a layer's uncompressed bytes, read once by both the diff_id check and the layer cache. */
interface TarDigest {
  update(chunk: Uint8Array): void;
  digest(): string;
}

function tarDigest(): TarDigest {
  const hash: Hash = createHash('sha256');
  let digest: string | undefined;
  return {
    update: (chunk) => {
      hash.update(chunk);
    },
    digest: () => (digest ??= `sha256:${hash.digest('hex')}`),
  };
}

/** Each layer's uncompressed bytes must be the diff id the config promises (what docker pull checks). */
function checkDiffIds(
  config: unknown,
  layers: readonly Descriptor[],
  hashes: Map<string, TarDigest>,
  registry: string,
  wasFetched?: Set<string>,
): void {
  const rootfs = isObject(config) ? config.rootfs : undefined;
  const diffIds = isObject(rootfs) && Array.isArray(rootfs.diff_ids) ? rootfs.diff_ids : [];
  const done = new Map<string, string>();
  layers.forEach((d, i) => {
    // A layer from the layer cache was checked against this diff id when it was stored.
    if (wasFetched && !wasFetched.has(d.digest)) return;
    const got = done.get(d.digest) ?? hashes.get(d.digest)!.digest();
    done.set(d.digest, got);
    const want = diffIds[i];
    if (typeof want === 'string' && want !== got) {
      throw new LayerscopeError(
        'source',
        `layer ${i + 1} (blob ${d.digest}) from registry ${registry} does not match the config's diff_id ${want} (got ${got})`,
        'the image in the registry is damaged (its config and layer disagree); push it again',
      );
    }
  });
}
