// How every small file of the store is written: to a temporary name, then renamed over the real one, so
// a reader (another layerscope process included) sees the old file or the new one, never half of one.
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeDirs } from '../file/make-dirs.js';

/**
 * Writes `data` as `dir/name` through a temporary file in `tmpDir` (both made when missing). A failed
 * rename removes the temporary file and rejects; what to do about it is the caller's to say.
 */
export async function replaceFile(dir: string, name: string, tmpDir: string, data: Uint8Array | string): Promise<void> {
  await makeDirs(dir);
  await makeDirs(tmpDir);
  const tmp = join(tmpDir, `${process.pid}-${randomBytes(6).toString('hex')}.part`);
  await writeFile(tmp, data, { flag: 'wx' });
  await rename(tmp, join(dir, name)).catch(async (error: unknown) => {
    await rm(tmp, { force: true });
    throw error;
  });
}
