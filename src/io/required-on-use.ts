// A module that a command may never need, loaded when first used. An ES `import` is loaded with the
// module that names it, and the bundle's main chunk names them all: a `--json` read of a plain tar loaded
// zlib and tty for nothing (tiny `--json` 0.982x whole process without them, 40 alternating pairs), and
// yaml (a third of start-up, ~30 ms) is wanted only when a config file is read. Not child_process:
// commander requires it as it loads.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A getter for the module `id` (a built-in, or a package bundled out), which loads it on its first call. */
export function requiredOnUse<M>(id: string): () => M {
  let loaded: M | undefined;
  return () => (loaded ??= require(id) as M);
}
