// Child process of archives.bench.mjs and cache.bench.mjs: read + analyse one image, report time and peak
// memory. A separate process per run so that peak RSS belongs to this archive alone, and the code is as
// cold as in a user's run. BENCH_LAYER_CACHE=DIR reads with the parsed-layer cache kept in DIR (as the CLI
// does, with XDG_CACHE_HOME): the time is then the read and analysis alone, without Node's start-up.
import { openFileSource } from '../dist/io/open-file-source.js';
import { analyzeImage } from '../dist/core/analyze.js';
import { LayerStore } from '../dist/io/store/layer-store.js';
import { ParsedLayerCache } from '../dist/io/store/parsed-cache.js';
import { withReadingGc } from '../dist/cli/reading-gc.js';

const [kind, file] = process.argv.slice(2);
const cacheDir = process.env.BENCH_LAYER_CACHE;
const layerCache = cacheDir ? new ParsedLayerCache(new LayerStore(cacheDir, 5 * 1024 ** 3)) : undefined;
const opts = { platform: { os: 'linux', architecture: 'amd64' }, ...(layerCache ? { layerCache } : {}) };
// KIND `registry`: FILE is a reference on a plain-HTTP registry (the module is loaded before the clock starts).
const registry = kind === 'registry' ? await import('../dist/io/registry/index.js') : undefined;
const start = performance.now();
// As the CLI reads (src/cli/load-image.ts): incremental marking off for the read.
const image = await withReadingGc(() =>
  registry ? registry.readFromRegistry(file, { ...opts, credentials: async () => undefined }) : openFileSource(kind, file, opts),
);
const readMs = performance.now() - start;
const analysis = analyzeImage(image);
const totalMs = performance.now() - start;
const entries = image.layers.reduce((n, l) => n + l.entries.length, 0);
console.log(
  JSON.stringify({
    readMs,
    analyseMs: totalMs - readMs,
    totalMs,
    entries,
    layers: image.layers.length,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    efficiency: analysis.dive.efficiency,
  }),
);
