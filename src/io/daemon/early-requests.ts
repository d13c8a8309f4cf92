// A local daemon's inspect, and its export, asked for while the command line is still loading (its ~30
// modules take 60-75 ms after the entry starts; cli/early-daemon-read.ts decides). The export is asked
// for, by the inspected id, only when the layer cache keeps no record of that image's last export, so a
// read the cache can answer without an export (recall-image.ts) never makes the daemon write one. The
// read takes each answer if it asks the same socket the same thing (daemon-export.ts), and waits for it
// from then on; until taken, neither keeps the process alive, and one never taken ends with it.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { Detached } from './connection.js';
import { readCurrentContext } from './docker-contexts.js';
import type { DaemonEndpoint } from './endpoint.js';
import type { InspectAnswer } from './engine-types.js';
import type { ExportStream } from './export-stream.js';
import { openRawExport } from './raw-export.js';
import { inspectRaw } from './raw-inspect.js';
import { exportRecordName } from '../store/export-record-path.js';

export interface EarlyRead {
  /** The image as the read will inspect it (what the user typed, trimmed). */
  readonly ref: string;
  /** The docker CLI's config directory: a current context there other than `default` points elsewhere. */
  readonly dockerConfig: string;
  /** The default context's socket (DEFAULT_DOCKER_SOCKET). */
  readonly socketPath: string;
  /** The layer cache's export records (entries/export); undefined with --no-cache. */
  readonly exportRecords?: string;
  /** Whether the reader keeps nothing of the export's pieces (no layer store): raw-export.ts. */
  readonly reusePieces: boolean;
}

interface Asked<T> {
  readonly answer: Promise<T | undefined>;
  readonly held: Detached;
}

interface EarlyExport extends Asked<ExportStream> {
  readonly imageId: string;
  readonly reusePieces: boolean;
  readonly stop: AbortController;
}

let early: { read: EarlyRead; inspect?: Asked<InspectAnswer>; exported: Promise<EarlyExport | undefined> } | undefined;

const sameSocket = (endpoint: DaemonEndpoint, read: EarlyRead): boolean =>
  endpoint.kind === 'unix' && endpoint.socketPath === read.socketPath;

/**
 * Sends the inspect now (unless a docker context other than `default` is current), and the export once
 * the inspect has answered, when the cache cannot spare it.
 */
export async function startEarlyRead(read: EarlyRead): Promise<void> {
  const context = await readCurrentContext(read.dockerConfig);
  if (context !== undefined && context !== 'default') return;
  const endpoint: DaemonEndpoint = {
    kind: 'unix',
    socketPath: read.socketPath,
    url: `unix://${read.socketPath}`,
    origin: 'default socket',
  };
  const target = { endpoint, engine: 'docker' as const };
  const held: Detached = {};
  // Any failure (no daemon, no such image) is left for the read to meet, and explain, itself.
  const answer = inspectRaw(target, read.ref, undefined, held).catch(() => undefined);
  const exported = answer.then(async (found) => {
    const id = found?.image.Id;
    const recordName = id && exportRecordName(id);
    if (!id || !recordName) return undefined;
    if (read.exportRecords) {
      const recorded = await access(join(read.exportRecords, recordName)).then(
        () => true,
        () => false,
      );
      if (recorded) return undefined;
    }
    const stop = new AbortController();
    const exportHeld: Detached = {};
    const job = { endpoint, engine: 'docker' as const, imageId: id, ref: read.ref };
    const stream = openRawExport(job, stop.signal, read.reusePieces, exportHeld).catch(() => undefined);
    return { answer: stream, held: exportHeld, imageId: id, reusePieces: read.reusePieces, stop };
  });
  early = { read, inspect: { answer, held }, exported };
}

/** The early inspect of `ref` on `endpoint`, once (then the caller's to wait for); undefined if none. */
export function takeEarlyInspect(endpoint: DaemonEndpoint, engine: string, ref: string): Promise<InspectAnswer | undefined> | undefined {
  const inspect = early?.inspect;
  if (!early || !inspect || engine !== 'docker' || !sameSocket(endpoint, early.read) || early.read.ref !== ref) return undefined;
  // Once: a read that pulls the image inspects it again, and must see it then.
  early.inspect = undefined;
  inspect.held.hold?.();
  return inspect.answer;
}

/**
 * The early export of image `imageId` on `endpoint`, once, if there is one and its pieces are used as
 * the caller would (`reusePieces`); the caller's `signal` stops it from then on.
 */
export async function takeEarlyExport(
  endpoint: DaemonEndpoint,
  engine: string,
  imageId: string,
  reusePieces: boolean,
  signal?: AbortSignal,
): Promise<ExportStream | undefined> {
  if (!early || engine !== 'docker' || !sameSocket(endpoint, early.read)) return undefined;
  const exported = await early.exported;
  early = undefined;
  if (!exported) return undefined;
  if (exported.imageId !== imageId || exported.reusePieces !== reusePieces) {
    // Not what the read wants (another image under the name by now, or a layer store to feed): dropped.
    exported.stop.abort();
    return undefined;
  }
  exported.held.hold?.();
  if (signal?.aborted) exported.stop.abort();
  else signal?.addEventListener('abort', () => exported.stop.abort(), { once: true });
  return exported.answer;
}
