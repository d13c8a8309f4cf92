// The `docker save` (<= 24) shape of an ImageSpec: what the built-in demo image is written as at run
// time (and the fixture writer, write-image-archive.ts, builds its other shapes on).
import { Readable } from 'node:stream';
import { diffIdOf, imageConfig, layerTar, sha256, type ImageSpec } from './image-spec.js';
import { writeTar, type TarEntry } from './tar-writer.js';

export interface ArchiveFile {
  readonly name: string;
  readonly content?: Buffer;
  readonly symlinkTo?: string;
  readonly dir?: boolean;
}

export interface BuiltImage {
  readonly spec: ImageSpec;
  readonly layers: { tar: Buffer; diffId: string }[];
  readonly config: Buffer;
  readonly configHex: string;
}

export const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

export function buildImage(spec: ImageSpec): BuiltImage {
  const layers = spec.layers.map((layer) => {
    const tar = layerTar(layer);
    return { tar, diffId: diffIdOf(layer, tar) };
  });
  const config = json(
    imageConfig(
      spec,
      layers.map((l) => l.diffId),
    ),
  );
  return { spec, layers, config, configHex: sha256(config) };
}

export function repositories(images: readonly BuiltImage[], top: (image: BuiltImage) => string): Buffer {
  const repos: Record<string, Record<string, string>> = {};
  for (const image of images) {
    for (const tag of image.spec.repoTags ?? []) {
      const colon = tag.lastIndexOf(':');
      (repos[tag.slice(0, colon)] ??= {})[tag.slice(colon + 1)] = top(image);
    }
  }
  return json(repos);
}

export function dockerLegacy(images: readonly BuiltImage[]): ArchiveFile[] {
  const dirs: ArchiveFile[][] = [];
  const firstDir = new Map<string, string>();
  const topIds = new Map<BuiltImage, string>();
  const manifest = images.map((image) => {
    const ids = image.layers.map((layer, i) => sha256(Buffer.from(`${image.configHex}:${i}:${layer.diffId}`)));
    topIds.set(image, ids.at(-1) ?? '');
    image.layers.forEach((layer, i) => {
      const id = ids[i]!;
      const earlier = firstDir.get(layer.diffId);
      if (!earlier) firstDir.set(layer.diffId, id);
      const v1 = json({ id, ...(i > 0 ? { parent: ids[i - 1] } : {}), created: image.spec.created ?? '2024-01-01T00:00:00Z' });
      dirs.push([
        { name: `${id}/`, dir: true },
        { name: `${id}/VERSION`, content: Buffer.from('1.0') },
        { name: `${id}/json`, content: v1 },
        earlier ? { name: `${id}/layer.tar`, symlinkTo: `../${earlier}/layer.tar` } : { name: `${id}/layer.tar`, content: layer.tar },
      ]);
    });
    return { Config: `${image.configHex}.json`, RepoTags: image.spec.repoTags ?? null, Layers: ids.map((id) => `${id}/layer.tar`) };
  });
  // docker save walks its layer directories in hex order, not layer order.
  dirs.sort((a, b) => a[0]!.name.localeCompare(b[0]!.name));
  return [
    ...dirs.flat(),
    ...images.map((image) => ({ name: `${image.configHex}.json`, content: image.config })),
    { name: 'manifest.json', content: json(manifest) },
    { name: 'repositories', content: repositories(images, (image) => topIds.get(image)!) },
  ];
}

/** Archive members as one tar. */
export function archiveTar(files: readonly ArchiveFile[]): Buffer {
  const entries: TarEntry[] = files.map((f) =>
    f.dir
      ? { name: f.name, type: 'dir', mode: 0o755 }
      : f.symlinkTo !== undefined
        ? { name: f.name, type: 'symlink', linkName: f.symlinkTo, mode: 0o777 }
        : { name: f.name, content: f.content },
  );
  return writeTar(entries);
}

/** The image as `docker save` (<= 24) writes it, in one buffer (the demo image is small). */
export const writeDockerSave = (spec: ImageSpec): Buffer => archiveTar(dockerLegacy([buildImage(spec)]));

/** A buffer as a stream in chunks the size a pipe or socket would deliver. */
export function streamOf(data: Buffer, chunkSize = 64 * 1024): Readable {
  const chunks: Buffer[] = [];
  for (let at = 0; at < data.length; at += chunkSize) chunks.push(data.subarray(at, at + chunkSize));
  return Readable.from(chunks, { objectMode: false });
}
