// What an Engine API call is made against and what an inspect answers, shared by the dockerode client
// (engine-api.ts) and the calls read off a plain socket (raw-inspect.ts, raw-export.ts), which must not
// load dockerode.
import { LayerscopeError } from '../../core/errors.js';
import type { DaemonEndpoint } from './endpoint.js';
import { engineLabel, type Engine } from './connection-errors.js';

/** Short answers (ping, inspect, list, pull's first line) must come quickly: a daemon that accepts but never answers is broken. */
export const ANSWER_TIMEOUT_MS = 30_000;

/** Which daemon a call goes to (engine-api.ts's EngineTarget adds the dockerode path's shared agent). */
export interface EngineAddress {
  readonly endpoint: DaemonEndpoint;
  readonly engine: Engine;
  /** Tests inject short ones; defaults: CONNECT_TIMEOUT_MS and ANSWER_TIMEOUT_MS. */
  readonly connectTimeoutMs?: number;
  readonly answerTimeoutMs?: number;
}

export const answerMs = (target: EngineAddress): number => target.answerTimeoutMs ?? ANSWER_TIMEOUT_MS;

/** The fields of `GET /images/{name}/json` we use. */
export interface ImageInspect {
  readonly Id: string;
  readonly RepoTags?: readonly string[] | null;
  readonly Size?: number;
  readonly Os?: string;
  readonly Architecture?: string;
  readonly RootFS?: { readonly Layers?: readonly string[] | null };
}

/** An inspect, and which engine build gave it (its Server and API-version headers: engineBuild). */
export interface InspectAnswer {
  readonly image: ImageInspect;
  readonly answeredBy?: string;
}

/** Path segments encoded one by one: `localhost:5000/app:v1` stays a path, `#` or `?` cannot break it. */
export const inspectPath = (ref: string): string => `/images/${ref.split('/').map(encodeURIComponent).join('/')}/json`;

/** The answer, once it is known to carry an image id (anything else is the daemon's fault, in one line). */
export function checkedInspect(target: EngineAddress, ref: string, answer: InspectAnswer): InspectAnswer {
  if (typeof (answer.image as ImageInspect | null)?.Id !== 'string') {
    throw new LayerscopeError(
      'source',
      `${engineLabel(target.engine)} at ${target.endpoint.url} answered the inspect of ${ref} without an image id`,
    );
  }
  return answer;
}
