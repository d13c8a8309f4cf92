// Core analysis cost on synthetic images built in memory (run `npm run build` first; node --expose-gc
// gives cleaner heap numbers). Targets: analyzeImage well under a second on 60k entries with 9.5k
// deletions and on 120 layers; a compared tree costs about the size of that tree.
import { PathTable, ImageTrees, analyzeImage } from '../dist/core/index.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
// Typed arrays live outside the JS heap: count their buffers too.
const heap = () => {
  globalThis.gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

function makeImage(name, layerSpecs) {
  const paths = new PathTable();
  const layers = layerSpecs.map((entries, index) => {
    const built = entries.map(([path, kind, size, hash]) => ({
      path: paths.intern(path),
      kind,
      size,
      mode: kind === 'dir' ? 0o755 : 0o644,
      uid: 0,
      gid: 0,
      ...(kind === 'file' ? { hash: hash ?? `${path}:${size}` } : {}),
    }));
    const sizeBytes = built.reduce((s, e) => s + e.size, 0);
    return { index, diffId: `sha256:${index}`, sizeBytes, command: `layer ${index}`, entries: built };
  });
  return { name, tags: [name], layers, history: [], paths, warnings: [] };
}

/** Base of 10k files; 50k files in 500 dirs; a layer deleting 9.5k of them and modifying 900. */
function deletionsImage() {
  const base = [['base', 'dir', 0]];
  for (let d = 0; d < 100; d++) base.push([`base/d${d}`, 'dir', 0]);
  for (let i = 0; i < 10_000; i++) base.push([`base/d${i % 100}/f${i}`, 'file', 1000 + (i % 7)]);
  const app = [['app', 'dir', 0]];
  for (let d = 0; d < 500; d++) {
    app.push([`app/d${d}`, 'dir', 0]);
    for (let f = 0; f < 100; f++) app.push([`app/d${d}/f${f}`, 'file', 2000 + f]);
  }
  const change = [['app', 'dir', 0]];
  for (let d = 0; d < 500; d++) {
    if (d < 50) {
      change.push([`app/d${d}`, 'whiteout', 0]);
      continue;
    }
    change.push([`app/d${d}`, 'dir', 0]);
    for (let f = 0; f < 100; f += 10) change.push([`app/d${d}/f${f}`, 'whiteout', 0]);
    change.push([`app/d${d}/f1`, 'file', 2001, 'new'], [`app/d${d}/f2`, 'file', 3000]);
  }
  return makeImage('deletions', [base, app, change]);
}

/** 120 layers: each adds 500 files in its own dir, rewrites 20 shared files, deletes an older dir now and then. */
function manyLayersImage() {
  const specs = [];
  for (let k = 0; k < 120; k++) {
    const layer = [
      ['shared', 'dir', 0],
      [`l${k}`, 'dir', 0],
    ];
    for (let f = 0; f < 500; f++) layer.push([`l${k}/f${f}`, 'file', 100 + f]);
    for (let s = 0; s < 20; s++) layer.push([`shared/s${s}`, 'file', 50 + k]);
    if (k >= 5 && k % 5 === 0) layer.push([`l${k - 5}`, 'whiteout', 0]);
    specs.push(layer);
  }
  return makeImage('many-layers', specs);
}

function bench(label, image) {
  const entries = image.layers.reduce((n, l) => n + l.entries.length, 0);
  console.log(`\n${label}: ${image.layers.length} layers, ${entries} entries, ${image.paths.size} paths`);
  const before = heap();
  // analyzeImage caches per ImageModel object: a shallow copy is a fresh image over the same data.
  const times = [];
  let analysis;
  for (let r = 0; r < RUNS; r++) {
    const copy = { ...image };
    const start = performance.now();
    analysis = analyzeImage(copy);
    times.push(performance.now() - start);
  }
  console.log(`  analyzeImage: median ${median(times).toFixed(1)} ms (runs: ${times.map((t) => t.toFixed(0)).join(', ')})`);
  console.log(
    `  efficiency ${analysis.dive.efficiency.toFixed(4)}, wasted ${analysis.dive.wastedBytes}, honest waste ${analysis.waste.totalBytes}`,
  );
  const trees = new ImageTrees({ ...image });
  let start = performance.now();
  trees.stackedTree(0);
  console.log(`  first tree (one-pass history + union order + stackedTree(0)): ${(performance.now() - start).toFixed(1)} ms`);
  const perLayer = [];
  for (let k = 0; k < image.layers.length; k++) {
    start = performance.now();
    const tree = trees.comparedTree(k, 'layer');
    perLayer.push({ k, ms: performance.now() - start, nodes: tree.count });
  }
  const show = perLayer.length <= 10 ? perLayer : [...perLayer.slice(0, 3), ...perLayer.slice(-3)];
  for (const { k, ms, nodes } of show) console.log(`  comparedTree(${k}, 'layer'): ${ms.toFixed(1)} ms, ${nodes} nodes`);
  if (perLayer.length > 10) {
    const ms = perLayer.map((p) => p.ms);
    console.log(
      `  comparedTree over all ${ms.length} layers: median ${median(ms).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms, total ${ms.reduce((a, b) => a + b, 0).toFixed(0)} ms`,
    );
  }
  const biggest = image.layers.reduce((best, l) => (l.entries.length > best.entries.length ? l : best));
  start = performance.now();
  const own = trees.layerTree(biggest.index);
  console.log(`  layerTree(${biggest.index}) (largest layer): ${(performance.now() - start).toFixed(1)} ms, ${own.count} nodes`);
  start = performance.now();
  trees.comparedTree(image.layers.length - 1, 'aggregated', 'size');
  console.log(`  comparedTree(last, 'aggregated', 'size'): ${(performance.now() - start).toFixed(1)} ms`);
  console.log(
    `  heap + array buffers: ${mib(heap())} (${mib(heap() - before)} more than before analysis and trees, up to 24 trees cached)`,
  );
}

bench('50k files, 9.5k deletions', deletionsImage());
bench('120 layers', manyLayersImage());
