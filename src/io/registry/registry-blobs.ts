// Manifests and blobs of one repository, every byte checked against the digest that named it. A blob
// streams: its SHA-256 is computed as the bytes pass and compared at the end (the reader fails then,
// before any result exists). A connection that drops mid-blob is resumed with a Range request.
import { createHash } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { LayerscopeError } from '../../core/errors.js';
import { BodyTooLarge, discard, readBody, type HttpResponse } from './http-request.js';
import { digestMismatch, isTransient, networkFailure, notFound, unexpected } from './registry-errors.js';
import type { RegistrySession } from './registry-session.js';

export const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
];
/** distribution refuses manifests over 4 MiB; anything larger is not one. */
const MANIFEST_CAP = 4 << 20;
const RESUMES = 4;
/** Tags are shown in a hint: only well-formed ones (a registry's answer is untrusted text). */
const TAG = /^\w[\w.-]{0,127}$/;

export interface FetchedManifest {
  readonly bytes: Buffer;
  readonly mediaType?: string;
  readonly digest: string;
}

const sha256 = (bytes: Buffer): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

async function errorCode(res: HttpResponse): Promise<string | undefined> {
  try {
    const body = JSON.parse((await readBody(res, 1 << 16)).toString('utf8')) as { errors?: { code?: string }[] };
    return body.errors?.[0]?.code;
  } catch {
    return undefined;
  }
}

/** A missing manifest: is the repository there at all (its tag list), and which tags does it have? */
async function explainNotFound(session: RegistrySession, display: string, reference: string): Promise<LayerscopeError> {
  const res = await session.get('tags/list?n=100').catch(() => undefined);
  if (!res || res.status !== 200) {
    const code = res ? await errorCode(res) : undefined;
    return notFound(session.registry, display, code === 'NAME_UNKNOWN' || res?.status === 404 ? 'repository' : 'unknown', []);
  }
  const body = await readBody(res, 1 << 20)
    .then((b) => JSON.parse(b.toString('utf8')) as { tags?: unknown })
    .catch(() => ({ tags: [] }));
  const tags = Array.isArray(body.tags) ? body.tags.filter((t): t is string => typeof t === 'string' && TAG.test(t)) : [];
  return notFound(session.registry, display, reference.startsWith('sha256:') ? 'digest' : 'tag', tags);
}

/** `reference` is a tag or a digest; `display` is how messages name it. */
export async function fetchManifest(session: RegistrySession, reference: string, display: string): Promise<FetchedManifest> {
  const res = await session.get(`manifests/${reference}`, { accept: MANIFEST_TYPES.join(', ') });
  if (res.status === 404) {
    discard(res);
    throw await explainNotFound(session, display, reference);
  }
  if (res.status !== 200) {
    discard(res);
    throw unexpected(session.registry, `manifest ${display}`, res.status);
  }
  const bytes = await readBody(res, MANIFEST_CAP).catch((e: unknown) => {
    // The registry answered: an oversized answer is not a network failure.
    if (e instanceof BodyTooLarge) {
      throw new LayerscopeError(
        'source',
        `manifest ${display} on registry ${session.registry} is larger than ${MANIFEST_CAP >> 20} MiB`,
        'registries and container engines refuse manifests over 4 MiB: this is not an image manifest',
      );
    }
    throw networkFailure(session.registry, e);
  });
  const digest = sha256(bytes);
  // By digest the bytes must hash to it; by tag the registry's Docker-Content-Digest, when sent, must match.
  const want = reference.startsWith('sha256:') ? reference : (res.headers['docker-content-digest'] as string | undefined);
  if (want && want.startsWith('sha256:') && want !== digest) throw digestMismatch(session.registry, `manifest ${display}`, want, digest);
  const type = (res.headers['content-type'] ?? '').split(';')[0]!.trim();
  return { bytes, mediaType: type || undefined, digest };
}

/** A small blob (a config) whole, digest checked. */
export async function fetchSmallBlob(session: RegistrySession, digest: string, cap: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of streamBlob(session, digest, undefined, undefined)) {
    length += chunk.length;
    if (length > cap)
      throw new LayerscopeError(
        'source',
        `blob ${digest} on registry ${session.registry} is larger than ${cap} bytes`,
        'this is not image metadata',
      );
    chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
  }
  return Buffer.concat(chunks);
}

async function openBlob(session: RegistrySession, digest: string, from: number): Promise<HttpResponse> {
  const res = await session.get(`blobs/${digest}`, from > 0 ? { range: `bytes=${from}-` } : {});
  if (res.status === 404) {
    discard(res);
    throw new LayerscopeError(
      'source',
      `blob ${digest} is missing from registry ${session.registry}`,
      'the image in the registry is incomplete; push it again',
    );
  }
  if (res.status !== (from > 0 ? 206 : 200)) {
    discard(res);
    throw unexpected(session.registry, `blob ${digest}${from > 0 ? ' (resuming)' : ''}`, res.status);
  }
  return res;
}

/**
 * The blob's bytes, front to back. Ends only once every byte is there and hashes to `digest` (and is
 * `size` long, when given); otherwise throws naming the blob as `what`.
 */
export async function* streamBlob(
  session: RegistrySession,
  digest: string,
  size: number | undefined,
  signal: AbortSignal | undefined,
  what = `blob ${digest}`,
): AsyncGenerator<Uint8Array> {
  const hash = createHash('sha256');
  let received = 0;
  for (let resumes = 0; ; resumes++) {
    const res = await openBlob(session, digest, received);
    const onAbort = (): void => {
      res.body.destroy();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        hash.update(chunk);
        received += chunk.length;
        if (size !== undefined && received > size) throw digestMismatch(session.registry, what, digest, `more than ${size} bytes`);
        yield chunk;
      }
      break;
    } catch (error) {
      if (error instanceof LayerscopeError || signal?.aborted || !isTransient(error) || resumes >= RESUMES) {
        throw networkFailure(session.registry, error);
      }
      await delay(250 * 2 ** resumes, undefined, { signal });
    } finally {
      signal?.removeEventListener('abort', onAbort);
      res.body.destroy();
    }
  }
  const got = `sha256:${hash.digest('hex')}`;
  if (got !== digest) throw digestMismatch(session.registry, what, digest, got);
  if (size !== undefined && received !== size) throw digestMismatch(session.registry, what, digest, `${received} of ${size} bytes`);
}
