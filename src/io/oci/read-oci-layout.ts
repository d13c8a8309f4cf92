// `oci:DIR[:REF]`: an OCI image layout directory. With random access we read index → manifest → config
// first, then parse each layer blob once, two at a time, as archive files are (layer-blobs.ts).
import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LayerscopeError } from '../../core/errors.js';
import type { ImageModel } from '../../core/model.js';
import type { ReadOptions } from '../read-options.js';
import type { LayerBlob } from '../archive/layer-blob.js';
import { configDiffIds, parseLayerBlobs } from '../archive/layer-blobs.js';
import { pathRange } from '../file/file-range.js';
import { assembleModel } from '../image/assemble-model.js';
import { JSON_CAP_BYTES, parseJsonBlob, tooBig } from '../image/json-blob.js';
import { checkLayerDescriptor, resolveImage } from './resolve-image.js';

const blobFile = (dir: string, digest: string): string => {
  const [alg, hex] = digest.split(':');
  if (!alg || !hex || /[/\\]|\.\./.test(digest)) {
    throw new LayerscopeError('archive', `bad digest '${digest}' in ${dir}`, 'the layout is damaged');
  }
  return join(dir, 'blobs', alg, hex);
};

/**
 * The size of one of the layout's files, undefined when it is not there. Anything there but a plain file
 * is refused, not followed: a symlink would read a file outside the layout (and show it as the image), a
 * FIFO or a device would never end. skopeo, docker and tar write plain files.
 */
async function sizeOf(path: string): Promise<number | undefined> {
  const info = await lstat(path).catch(() => undefined);
  if (info === undefined) return undefined;
  if (!info.isFile()) {
    const what = info.isSymbolicLink() ? 'a symlink' : info.isDirectory() ? 'a directory' : 'a FIFO, socket or device';
    throw new LayerscopeError(
      'archive',
      `${path} is ${what}, not a file`,
      'an OCI layout holds plain files; copy the image again (skopeo copy … oci:DIR)',
    );
  }
  return info.size;
}

async function readJson(path: string, where: string): Promise<unknown> {
  const size = await sizeOf(path);
  if (size === undefined) return undefined;
  if (size > JSON_CAP_BYTES) throw tooBig(where);
  return parseJsonBlob(await readFile(path), where);
}

/** A layer blob file, read through an open handle for as long as it is parsed. */
const layerBlob = (path: string, digest: string, index: number, bytes: number): LayerBlob => ({
  key: digest,
  blobDigest: digest,
  where: `layer ${index + 1} (${digest})`,
  bytes,
  location: { file: path, offset: 0, bytes },
  chunks: (signal) => pathRange(path, 0, bytes, { signal }),
});

/** Reads the image in the OCI layout at `dir`; `ref` picks by `org.opencontainers.image.ref.name`. */
export async function readOciLayout(dir: string, opts: ReadOptions, ref?: string): Promise<ImageModel> {
  if ((await sizeOf(join(dir, 'oci-layout'))) === undefined) {
    throw new LayerscopeError(
      'source',
      `${dir} is not an OCI image layout (no oci-layout file)`,
      'give a directory made by skopeo copy … oci:DIR, or an archive file',
    );
  }
  const index = await readJson(join(dir, 'index.json'), `${dir}/index.json`);
  if (index === undefined) throw new LayerscopeError('archive', `${dir} has no index.json`, 'the layout is damaged; copy the image again');
  const resolved = await resolveImage(index, (digest) => readJson(blobFile(dir, digest), `blob ${digest}`), {
    platform: opts.platform,
    platformIsHostDefault: opts.platformIsHostDefault,
    ref,
    name: opts.name,
    where: dir,
  });
  const config = await readJson(blobFile(dir, resolved.config.digest), `config ${resolved.config.digest}`);
  if (config === undefined) {
    throw new LayerscopeError(
      'archive',
      `config ${resolved.config.digest} is missing from ${dir}`,
      'the layout is incomplete; copy the image again',
    );
  }
  const sizes = await Promise.all(resolved.layers.map((d) => sizeOf(blobFile(dir, d.digest))));
  resolved.layers.forEach((d, i) => checkLayerDescriptor(d, i, sizes[i] !== undefined, dir));
  const diffIds = configDiffIds(config);
  const blobs = resolved.layers.map((d, i) => ({ ...layerBlob(blobFile(dir, d.digest), d.digest, i, sizes[i]!), diffId: diffIds[i] }));
  const parsed = await parseLayerBlobs(blobs, opts);
  const layers = resolved.layers.map((d) => ({ parsed: parsed.get(d.digest)!, digest: d.digest }));
  return assembleModel({
    config,
    configWhere: resolved.config.digest,
    id: resolved.config.digest,
    tags: resolved.tags,
    layers,
    name: opts.name,
    scanSecrets: opts.scanSecrets === true,
    warnings: resolved.warnings,
  });
}
