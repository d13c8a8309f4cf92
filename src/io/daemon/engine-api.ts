// The four Engine API calls layerscope makes (served alike by Docker and podman's compat API):
// ping, image inspect, image export and, only when asked, pull.
import type { IncomingMessage } from 'node:http';
import { LayerscopeError } from '../../core/errors.js';
import { formatPlatform, type Platform } from '../read-options.js';
import type { DaemonEndpoint } from './endpoint.js';
import { engineLabel, type Engine } from './connection-errors.js';
import { daemonMessage, engineRequest, readText } from './engine-http.js';

/** Short answers (ping, inspect) must come quickly; a daemon that accepts but never answers is broken. */
const ANSWER_TIMEOUT_MS = 30_000;

/** The fields of `GET /images/{name}/json` we use. */
export interface ImageInspect {
  readonly Id: string;
  readonly RepoTags?: readonly string[] | null;
  readonly Size?: number;
  readonly Os?: string;
  readonly Architecture?: string;
  readonly RootFS?: { readonly Layers?: readonly string[] | null };
}

export interface EngineTarget {
  readonly endpoint: DaemonEndpoint;
  readonly engine: Engine;
}

const imagePath = (ref: string): string => ref.split('/').map(encodeURIComponent).join('/');

/** Maps a non-2xx answer of the daemon to one line. */
async function failure(target: EngineTarget, res: IncomingMessage, what: string): Promise<LayerscopeError> {
  const message = daemonMessage(await readText(res).catch(() => ''));
  return new LayerscopeError('source',
    `${engineLabel(target.engine)} at ${target.endpoint.url} refused to ${what}: ${message || `HTTP ${res.statusCode}`}`,
    `${target.engine} info  # is the daemon healthy?`);
}

export async function ping(target: EngineTarget, signal?: AbortSignal): Promise<void> {
  const res = await engineRequest(target.endpoint, target.engine,
    { method: 'GET', path: '/_ping', signal, responseTimeoutMs: ANSWER_TIMEOUT_MS });
  if (res.statusCode !== 200) throw await failure(target, res, 'answer a ping');
  res.resume();
}

/** Inspect an image; undefined when the daemon does not have it (404). */
export async function inspectImage(target: EngineTarget, ref: string, signal?: AbortSignal): Promise<ImageInspect | undefined> {
  const res = await engineRequest(target.endpoint, target.engine,
    { method: 'GET', path: `/images/${imagePath(ref)}/json`, signal, responseTimeoutMs: ANSWER_TIMEOUT_MS });
  if (res.statusCode === 404) {
    res.resume();
    return undefined;
  }
  if (res.statusCode !== 200) throw await failure(target, res, `inspect ${ref}`);
  const body = JSON.parse(await readText(res)) as ImageInspect;
  if (typeof body.Id !== 'string') {
    throw new LayerscopeError('source', `${engineLabel(target.engine)} at ${target.endpoint.url} answered the inspect of ${ref} without an image id`);
  }
  return body;
}

/** Starts `GET /images/{ref}/get` and resolves with the streaming tar body (status already checked). */
export async function exportImage(target: EngineTarget, ref: string, signal?: AbortSignal): Promise<IncomingMessage> {
  const res = await engineRequest(target.endpoint, target.engine,
    { method: 'GET', path: `/images/${imagePath(ref)}/get`, signal });
  if (res.statusCode !== 200) throw await failure(target, res, `export ${ref}`);
  return res;
}

const pullFailed = (target: EngineTarget, ref: string, reason: string): LayerscopeError =>
  new LayerscopeError('source', `pull of ${ref} failed: ${reason}`,
    `check the name, the registry and your login (${target.engine} login)`);

/** `POST /images/create`: pulls, reading the progress stream to the end; an `error` line fails. */
export async function pullImage(target: EngineTarget, ref: string, platform?: Platform, signal?: AbortSignal): Promise<void> {
  const query = new URLSearchParams({ fromImage: ref });
  if (platform) query.set('platform', formatPlatform(platform));
  const res = await engineRequest(target.endpoint, target.engine,
    { method: 'POST', path: `/images/create?${query.toString()}`, signal, responseTimeoutMs: ANSWER_TIMEOUT_MS });
  const text = await readText(res, 64 * 1024 * 1024);
  if (res.statusCode !== 200) throw pullFailed(target, ref, daemonMessage(text) || `HTTP ${res.statusCode}`);
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let event: { error?: unknown };
    try {
      event = JSON.parse(line) as { error?: unknown };
    } catch {
      continue;
    }
    if (typeof event.error === 'string') throw pullFailed(target, ref, event.error.trim());
  }
}
