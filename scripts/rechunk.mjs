// `npm run build`, third step (called by scripts/bundle.mjs): rollup groups esbuild's chunks again, in
// the same directory. Why: esbuild gives a module a chunk of its own for each set of lazy entries that
// reach it, without knowing that a lazy entry loaded only by main (the explorer's UI, the daemon and
// registry clients) finds main's modules already loaded. So what main shares with them was split into
// chunks of their own: `--json` loaded 20 files, and Node 20 takes ~0.8 ms for each (in-process, main's
// whole path imported in 27 ms as 20 files, 19.5 ms as one). Rollup's chunking leaves a module with a
// dynamic import's importer when the importer is sure to have loaded it: `--json` loads 7 files.
// Whole process, against esbuild's chunks alone: tiny `--json` 0.965-0.977x (40 and 30 pairs), the
// explorer's first frame 0.973x (20 pairs). Rollup reads esbuild's output, which is ES modules whose
// imports are relative files and Node built-ins only, so it needs no plugin; it does not shake the tree
// again (esbuild did: 2.09 -> 2.07 MB, for twice the build time).
import { rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { rollup } from 'rollup';

const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

/**
 * Bare imports esbuild left as they were: Node built-ins, and what its `external` list names (never
 * installed, each imported in a try by the library that wants it): all stay imports.
 */
const stays = (id) => builtins.has(id) || id.startsWith('node:') || !/^[./]/.test(id);

/** Regroups the chunks in `dir`, whose entry is `entry.js` (what bin/layerscope.js imports), in place. */
export async function rechunk(dir) {
  const bundle = await rollup({
    input: { entry: `${dir}/entry.js` },
    external: stays,
    treeshake: false,
    onwarn(warning) {
      throw new Error(`rollup, regrouping the bundle: ${warning.code}: ${warning.message}`);
    },
  });
  // Every file is read by now: the directory is emptied so that no chunk of esbuild's is left beside them.
  rmSync(dir, { recursive: true, force: true });
  await bundle.write({
    dir,
    format: 'es',
    entryFileNames: '[name].js',
    // esbuild's names carry its own hash: one hash is enough.
    chunkFileNames: (chunk) => `${chunk.name.replace(/-[A-Z0-9]{8}$/, '')}-[hash].js`,
  });
  await bundle.close();
}
