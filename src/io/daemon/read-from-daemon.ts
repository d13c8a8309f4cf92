// `layerscope IMAGE`: ask the daemon what it knows (inspect), then stream its export straight into the
// one-pass archive reader. No temp file, no second copy of the image on disk.
import type { ImageModel } from '../../core/model.js';
import { readImageArchive } from '../archive/read-image-archive.js';
import type { ReadOptions, ReadProgress } from '../read-options.js';
import type { DaemonEndpoint } from './endpoint.js';
import type { Engine } from './connection-errors.js';
import { openDaemonExport } from './daemon-export.js';

export interface DaemonReadOptions extends ReadOptions {
  /** Pull the image when the daemon does not have it (never done unless asked). */
  readonly pull?: boolean;
  readonly engine: Engine;
}

export async function readFromDaemon(ref: string, endpoint: DaemonEndpoint, opts: DaemonReadOptions): Promise<ImageModel> {
  const exported = await openDaemonExport(ref, endpoint, {
    engine: opts.engine,
    pull: opts.pull,
    platform: opts.platform,
    signal: opts.signal,
  });
  const { image } = exported;
  const diffIds = image.RootFS?.Layers ?? undefined;
  // The archive holds each distinct layer once, so that is how many the reader will report done.
  const layersTotal = diffIds ? new Set(diffIds).size : undefined;
  const onProgress = opts.onProgress && ((p: ReadProgress) => opts.onProgress!({ ...p, layersTotal: p.layersTotal ?? layersTotal }));
  try {
    const model = await readImageArchive(
      exported.stream,
      {
        ...opts,
        name: opts.name ?? ref,
        totalBytes: opts.totalBytes ?? image.Size,
        knownDiffIds: opts.knownDiffIds ?? diffIds,
        onProgress,
      },
      `the ${opts.engine} export of ${ref}`,
    );
    // The model counts only if the whole export arrived: a cut-off stream must never look like an image.
    exported.stream.resume();
    await exported.complete;
    // Exported by id, the archive carries no tags; the daemon knows them.
    return model.tags.length > 0 || !image.RepoTags?.length ? model : { ...model, tags: [...image.RepoTags] };
  } catch (e) {
    throw exported.failure() ?? e;
  } finally {
    exported.stream.destroy();
  }
}
