// Local image names for completion: one Engine call, kept for a few seconds in the cache directory so
// that pressing Tab repeatedly does not ask the daemon every time. Any failure means "no names", and is
// kept too (longer): with DOCKER_HOST naming a host that does not answer, every Tab used to wait out the
// whole listing timeout again. Kept per daemon the environment names, so changing DOCKER_HOST or
// DOCKER_CONTEXT asks the new one at once.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { makeDirs } from '../../io/file/make-dirs.js';

const FRESH_MS = 5_000;
/** A daemon that did not answer is not asked again for this long: a prompt must not hang Tab after Tab. */
const FAILED_MS = 30_000;

export function cacheDir(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'layerscope');
}

interface Kept {
  readonly at: number;
  readonly daemon: string;
  readonly names: readonly string[];
  readonly failed?: boolean;
}

const daemonOf = (env: NodeJS.ProcessEnv): string => `${env.DOCKER_HOST ?? ''}\u0000${env.DOCKER_CONTEXT ?? ''}`;

async function kept(file: string): Promise<Kept | undefined> {
  try {
    const k = JSON.parse(await readFile(file, 'utf8')) as Kept;
    return typeof k.at === 'number' && Array.isArray(k.names) ? k : undefined;
  } catch {
    return undefined; // no cache yet, or unreadable: ask the daemon
  }
}

export async function cachedImageNames(
  env: NodeJS.ProcessEnv,
  list: () => Promise<readonly string[]>,
  now: () => number = Date.now,
): Promise<readonly string[]> {
  const file = join(cacheDir(env), 'completion-images.json');
  const daemon = daemonOf(env);
  const last = await kept(file);
  if (last && last.daemon === daemon && now() - last.at < (last.failed ? FAILED_MS : FRESH_MS)) return last.names;
  let names: readonly string[] = [];
  let failed = false;
  try {
    names = await list();
  } catch {
    failed = true;
  }
  try {
    await makeDirs(cacheDir(env));
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify({ at: now(), daemon, names, ...(failed ? { failed } : {}) } satisfies Kept));
    await rename(tmp, file);
  } catch {
    /* a read-only cache only costs speed */
  }
  return names;
}
