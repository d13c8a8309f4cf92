// `layerscope IMAGE`: ask the daemon what it knows (inspect), then stream its export straight into the
// one-pass archive reader. No temp file, no second copy of the image on disk. An unchanged image whose
// every part the layer cache holds is not exported at all (recall-image.ts).
import type { ImageModel } from '../../core/model.js';
import { readImageArchive } from '../archive/read-image-archive.js';
import type { ReadOptions, ReadProgress } from '../read-options.js';
import type { DaemonEndpoint } from './endpoint.js';
import { engineLabel, type Engine } from './connection-errors.js';
import { findDaemonImage, openDaemonExport } from './daemon-export.js';
import type { EngineAgent } from './engine-agent.js';
import { readsRaw } from './raw-export.js';
import { daemonIsTrusted } from './daemon-trust.js';
import { exportKeeper, recallImage } from './recall-image.js';

export interface DaemonReadOptions extends ReadOptions {
  /** Pull the image when the daemon does not have it (never done unless asked). */
  readonly pull?: boolean;
  readonly engine: Engine;
}

export async function readFromDaemon(ref: string, endpoint: DaemonEndpoint, opts: DaemonReadOptions): Promise<ImageModel> {
  // One connection for the read's calls: over ssh each is a session of its own (0.8 s on loopback here).
  // A local socket's are read off it, a connection each (raw-inspect.ts, raw-export.ts), with no agent.
  const agent = readsRaw(endpoint)
    ? undefined
    : new (await import('./engine-agent.js')).EngineAgent(endpoint, opts.engine, undefined, true);
  try {
    return await readThrough(agent, ref, endpoint, opts);
  } finally {
    agent?.destroy();
  }
}

async function readThrough(
  agent: EngineAgent | undefined,
  ref: string,
  endpoint: DaemonEndpoint,
  opts: DaemonReadOptions,
): Promise<ImageModel> {
  const exportOpts = { engine: opts.engine, pull: opts.pull, platform: opts.platform, signal: opts.signal, ...(agent ? { agent } : {}) };
  const found = await findDaemonImage(ref, endpoint, exportOpts);
  const { image } = found;
  const cache = opts.layerCache;
  const withTags = (model: ImageModel): ImageModel =>
    // Exported by id, the archive carries no tags; the daemon knows them.
    model.tags.length > 0 || !image.RepoTags?.length ? model : { ...model, tags: [...image.RepoTags] };
  const recalled =
    cache &&
    (await recallImage(found, cache, {
      name: opts.name ?? ref,
      scanSecrets: opts.scanSecrets === true,
      withTars: opts.keepLayer !== undefined,
    }));
  if (recalled) return withTags(recalled);
  const diffIds = image.RootFS?.Layers ?? undefined;
  // The archive holds each distinct layer once, so that is how many the reader will report done.
  const layersTotal = diffIds ? new Set(diffIds).size : undefined;
  const onProgress = opts.onProgress && ((p: ReadProgress) => opts.onProgress!({ ...p, layersTotal: p.layersTotal ?? layersTotal }));
  // Said before the export is asked for: the daemon writes the whole image out before its first byte
  // (seconds for a large one), and the explorer loads its modules meanwhile (run-explore.ts).
  onProgress?.({ bytesRead: 0, bytesTotal: opts.totalBytes ?? image.Size, layersDone: 0, waitingFor: engineLabel(opts.engine) });
  // A layer store writes the chunks out after the reader is past them: they must not be reused then.
  const exported = await openDaemonExport(found, ref, endpoint, { ...exportOpts, reusePieces: opts.keepLayer === undefined });
  const keeper = cache && exportKeeper(found, cache);
  try {
    const model = await readImageArchive(
      exported.stream,
      {
        ...opts,
        name: opts.name ?? ref,
        totalBytes: opts.totalBytes ?? image.Size,
        knownDiffIds: opts.knownDiffIds ?? diffIds,
        trustedProducer: await daemonIsTrusted(endpoint),
        onProgress,
      },
      `the ${opts.engine} export of ${ref}`,
      keeper?.see,
    );
    // The model counts only if the whole export arrived: a cut-off stream must never look like an image.
    exported.stream.resume();
    await exported.complete;
    await keeper?.keep();
    return withTags(model);
  } catch (e) {
    throw exported.failure() ?? e;
  } finally {
    exported.stream.destroy();
  }
}
