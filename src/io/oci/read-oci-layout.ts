// `oci:DIR[:REF]`: an OCI image layout directory. With random access we read index → manifest → config
// first, then stream each layer blob once through the same layer parser as archives use.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LayerscopeError } from '../../core/errors.js';
import type { ImageModel } from '../../core/model.js';
import type { ReadOptions } from '../read-options.js';
import { parseLayer, type ParsedLayer } from '../archive/parse-layer.js';
import { readHead, replay } from '../archive/peek.js';
import { toArchiveError } from '../archive/read-errors.js';
import { isLayerKind, sniff } from '../archive/sniff.js';
import { assembleModel } from '../image/assemble-model.js';
import { JSON_CAP_BYTES, parseJsonBlob, tooBig } from '../image/json-blob.js';
import { checkLayerDescriptor, resolveImage, type Descriptor } from './resolve-image.js';

const blobFile = (dir: string, digest: string): string => {
  const [alg, hex] = digest.split(':');
  if (!alg || !hex || /[/\\]|\.\./.test(digest)) {
    throw new LayerscopeError('archive', `bad digest '${digest}' in ${dir}`, 'the layout is damaged');
  }
  return join(dir, 'blobs', alg, hex);
};

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : undefined;
  } catch {
    return undefined;
  }
}

async function readJson(path: string, where: string): Promise<unknown> {
  const size = await sizeOf(path);
  if (size === undefined) return undefined;
  if (size > JSON_CAP_BYTES) throw tooBig(where);
  return parseJsonBlob(await readFile(path), where);
}

async function readLayerBlob(path: string, where: string, onBytes: (n: number) => void): Promise<ParsedLayer> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  stream.on('data', (chunk) => onBytes(chunk.length));
  try {
    const it = (stream as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
    const { chunks, head, done } = await readHead(it);
    const kind = sniff(head);
    if (!isLayerKind(kind)) {
      throw new LayerscopeError('archive', `${where} is neither a tar, gzip nor zstd stream`, 'the layout is damaged; copy the image again');
    }
    return await parseLayer(replay(chunks, it, done), kind, () => stream.destroy())
      .catch((error: unknown) => { throw toArchiveError(error, where, kind === 'tar' ? undefined : kind); });
  } finally {
    stream.destroy();
  }
}

/** Reads the image in the OCI layout at `dir`; `ref` picks by `org.opencontainers.image.ref.name`. */
export async function readOciLayout(dir: string, opts: ReadOptions, ref?: string): Promise<ImageModel> {
  if ((await sizeOf(join(dir, 'oci-layout'))) === undefined) {
    throw new LayerscopeError('source', `${dir} is not an OCI image layout (no oci-layout file)`,
      'give a directory made by skopeo copy … oci:DIR, or an archive file');
  }
  const index = await readJson(join(dir, 'index.json'), `${dir}/index.json`);
  if (index === undefined) throw new LayerscopeError('archive', `${dir} has no index.json`, 'the layout is damaged; copy the image again');
  const resolved = await resolveImage(index, (digest) => readJson(blobFile(dir, digest), `blob ${digest}`), {
    platform: opts.platform, ref, name: opts.name, where: dir,
  });
  const config = await readJson(blobFile(dir, resolved.config.digest), `config ${resolved.config.digest}`);
  if (config === undefined) {
    throw new LayerscopeError('archive', `config ${resolved.config.digest} is missing from ${dir}`, 'the layout is incomplete; copy the image again');
  }
  const sizes = await Promise.all(resolved.layers.map((d) => sizeOf(blobFile(dir, d.digest))));
  resolved.layers.forEach((d, i) => checkLayerDescriptor(d, i, sizes[i] !== undefined, dir));
  const bytesTotal = sizes.reduce<number>((sum, s) => sum + (s ?? 0), 0);
  let bytesRead = 0;
  let lastReport = 0;
  const report = (layersDone: number, force: boolean): void => {
    const now = Date.now();
    if (!opts.onProgress || (!force && now - lastReport < 100)) return;
    lastReport = now;
    opts.onProgress({ bytesRead, bytesTotal, layersDone, layersTotal: resolved.layers.length });
  };
  const layers: { parsed: ParsedLayer; digest: string }[] = [];
  const parsedByDigest = new Map<string, ParsedLayer>();
  for (const [i, d] of resolved.layers.entries() as Iterable<[number, Descriptor]>) {
    opts.signal?.throwIfAborted();
    let parsed = parsedByDigest.get(d.digest);
    if (!parsed) {
      parsed = await readLayerBlob(blobFile(dir, d.digest), `layer ${i + 1} (${d.digest})`, (n) => { bytesRead += n; report(i, false); });
      parsedByDigest.set(d.digest, parsed);
    }
    layers.push({ parsed, digest: d.digest });
    report(i + 1, true);
  }
  return assembleModel({
    config, configWhere: resolved.config.digest, id: resolved.config.digest,
    tags: resolved.tags, layers, name: opts.name, warnings: resolved.warnings,
  });
}
