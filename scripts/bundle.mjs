// `npm run build`, second step: bundles the tsc output (dist/cli/entry.js and what it imports) into
// dist/bundle/, which bin/layerscope.js runs. Why: start-up was a quarter of a second of resolving and
// reading ~120 module files (node --cpu-prof: node:internal/modules was the largest self time); one
// file per path (entry, then a chunk for each lazily imported command) loads in a few reads.
// Code splitting keeps the lazy imports lazy: `--version` loads only the entry, `--json` never loads Ink.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const inkVersion = JSON.parse(readFileSync(`${root}node_modules/ink/package.json`, 'utf8')).version;

// Ink's reconciler reads its own package.json (only with DEV=true) relative to its file, which is gone
// once bundled: give it the version now.
const inkPackageJson = {
  name: 'ink-package-json',
  setup(b) {
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const patched = text.replace('await loadPackageJson()', JSON.stringify({ name: 'ink', version: inkVersion }));
      if (patched === text) throw new Error('ink reconciler changed: check the package.json patch in scripts/bundle.mjs');
      return { contents: patched, loader: 'js' };
    });
  },
};

await build({
  entryPoints: [`${root}dist/cli/entry.js`],
  outdir: `${root}dist/bundle`,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // dockerode (through ssh2) has optional native addons esbuild cannot bundle; it is loaded only when a
  // daemon is asked, from node_modules like any dependency. react-devtools-core: Ink's optional DEV tool.
  external: ['dockerode', 'react-devtools-core'],
  // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
  plugins: [inkPackageJson],
  logLevel: 'warning',
});
