// `GET /images/{name}/json` read off a plain socket (raw-request.ts), answered exactly as the dockerode
// client answers it (engine-api.ts inspectImage): 404 is "not there", 400 a bad reference, any other
// status the daemon's refusal, and an answer without an API version comes from some other server.
import { engineBuild, badReference, foreignAnswer, hasEngineVersion, refused, type HttpError } from './engine-errors.js';
import { checkedInspect, inspectPath, type EngineAddress, type ImageInspect, type InspectAnswer } from './engine-types.js';
import { rawGet } from './raw-request.js';
import type { Detached } from './connection.js';

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text; // as docker-modem hands over a body that is not JSON: checkedInspect then finds no id
  }
}

/** Inspect an image; undefined when the daemon does not have it (404). */
export async function inspectRaw(
  target: EngineAddress,
  ref: string,
  signal?: AbortSignal,
  detached?: Detached,
): Promise<InspectAnswer | undefined> {
  const { head, body } = await rawGet(target, inspectPath(ref), signal, detached);
  const text = body.toString('utf8');
  if (!hasEngineVersion(head.headers)) throw foreignAnswer(target.endpoint, target.engine, head.status, head.headers, text);
  if (head.status === 404) return undefined;
  if (head.status !== 200) {
    const err: HttpError = Object.assign(new Error(text), { statusCode: head.status, json: text });
    throw head.status === 400 ? badReference(target, ref, err) : refused(target, `inspect ${ref}`, err);
  }
  return checkedInspect(target, ref, { image: parsed(text) as ImageInspect, answeredBy: engineBuild(head.headers) });
}
