// Finds an image in a daemon (pulling only when asked) and opens its export as a guarded stream
// (export-stream.ts).
import { LayerscopeError } from '../../core/errors.js';
import type { Platform } from '../read-options.js';
import type { DaemonEndpoint } from './endpoint.js';
import { engineLabel, type Engine } from './connection-errors.js';
import type { EngineAgent } from './engine-agent.js';
import type { EngineTarget } from './engine-api.js';
import type { ImageInspect, InspectAnswer } from './engine-types.js';
import { openExportStream, type ExportStream } from './export-stream.js';
import { lookupReference } from './image-reference.js';
import { openRawExport, readsRaw } from './raw-export.js';
import { inspectRaw } from './raw-inspect.js';
import { takeEarlyExport, takeEarlyInspect } from './early-requests.js';
import { engineApi } from './engine-calls.js';

/** A local socket's inspect is read off it; over ssh or TLS, dockerode's. */
const inspect = async (target: EngineTarget, ref: string, signal?: AbortSignal): Promise<InspectAnswer | undefined> =>
  readsRaw(target.endpoint) ? inspectRaw(target, ref, signal) : (await engineApi()).inspectImage(target, ref, signal);

export interface DaemonExportOptions {
  readonly engine: Engine;
  /** The read's session: inspect and export share its connection (one ssh session, one TLS handshake). */
  readonly agent?: EngineAgent;
  readonly pull?: boolean;
  readonly platform?: Platform;
  readonly signal?: AbortSignal;
  /** The reader keeps nothing of the export's chunks once past them (no layer store): see export-pieces.ts. */
  readonly reusePieces?: boolean;
}

export interface DaemonExport extends ExportStream {
  readonly image: ImageInspect;
}

async function findImage(target: EngineTarget, ref: string, opts: DaemonExportOptions): Promise<InspectAnswer> {
  const lookup = lookupReference(ref);
  // Inspected as typed, as docker's CLI does: the engine reads a bare name as NAME:latest itself, and
  // what names no image as an id prefix (`docker inspect b6fc`). A pull needs the tag spelled out.
  const early = takeEarlyInspect(target.endpoint, target.engine, ref.trim());
  const found = (early && (await early)) || (await inspect(target, ref.trim(), opts.signal));
  if (found) return found;
  const where = `${engineLabel(target.engine)} at ${target.endpoint.url}`;
  if (!opts.pull) {
    throw new LayerscopeError('source', `image ${ref} is not in ${where}`, `${target.engine} pull ${lookup}  (or run again with --pull)`);
  }
  await (await engineApi()).pullImage(target, lookup, opts.platform, opts.signal);
  const pulled = await inspect(target, lookup, opts.signal);
  if (!pulled) throw new LayerscopeError('source', `image ${ref} is still not in ${where} after pulling it`, `${target.engine} images`);
  return pulled;
}

/** Inspects `ref` (pulling it first when opts.pull and absent). */
export const findDaemonImage = (ref: string, endpoint: DaemonEndpoint, opts: DaemonExportOptions): Promise<InspectAnswer> =>
  findImage({ endpoint, engine: opts.engine, ...(opts.agent ? { agent: opts.agent } : {}) }, ref, opts);

/** Starts the export of exactly the image `found` names (by id). */
export async function openDaemonExport(
  found: InspectAnswer,
  ref: string,
  endpoint: DaemonEndpoint,
  opts: DaemonExportOptions,
): Promise<DaemonExport> {
  const { image } = found;
  // Export by id: the tag cannot move between inspect and export, and a bare name cannot export every tag.
  const job = { endpoint, engine: opts.engine, imageId: image.Id, ref };
  // A plain socket's export is read off the socket (raw-export.ts); over ssh or TLS, through dockerode.
  const reuse = opts.reusePieces === true;
  const exported = readsRaw(endpoint)
    ? ((await takeEarlyExport(endpoint, opts.engine, image.Id, reuse, opts.signal)) ?? (await openRawExport(job, opts.signal, reuse)))
    : await openExportStream(job, opts.signal, opts.agent);
  return { image, ...exported };
}
