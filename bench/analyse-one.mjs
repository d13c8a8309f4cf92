// Child process of archives.bench.mjs: read + analyse one archive, report time and peak memory.
// A separate process per run so that peak RSS belongs to this archive alone.
import { openFileSource } from '../dist/io/open-file-source.js';
import { analyzeImage } from '../dist/core/analyze.js';

const [kind, file] = process.argv.slice(2);
const start = performance.now();
const image = await openFileSource(kind, file, { platform: { os: 'linux', architecture: 'amd64' } });
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
