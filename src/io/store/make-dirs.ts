// `mkdir -p` that says why it failed. Node's recursive mkdir reports ENOENT for a directory it could not
// make for another reason (EROFS on a read-only file system, ENOSPC, EACCES: nodejs/node#47098, still
// open; seen on Node 20.20), so a read-only cache was reported as a missing file. Only when that happens
// is the first missing directory, from the top, made on its own: plain mkdir gives the real errno.
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

export async function makeDirs(path: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw (await firstRefusal(path)) ?? error;
  }
}

/** The error of making the first missing directory of `path` on its own; undefined if it could be made. */
async function firstRefusal(path: string): Promise<unknown> {
  const parent = dirname(path);
  const parentThere = await stat(parent).then(
    () => true,
    () => false,
  );
  if (parent !== path && !parentThere) return firstRefusal(parent);
  return mkdir(path).then(
    () => undefined,
    (error: unknown) => error,
  );
}
