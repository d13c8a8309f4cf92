// `mkdir -p` that ends, and says why it failed. Node's recursive mkdir reports ENOENT for a directory it
// could not make for another reason (EROFS on a read-only file system, ENOSPC, EACCES: nodejs/node#47098,
// still open; seen on Node 20.20), and never returns at all under /proc (`XDG_CACHE_HOME=/proc/nope`
// spun a core forever: mkdir /proc/nope ENOENT, mkdir /proc EEXIST, again). So the missing directories
// are made one at a time from the top, each with a plain mkdir, which gives the real errno.
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

export async function makeDirs(path: string): Promise<void> {
  const missing: string[] = [];
  for (let at = resolve(path); ; at = dirname(at)) {
    const there = await stat(at).then(
      () => true,
      () => false,
    );
    if (there) break;
    missing.push(at);
    if (dirname(at) === at) break;
  }
  for (const dir of missing.reverse()) {
    await mkdir(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
}
