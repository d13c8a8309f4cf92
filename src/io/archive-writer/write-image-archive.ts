// Test fixtures: writes an ImageSpec in the shapes `docker save`, podman/skopeo and OCI tools produce
// (FORMATS.md §1), plus shapes the tools never make on purpose: several platforms with some blobs
// missing, dropped members. Not shipped in the npm package: the demo needs only docker-save-writer.ts.
import { writeFile, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sha256, type ImageSpec } from './image-spec.js';
import { archiveTar, buildImage, dockerLegacy, json, repositories, type ArchiveFile, type BuiltImage } from './docker-save-writer.js';
import { makeDirs } from '../file/make-dirs.js';

export { streamOf } from './docker-save-writer.js';

export type ArchiveFormat = 'docker-legacy' | 'docker-oci' | 'podman' | 'oci-archive';

export interface WriteOptions {
  /** Compression of layer blobs (OCI shapes only; docker-archive layers are always plain). */
  readonly compression?: 'none' | 'gzip';
  /** More images: other tags in one manifest.json (docker shapes), other platforms in one index (OCI shapes). */
  readonly images?: readonly ImageSpec[];
  /** OCI: put the platform manifests in an index blob that index.json points to (containerd style). */
  readonly nestedIndex?: boolean;
  /** OCI: add an `unknown/unknown` attestation manifest (its blobs absent) as buildx does. */
  readonly attestation?: boolean;
  /** OCI: leave out every blob only the extra images use, as a single-platform export does. */
  readonly dropOtherImageBlobs?: boolean;
  /** With dropOtherImageBlobs: the image whose blobs are kept (default 0, the first). */
  readonly keepBlobsOf?: number;
  /** Leave these archive members out (to make a missing blob). */
  readonly omit?: (name: string) => boolean;
}

const MT = {
  index: 'application/vnd.oci.image.index.v1+json',
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layer: 'application/vnd.oci.image.layer.v1.tar',
};
const hexOf = (digest: string): string => digest.replace(/^sha256:/, '');

function podman(images: readonly BuiltImage[]): ArchiveFile[] {
  const files = new Map<string, ArchiveFile>();
  const manifest = images.map((image) => {
    for (const layer of image.layers) {
      const name = `${hexOf(layer.diffId)}.tar`;
      if (!files.has(name)) files.set(name, { name, content: layer.tar });
    }
    files.set(`${image.configHex}.json`, { name: `${image.configHex}.json`, content: image.config });
    return {
      Config: `${image.configHex}.json`,
      RepoTags: image.spec.repoTags ?? [],
      Layers: image.layers.map((l) => `${hexOf(l.diffId)}.tar`),
    };
  });
  return [
    ...files.values(),
    { name: 'manifest.json', content: json(manifest) },
    { name: 'repositories', content: repositories(images, (i) => i.configHex) },
  ];
}

/** Blobs, manifests and index.json of an OCI layout holding `images` (one per platform or tag). */
function ociLayout(images: readonly BuiltImage[], opts: WriteOptions, dockerStyle: boolean): ArchiveFile[] {
  const blobs = new Map<string, Buffer>();
  const add = (content: Buffer, imageIndex: number): { digest: string; size: number } => {
    const hex = sha256(content);
    if (imageIndex === (opts.keepBlobsOf ?? 0) || !opts.dropOtherImageBlobs) blobs.set(hex, content);
    return { digest: `sha256:${hex}`, size: content.length };
  };
  const gzip = opts.compression === 'gzip';
  const descriptors = images.map((image, i) => {
    const layerDescs = image.layers.map((layer, l) => {
      const { mediaType, urls } = image.spec.layers[l]!;
      return {
        mediaType: mediaType ?? (gzip ? `${MT.layer}+gzip` : MT.layer),
        ...add(gzip ? gzipSync(layer.tar) : layer.tar, i),
        ...(urls ? { urls } : {}),
      };
    });
    const manifest = json({
      schemaVersion: 2,
      mediaType: MT.manifest,
      config: { mediaType: MT.config, ...add(image.config, i) },
      layers: layerDescs,
    });
    const tag = image.spec.repoTags?.[0];
    const annotations = tag
      ? { 'io.containerd.image.name': tag, 'org.opencontainers.image.ref.name': tag.slice(tag.lastIndexOf(':') + 1) }
      : undefined;
    const platform = image.spec.platform ?? { os: 'linux', architecture: 'amd64' };
    return {
      mediaType: MT.manifest,
      ...add(manifest, i),
      platform,
      annotations,
      layerPaths: layerDescs.map((d) => `blobs/sha256/${hexOf(d.digest)}`),
      image,
    };
  });
  const manifests: Record<string, unknown>[] = descriptors.map(({ mediaType, digest, size, platform, annotations }) => ({
    mediaType,
    digest,
    size,
    ...(dockerStyle ? {} : { platform }),
    ...(annotations ? { annotations } : {}),
  }));
  if (opts.attestation) {
    const attestation = json({
      schemaVersion: 2,
      mediaType: MT.manifest,
      config: { mediaType: MT.config, digest: `sha256:${'0'.repeat(64)}`, size: 2 },
      layers: [],
    });
    manifests.push({
      mediaType: MT.manifest,
      ...add(attestation, opts.keepBlobsOf ?? 0),
      platform: { os: 'unknown', architecture: 'unknown' },
      annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': descriptors[0]!.digest },
    });
  }
  let top = manifests;
  if (opts.nestedIndex) {
    const nested = json({ schemaVersion: 2, mediaType: MT.index, manifests });
    const tag = images[0]!.spec.repoTags?.[0];
    top = [
      { mediaType: MT.index, ...add(nested, opts.keepBlobsOf ?? 0), ...(tag ? { annotations: { 'io.containerd.image.name': tag } } : {}) },
    ];
  }
  const files: ArchiveFile[] = [...blobs.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([hex, content]) => ({ name: `blobs/sha256/${hex}`, content }));
  files.push({ name: 'index.json', content: json({ schemaVersion: 2, mediaType: MT.index, manifests: top }) });
  if (dockerStyle) {
    const manifest = descriptors.map((d) => ({
      Config: `blobs/sha256/${d.image.configHex}`,
      RepoTags: d.image.spec.repoTags ?? [],
      Layers: d.layerPaths,
    }));
    files.push({ name: 'manifest.json', content: json(manifest) });
  }
  files.push({ name: 'oci-layout', content: json({ imageLayoutVersion: '1.0.0' }) });
  if (dockerStyle) files.push({ name: 'repositories', content: repositories(images, (i) => i.configHex) });
  return files;
}

function archiveFiles(spec: ImageSpec, format: ArchiveFormat, opts: WriteOptions): ArchiveFile[] {
  const images = [spec, ...(opts.images ?? [])].map(buildImage);
  const files =
    format === 'docker-legacy'
      ? dockerLegacy(images)
      : format === 'podman'
        ? podman(images)
        : ociLayout(images, opts, format === 'docker-oci');
  return opts.omit ? files.filter((f) => !opts.omit!(f.name)) : files;
}

/** The archive as one buffer (test and demo images are small). */
export function writeImageArchive(spec: ImageSpec, format: ArchiveFormat, opts: WriteOptions = {}): Buffer {
  return archiveTar(archiveFiles(spec, format, opts));
}

/** An OCI image layout directory (`oci:DIR`). */
export async function writeOciLayout(spec: ImageSpec, dir: string, opts: WriteOptions = {}): Promise<void> {
  for (const file of archiveFiles(spec, 'oci-archive', opts)) {
    const target = join(dir, file.name);
    await makeDirs(dirname(target));
    if (file.symlinkTo !== undefined) await symlink(file.symlinkTo, target);
    else if (file.content) await writeFile(target, file.content);
  }
}
