// A Node built-in that a command may never need, loaded when first used. An ES `import` of it is loaded
// with the module that names it, and the bundle's main chunk names them all: a `--json` read of a plain
// tar loaded zlib and tty for nothing (tiny `--json` 0.982x whole process without them, 40 alternating
// pairs). Required the way entry.ts requires node:fs. Not child_process: commander requires it as it loads.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A getter for the built-in `id`, which loads it on its first call. */
export function builtinOnUse<M>(id: `node:${string}`): () => M {
  let loaded: M | undefined;
  return () => (loaded ??= require(id) as M);
}
