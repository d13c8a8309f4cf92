// The Engine API calls layerscope makes, through dockerode (served alike by Docker and podman's compat
// API): ping, image inspect, image list, image export and, only when asked, pull. The only file that
// imports dockerode. Each call gets a client of its own whose transport is an EngineAgent, so every
// failure is explained with the connection it happened on.
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import Dockerode from 'dockerode';
import { LayerscopeError } from '../../core/errors.js';
import { formatPlatform, type Platform } from '../read-options.js';
import { ConnectTimeoutError } from './connection-errors.js';
import { EngineAgent } from './engine-agent.js';
import { readText } from './engine-answers.js';
import { badReference, refused, statusText, type HttpError } from './engine-errors.js';
import { answerMs, checkedInspect, inspectPath, type EngineAddress, type ImageInspect, type InspectAnswer } from './engine-types.js';

export type { ImageInspect, InspectAnswer } from './engine-types.js';
export { ANSWER_TIMEOUT_MS } from './engine-types.js';

export interface EngineTarget extends EngineAddress {
  /** The agent of a read's session (session.ts), whose connection the read's calls share; else one per call. */
  readonly agent?: EngineAgent;
}

/** One row of `docker images`: an image under one of its names (`<none>` for untagged ones). */
export interface ImageListing {
  readonly id: string;
  readonly repository: string;
  readonly tag: string;
  readonly sizeBytes: number;
  /** ISO 8601, from the daemon's Unix seconds. */
  readonly created: string;
}

/** What docker-modem reads from the environment in its constructor (DOCKER_CERT_PATH files even when every option is given). */
const MODEM_ENV = ['DOCKER_HOST', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'DOCKER_CLIENT_TIMEOUT', 'DOCKER_PATH_PREFIX'] as const;

/**
 * A dockerode client whose every option is ours: the modem is built with the variables it would read
 * out of its sight, so --context and the docker CLI's order stay in layerscope's hands.
 */
function newClient(agent: EngineAgent): Dockerode {
  const { endpoint } = agent;
  const saved = MODEM_ENV.map((name) => [name, process.env[name]] as const);
  for (const name of MODEM_ENV) delete process.env[name];
  try {
    return new Dockerode({
      // The agent dials; these only shape the request line and Host header (as the docker CLI, 'localhost'
      // when the daemon is not on a TCP host).
      socketPath: endpoint.kind === 'unix' ? endpoint.socketPath : undefined,
      host: endpoint.kind === 'tcp' ? endpoint.host : endpoint.kind === 'ssh' ? 'localhost' : undefined,
      port: endpoint.kind === 'tcp' ? endpoint.port : undefined,
      protocol: 'http',
      agent,
      username: undefined,
      ca: undefined,
      cert: undefined,
      key: undefined,
      sshOptions: undefined,
      // No API version in paths: every daemon answers in its own (Engine 29 refuses clients pinned below 1.44).
      version: undefined,
      timeout: undefined,
      connectionTimeout: undefined,
      checkServerIdentity: undefined,
      headers: { Accept: 'application/json, application/x-tar' },
    });
  } finally {
    for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
  }
}

const isHttpError = (err: unknown): err is HttpError => typeof (err as { statusCode?: unknown })?.statusCode === 'number';

const cancelled = (): LayerscopeError => new LayerscopeError('source', 'cancelled', undefined);

type Call<T> = (docker: Dockerode, signal: AbortSignal, agent: EngineAgent) => Promise<T>;

/**
 * Runs one call. `answerMs` bounds the time until the call resolves (headers for a stream, the whole body
 * otherwise); null leaves it unbounded (exports, whose headers may come after seconds). HTTP errors of
 * the daemon are handed to `onHttpError`; everything else becomes a one-line transport error.
 */
async function call<T>(
  target: EngineTarget,
  answerMs: number | null,
  userSignal: AbortSignal | undefined,
  run: Call<T>,
  onHttpError: (err: HttpError) => T | LayerscopeError,
): Promise<T> {
  if (userSignal?.aborted) throw cancelled();
  const agent = target.agent ?? new EngineAgent(target.endpoint, target.engine, target.connectTimeoutMs);
  const controller = new AbortController();
  const onUserAbort = (): void => controller.abort(userSignal?.reason);
  userSignal?.addEventListener('abort', onUserAbort, { once: true });
  const timer = answerMs === null ? undefined : setTimeout(() => controller.abort(new ConnectTimeoutError(answerMs / 1000)), answerMs);
  const detach = (): void => userSignal?.removeEventListener('abort', onUserAbort);
  try {
    const result = await run(newClient(agent), controller.signal, agent);
    const foreign = agent.foreignServer('');
    if (foreign) throw foreign;
    // A stream (export, pull) is still being read: the user's signal must stop it until it closes.
    if (result instanceof Readable && !result.closed) result.once('close', detach);
    else detach();
    return result;
  } catch (err) {
    detach();
    if (err instanceof LayerscopeError) throw err;
    if (userSignal?.aborted) throw cancelled();
    const foreign = agent.foreignServer(String((err as Error)?.message ?? ''));
    if (foreign) throw foreign;
    if (isHttpError(err)) {
      const outcome = onHttpError(err);
      if (outcome instanceof LayerscopeError) throw outcome;
      return outcome;
    }
    // An abort by our own timer arrives as an AbortError whose cause is the ConnectTimeoutError.
    const cause = (err as { cause?: unknown })?.cause;
    throw await agent.describeFailure(cause instanceof ConnectTimeoutError ? cause : err);
  } finally {
    clearTimeout(timer);
  }
}

export async function ping(target: EngineTarget, signal?: AbortSignal): Promise<void> {
  await call(
    target,
    answerMs(target),
    signal,
    (docker, abortSignal) => docker.ping({ abortSignal }),
    (err) => refused(target, 'answer a ping', err),
  );
}

/** Inspect an image; undefined when the daemon does not have it (404). */
export async function inspectImage(target: EngineTarget, ref: string, signal?: AbortSignal): Promise<InspectAnswer | undefined> {
  // modem.dial, not getImage().inspect(): that one takes no abort signal.
  const answer = await call<InspectAnswer | undefined>(
    target,
    answerMs(target),
    signal,
    (docker, abortSignal, agent) =>
      new Promise((resolve, reject) => {
        docker.modem.dial(
          {
            path: inspectPath(ref),
            method: 'GET',
            abortSignal,
            statusCodes: { 200: true, 404: 'no such image', 500: 'server error' },
          },
          (err: unknown, data: unknown) =>
            err ? reject(err) : resolve({ image: data as ImageInspect, ...(agent.answeredBy ? { answeredBy: agent.answeredBy } : {}) }),
        );
      }),
    (err) =>
      err.statusCode === 404 ? undefined : err.statusCode === 400 ? badReference(target, ref, err) : refused(target, `inspect ${ref}`, err),
  );
  return answer && checkedInspect(target, ref, answer);
}

function splitName(name: string): { repository: string; tag: string } {
  const at = name.lastIndexOf(':');
  return at > name.lastIndexOf('/') ? { repository: name.slice(0, at), tag: name.slice(at + 1) } : { repository: name, tag: '<none>' };
}

/** `GET /images/json`: every image under each of its names, as `docker images` lists them. */
export async function listImages(target: EngineTarget, signal?: AbortSignal): Promise<ImageListing[]> {
  const images = await call(
    target,
    answerMs(target),
    signal,
    (docker, abortSignal) => docker.listImages({ abortSignal }),
    (err) => refused(target, 'list images', err),
  );
  return images.flatMap((image) => {
    const names = image.RepoTags?.length ? image.RepoTags : ['<none>:<none>'];
    return names.map((name) => ({
      id: image.Id,
      ...splitName(name),
      sizeBytes: image.Size,
      created: new Date(image.Created * 1000).toISOString(),
    }));
  });
}

/** Starts `GET /images/get?names=ID` and resolves with the streaming tar body (status already checked). */
export async function exportImage(target: EngineTarget, ref: string, signal?: AbortSignal): Promise<IncomingMessage> {
  return call(
    target,
    null,
    signal,
    (docker, abortSignal) => docker.getImages({ names: [ref], abortSignal }),
    (err) => refused(target, `export ${ref}`, err),
  );
}

const pullFailed = (target: EngineTarget, ref: string, reason: string): LayerscopeError =>
  new LayerscopeError('source', `pull of ${ref} failed: ${reason}`, `check the name, the registry and your login (${target.engine} login)`);

/** `POST /images/create`: pulls, reading the progress stream to the end; an `error` line fails. */
export async function pullImage(target: EngineTarget, ref: string, platform?: Platform, signal?: AbortSignal): Promise<void> {
  const query = platform ? { fromImage: ref, platform: formatPlatform(platform) } : { fromImage: ref };
  const progress = await call(
    target,
    answerMs(target),
    signal,
    (docker, abortSignal) => docker.createImage({ ...query, abortSignal }),
    (err) => pullFailed(target, ref, statusText(err)),
  );
  const text = await readText(progress, 64 * 1024 * 1024);
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
