// OCI index → (nested index) → the manifest of one image: chosen by reference name, then by platform,
// skipping attestation manifests. Shared by OCI archives, OCI directories and Docker >= 25 exports.
import { LayerscopeError } from '../../core/errors.js';
import { formatPlatform, type Platform } from '../read-options.js';
import { isObject } from '../image/json-blob.js';
import { namesMatch } from '../image/names-match.js';
import { notInArchive } from '../image/docker-manifest.js';
import { LIMITS, overLimit, someOf } from '../image/limits.js';

export interface Descriptor {
  readonly mediaType?: string;
  readonly digest: string;
  readonly size?: number;
  readonly platform?: Platform;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly urls?: readonly string[];
}

export interface ResolvedImage {
  readonly manifestDigest: string;
  readonly config: Descriptor;
  readonly layers: readonly Descriptor[];
  readonly tags: readonly string[];
  readonly warnings: readonly string[];
}

export interface ResolveOptions {
  readonly platform?: Platform;
  /** `platform` was not asked for (the host's): it only breaks a tie among several images. */
  readonly platformIsHostDefault?: boolean;
  /** Pick by `org.opencontainers.image.ref.name` (oci:DIR:REF); no match is an error. */
  readonly ref?: string;
  /** Prefer the image with this name when several are present; no match is fine, unless `nameRequired`. */
  readonly name?: string;
  /** The user picked `name` (an archive's PATH:REF): no image by that name or ref name is an error. */
  readonly nameRequired?: boolean;
  /** What to call the source in messages ('archive.tar'). */
  readonly where: string;
}

/** Parsed JSON blob by digest, undefined when it is not there. */
export type JsonBlobs = (digest: string) => Promise<unknown>;

const IMAGE_NAME = 'io.containerd.image.name';
const REF_NAME = 'org.opencontainers.image.ref.name';
const isIndexType = (t?: string): boolean => !!t && (t.endsWith('image.index.v1+json') || t.endsWith('manifest.list.v2+json'));

function annotationBytes(annotations: unknown): number {
  if (!isObject(annotations)) return 0;
  let bytes = 0;
  for (const [key, value] of Object.entries(annotations)) bytes += key.length + (typeof value === 'string' ? value.length : 0);
  return bytes;
}

function descriptor(value: unknown, where: string): Descriptor {
  if (!isObject(value) || typeof value.digest !== 'string') {
    throw new LayerscopeError('archive', `a descriptor in ${where} has no digest`, 'the archive is damaged; export the image again');
  }
  const bytes = annotationBytes(value.annotations);
  if (bytes > LIMITS.annotationBytes) throw overLimit(`a descriptor in ${where} has ${bytes} bytes of annotations`, LIMITS.annotationBytes);
  return value as unknown as Descriptor;
}

function manifestsOf(index: unknown, where: string): Descriptor[] {
  if (!isObject(index) || !Array.isArray(index.manifests)) {
    throw new LayerscopeError(
      'archive',
      `${where} is not an image index (no "manifests" list)`,
      'the archive is damaged; export the image again',
    );
  }
  if (index.manifests.length > LIMITS.indexDescriptors) {
    throw overLimit(`${where} lists ${index.manifests.length} manifests`, LIMITS.indexDescriptors);
  }
  return index.manifests.map((m) => descriptor(m, where));
}

/** The name annotations a nested index passes down to what it lists (the only ones read from a parent). */
function namesOf(d: Descriptor): Record<string, string> {
  const out: Record<string, string> = {};
  const image = d.annotations?.[IMAGE_NAME];
  const ref = d.annotations?.[REF_NAME];
  if (image !== undefined) out[IMAGE_NAME] = image;
  if (ref !== undefined) out[REF_NAME] = ref;
  return out;
}

const isAttestation = (d: Descriptor): boolean =>
  (d.platform?.os === 'unknown' && d.platform.architecture === 'unknown') ||
  d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest';

const variantOf = (p: Platform): string | undefined => p.variant ?? (p.architecture === 'arm64' ? 'v8' : undefined);

export function platformMatches(want: Platform, have: Platform): boolean {
  if (want.os !== have.os || want.architecture !== have.architecture) return false;
  return !want.variant || variantOf(want) === variantOf(have);
}

function tagsOf(d: Descriptor): string[] {
  const name = d.annotations?.[IMAGE_NAME] ?? d.annotations?.[REF_NAME];
  return name ? [name] : [];
}

const label = (d: Descriptor): string => (d.platform ? formatPlatform(d.platform) : (tagsOf(d)[0] ?? d.digest.slice(0, 19)));

function missing(what: string, digest: string, where: string): LayerscopeError {
  return new LayerscopeError(
    'archive',
    `${what} ${digest} is missing from ${where}`,
    'the archive is incomplete; export the image again (docker save, skopeo copy)',
  );
}

/**
 * Manifest descriptors below `list`, nested indexes opened, parents' names passed down. Bounded: index
 * depth, and descriptors read in all (`budget`, shared), so indexes that fan out a thousand-fold at each
 * level end in an error, not in a billion descriptors.
 */
async function flatten(list: Descriptor[], blobs: JsonBlobs, where: string, budget: { left: number }, depth = 0): Promise<Descriptor[]> {
  const out: Descriptor[] = [];
  budget.left -= list.length;
  if (budget.left < 0)
    throw overLimit(`the indexes in ${where} list more than ${LIMITS.indexDescriptors} descriptors`, LIMITS.indexDescriptors);
  for (const d of list) {
    if (!isIndexType(d.mediaType)) {
      out.push(d);
      continue;
    }
    if (depth >= LIMITS.indexDepth) throw overLimit(`indexes in ${where} nest more than ${LIMITS.indexDepth} deep`, LIMITS.indexDepth);
    const nested = await blobs(d.digest);
    if (nested === undefined) throw missing('index', d.digest, where);
    const names = namesOf(d);
    const children = manifestsOf(nested, `index ${d.digest}`).map((c) => ({ ...c, annotations: { ...names, ...c.annotations } }));
    out.push(...(await flatten(children, blobs, where, budget, depth + 1)));
  }
  return out;
}

function choosePlatform(candidates: Descriptor[], opts: ResolveOptions): Descriptor[] {
  const want = opts.platform;
  const withPlatform = candidates.filter((d) => d.platform);
  if (!want || withPlatform.length === 0) return candidates;
  const matches = withPlatform.filter((d) => platformMatches(want, d.platform!));
  if (matches.length > 0) return matches;
  const without = candidates.filter((d) => !d.platform);
  if (without.length > 0) return without;
  const has = [...new Set(withPlatform.map((d) => formatPlatform(d.platform!)))];
  throw new LayerscopeError(
    'platform',
    `no ${formatPlatform(want)} image in ${opts.where}; it has: ${someOf(has)}`,
    `choose one with --platform ${has[0]}`,
  );
}

/** The one image among `candidates` whose manifest is present, if there is exactly one. */
async function onlyImage(candidates: Descriptor[], blobs: JsonBlobs): Promise<Descriptor | undefined> {
  const distinct = [...new Map(candidates.map((d) => [d.digest, d])).values()];
  if (distinct.length === 1) return distinct[0];
  const present = [];
  for (const d of distinct) if ((await blobs(d.digest)) !== undefined) present.push(d);
  return present.length === 1 ? present[0] : undefined;
}

export async function resolveImage(index: unknown, readBlob: JsonBlobs, opts: ResolveOptions): Promise<ResolvedImage> {
  // One parse per blob however often the indexes name it.
  const parsed = new Map<string, Promise<unknown>>();
  const blobs: JsonBlobs = (digest) => {
    let blob = parsed.get(digest);
    if (!blob) parsed.set(digest, (blob = readBlob(digest)));
    return blob;
  };
  let top = manifestsOf(index, `index.json of ${opts.where}`);
  if (opts.ref !== undefined) {
    const refs = [...new Set(top.map((d) => d.annotations?.[REF_NAME]).filter((r): r is string => !!r))];
    top = top.filter((d) => d.annotations?.[REF_NAME] === opts.ref);
    if (top.length === 0) {
      throw new LayerscopeError(
        'source',
        `no image named '${opts.ref}' in ${opts.where}; it has: ${someOf(refs) || 'no named images'}`,
        refs.length ? `use one of: ${someOf(refs.map((r) => `oci:DIR:${r}`))}` : 'leave out the :REF part',
      );
    }
  } else if (opts.name !== undefined) {
    const named = top.filter((d) => tagsOf(d).some((t) => namesMatch(t, opts.name!)) || d.annotations?.[REF_NAME] === opts.name);
    if (named.length > 0) top = named;
    else if (opts.nameRequired) throw notInArchive(opts.name, opts.where, [...new Set(top.flatMap(tagsOf))]);
  }
  const candidates = (await flatten(top, blobs, opts.where, { left: LIMITS.indexDescriptors })).filter((d) => !isAttestation(d));
  if (candidates.length === 0) throw new LayerscopeError('archive', `${opts.where} lists no image manifest`, 'the archive holds no image');
  // An archive that holds one image opens it whatever its platform, unless --platform asked for another
  // (dive's own test archives are single arm64 images). "Holds": its manifest is there (containerd exports
  // keep the whole index and only the blobs of the platforms they export).
  const oneImage = opts.platformIsHostDefault ? await onlyImage(candidates, blobs) : undefined;
  let chosen = oneImage ? [oneImage] : choosePlatform(candidates, opts);
  if (chosen.length > 1) {
    // A containerd export keeps the whole index but only the blobs it has: prefer images that are there.
    const present = (await Promise.all(chosen.map(async (d) => ((await blobs(d.digest)) === undefined ? undefined : d)))).filter(
      (d): d is Descriptor => d !== undefined,
    );
    if (present.length > 0) chosen = present;
  }
  const pick = chosen[0]!;
  const warnings =
    chosen.length > 1 ? [`${opts.where} holds ${chosen.length} images (${someOf(chosen.map(label))}); showing ${label(pick)}`] : [];
  const manifest = await blobs(pick.digest);
  if (manifest === undefined)
    throw missing(`manifest${pick.platform ? ` for ${formatPlatform(pick.platform)}` : ''}`, pick.digest, opts.where);
  if (!isObject(manifest) || !Array.isArray(manifest.layers) || manifest.config === undefined) {
    throw new LayerscopeError(
      'archive',
      `manifest ${pick.digest} in ${opts.where} has no config or layers`,
      'the archive is damaged; export the image again',
    );
  }
  const where = `manifest ${pick.digest}`;
  if (manifest.layers.length > LIMITS.layers)
    throw overLimit(`${where} in ${opts.where} lists ${manifest.layers.length} layers`, LIMITS.layers);
  return {
    manifestDigest: pick.digest,
    config: descriptor(manifest.config, where),
    layers: manifest.layers.map((l) => descriptor(l, where)),
    tags: tagsOf(pick),
    warnings,
  };
}

const LAYER_TYPE =
  /^application\/vnd\.(oci\.image\.layer(\.nondistributable)?\.v1\.tar(\+gzip|\+zstd)?|docker\.image\.rootfs\.(foreign\.)?diff\.tar(\.gzip)?)$/;

/** Throws for a layer we cannot read: unknown media type, or a foreign layer whose blob was left out. */
export function checkLayerDescriptor(d: Descriptor, index: number, present: boolean, where: string): void {
  if (d.mediaType !== undefined && !LAYER_TYPE.test(d.mediaType)) {
    throw new LayerscopeError(
      'archive',
      `layer ${index + 1} of ${where} has unsupported media type ${d.mediaType}`,
      'layerscope reads tar layers (plain, gzip or zstd)',
    );
  }
  if (present) return;
  if (d.mediaType && /foreign|nondistributable/.test(d.mediaType)) {
    throw new LayerscopeError(
      'archive',
      `layer ${index + 1} of ${where} is a foreign layer (${d.digest}) that the archive does not include`,
      `its content lives at ${d.urls?.[0] ?? 'an external URL'}; export the image with foreign layers included`,
    );
  }
  throw missing(`layer ${index + 1}`, d.digest, where);
}
