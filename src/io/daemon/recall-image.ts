// An image the daemon has, read again without exporting it. A daemon's export is the slow part of its
// read (Docker 20.10 writes the whole image to a temporary directory before sending a byte: seconds
// for a large image), and an unchanged image needs none of it once the layer cache holds its config
// (kept under the sha256 of its bytes, which is the image id the inspect gives), the entries of every
// layer the config names, and what the last export of it named beside them (export-records.ts). The
// model is then made of what that export's read was made of. Anything missing, or an id that is not a
// config digest (the containerd store's are manifest digests), and the image is exported as before.
import type { ImageModel } from '../../core/model.js';
import { configDiffIds } from '../archive/layer-blobs.js';
import type { SeeParts } from '../archive/read-image-archive.js';
import { assembleModel } from '../image/assemble-model.js';
import type { ParsedLayerCache } from '../store/parsed-cache.js';
import type { InspectAnswer } from './engine-api.js';

const sameList = (a: readonly (string | undefined)[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** The image `found` names, from the cache alone; undefined when the cache cannot give all of it. */
export async function recallImage(
  found: InspectAnswer,
  cache: ParsedLayerCache,
  opts: { readonly name?: string; readonly scanSecrets: boolean; readonly withTars: boolean },
): Promise<ImageModel | undefined> {
  const { image, answeredBy } = found;
  if (!answeredBy) return undefined;
  const record = await cache.exports.get(image.Id, answeredBy);
  const bytes = record && (await cache.configs.get(image.Id));
  if (!record || !bytes) return undefined;
  let config: unknown;
  try {
    config = JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined; // it was parsed when kept: the file is not what was kept
  }
  const diffIds = configDiffIds(config);
  // What the daemon says the image is made of must be what the kept config says.
  if (record.digests.length !== diffIds.length || !sameList(diffIds, image.RootFS?.Layers ?? [])) return undefined;
  const layerIds = diffIds as string[];
  // A read that keeps the layers' bytes (cat, extract, --keep-layers) needs them stored already: with
  // --keep-layers the image may be gone from the daemon by the time a file is viewed.
  if (opts.withTars && !(await Promise.all(layerIds.map((d) => cache.store.has(d)))).every(Boolean)) return undefined;
  const parses = await cache.recallStored(layerIds, opts.scanSecrets);
  if (!parses) return undefined;
  cache.imagesUnread++;
  return assembleModel({
    config,
    configWhere: image.Id,
    id: image.Id,
    tags: [],
    layers: layerIds.map((d, i) => ({ parsed: parses.get(d)!, digest: record.digests[i] ?? undefined })),
    name: opts.name,
    scanSecrets: opts.scanSecrets === true,
    warnings: [],
  });
}

/**
 * Keeps what a read of the export was made of, so that the image can be recalled next time: only when
 * it came whole from one image by its id (no tags or warnings of the archive's own, which a recall could
 * not know), and only under a config id its bytes hash to (ConfigCache.keep checks).
 */
export function exportKeeper(found: InspectAnswer, cache: ParsedLayerCache): { see: SeeParts; keep(): Promise<void> } {
  let kept: (() => Promise<void>) | undefined;
  const see: SeeParts = (parts, configBytes) => {
    const { answeredBy } = found;
    const id = found.image.Id;
    if (!answeredBy || parts.id !== id || parts.tags.length > 0 || parts.warnings.length > 0) return;
    kept = async () => {
      await cache.configs.keep(id, configBytes);
      await cache.exports.keep(id, { engine: answeredBy, digests: parts.layers.map((l) => l.digest ?? null) });
    };
  };
  // A cache that cannot be written costs the next read its speed, never this one its result.
  return { see, keep: () => (kept ? kept().catch(() => undefined) : Promise.resolve()) };
}
