// A registry image's layer blobs, fetched again after the read for the files the user opens (the
// explorer's viewer): a session of its own, opened on the first fetch and again after a failed one,
// so an explorer that never views a file never connects again.
import type { BlobSource } from '../read-options.js';
import { streamBlob } from './registry-blobs.js';
import { RegistrySession, type SessionOptions } from './registry-session.js';
import type { RegistryReference } from './reference.js';

export function registryBlobSource(ref: RegistryReference, digests: readonly string[], opts: Omit<SessionOptions, 'signal'>): BlobSource {
  const known = new Set(digests);
  let session: Promise<RegistrySession> | undefined;
  let closed = false;
  const open = (): Promise<RegistrySession> => {
    session ??= RegistrySession.open(ref.registry, ref.repository, opts).catch((error: unknown) => {
      session = undefined;
      throw error;
    });
    return session;
  };
  return {
    has: (digest) => known.has(digest),
    async *fetch(digest, signal) {
      if (closed) throw new Error('the blob source is closed');
      yield* streamBlob(await open(), digest, undefined, signal, `blob ${digest} (from registry ${ref.registry})`);
    },
    close() {
      closed = true;
      void session?.then(
        (s) => s.close(),
        () => undefined,
      );
    },
  };
}
