// The layer tar reader beside tar-stream on one synthetic 50k-entry layer in memory (1 MiB chunks), so
// the reason for reading layers with our own parser (src/io/archive/layer-tar.ts) stays measurable:
// tar-stream only drains entries here, ours also decodes names and hashes every file (parseLayer).
import tar from 'tar-stream';
import { LayerTarParser } from '../dist/io/archive/layer-tar.js';
import { parseLayer } from '../dist/io/archive/parse-layer.js';
import { writeTar } from '../dist/io/archive-writer/tar-writer.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const entries = [];
for (let d = 0; d < 500; d++) {
  entries.push({ name: `usr/share/pkg${d}`, type: 'dir' });
  for (let f = 0; f < 100; f++)
    entries.push({ name: `usr/share/pkg${d}/file-${f}.txt`, content: Buffer.alloc(200 + ((d * 100 + f) % 3000), f) });
}
const layer = writeTar(entries);
const chunks = [];
for (let at = 0; at < layer.length; at += 1 << 20) chunks.push(layer.subarray(at, at + (1 << 20)));
async function* source() {
  yield* chunks;
}

async function tarStreamDrain() {
  const extract = tar.extract();
  const done = new Promise((resolve, reject) => {
    extract.on('entry', (_header, stream, next) => {
      stream.on('end', next);
      stream.resume();
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
  });
  for (const chunk of chunks) if (!extract.write(chunk)) await new Promise((resolve) => extract.once('drain', resolve));
  extract.end();
  await done;
}

function layerTarDrain() {
  const parser = new LayerTarParser({ entry() {}, data() {}, end() {} });
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
}

const cases = [
  ['tar-stream, entries drained', tarStreamDrain],
  ['LayerTarParser, entries drained', layerTarDrain],
  ['parseLayer (names, whiteouts, hashes)', () => parseLayer(source(), 'tar', () => undefined)],
];
console.log(`layer: ${entries.length} entries, ${(layer.length / 1e6).toFixed(1)} MB; ${RUNS} runs, first run and median`);
for (const [name, run] of cases) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  console.log(`${name.padEnd(40)} first ${times[0].toFixed(0).padStart(5)} ms  median ${median(times).toFixed(0).padStart(5)} ms`);
}
