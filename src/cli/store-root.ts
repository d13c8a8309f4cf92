// Where the layer store lives, apart from its setup so that the entry can look in it before the command
// line has loaded (early-daemon-read.ts).
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The store root: $XDG_CACHE_HOME/layerscope, default ~/.cache/layerscope. */
export function storeRoot(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.startsWith('/') ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'layerscope');
}
