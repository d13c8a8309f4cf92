// Local image names for completion: one Engine call, kept for a few seconds in the cache directory so
// that pressing Tab repeatedly does not ask the daemon every time. Any failure means "no names".
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

const FRESH_MS = 5_000;

export function cacheDir(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'layerscope');
}

export async function cachedImageNames(
  env: NodeJS.ProcessEnv,
  list: () => Promise<readonly string[]>,
  now: () => number = Date.now,
): Promise<readonly string[]> {
  const file = join(cacheDir(env), 'completion-images.json');
  try {
    const cached = JSON.parse(await readFile(file, 'utf8')) as { at: number; names: string[] };
    if (now() - cached.at < FRESH_MS && Array.isArray(cached.names)) return cached.names;
  } catch {
    /* no cache yet, or unreadable: ask the daemon */
  }
  const names = await list();
  try {
    await mkdir(cacheDir(env), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify({ at: now(), names }));
    await rename(tmp, file);
  } catch {
    /* a read-only cache only costs speed */
  }
  return names;
}
