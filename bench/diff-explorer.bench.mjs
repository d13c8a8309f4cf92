// The diff explorer on two big images (default: .bench-cache/big.docker.tar against a docker save of
// lsfix:big-rebuilt, BENCH_A / BENCH_B to pick others): what opening it costs beyond the comparison the
// text report already makes (the changed-path tree, in both orders), and the frame time of its keys
// (keypress → reducer → rows → one Ink frame, ink-testing-library, React's production build), p95.
// Runs against dist/ (npm run build first).
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
process.env.NODE_ENV ??= 'production';
const React = (await import('react')).default;
const { render } = await import('ink-testing-library');
import { openFileSource } from '../dist/io/open-file-source.js';
import { analyzeImage } from '../dist/core/analyze.js';
import { ImageTrees } from '../dist/core/image-trees.js';
import { buildChangeTree, diffImages } from '../dist/core/image-diff/index.js';
const { DiffExplorer } = await import('../dist/ui/diff/diff-explorer.js');
import { DEFAULT_KEYMAP } from '../dist/ui/keymap.js';

const here = new URL('..', import.meta.url).pathname;
const A = process.env.BENCH_A ?? `${here}.bench-cache/big.docker.tar`;
const B = process.env.BENCH_B ?? `${here}.bench-cache/big-rebuilt.docker.tar`;
if (!existsSync(A) || !existsSync(B)) {
  console.log(`skipped: needs ${A} and ${B} (docker save lsfix:big-rebuilt -o ${B})`);
  process.exit(0);
}
const platform = { os: 'linux', architecture: 'amd64' };
const side = async (file) => {
  const image = await openFileSource('path', file, { platform, platformIsHostDefault: true });
  return { image, analysis: analyzeImage(image), finalTree: new ImageTrees(image).stackedTree(image.layers.length - 1) };
};
let t = performance.now();
const [a, b] = await Promise.all([side(A), side(B)]);
console.log(`read both: ${(performance.now() - t).toFixed(0)} ms (${a.finalTree.count} + ${b.finalTree.count} final nodes)`);
t = performance.now();
const diff = diffImages(a, b);
console.log(`diffImages (what the text report costs too): ${(performance.now() - t).toFixed(0)} ms, ${diff.files.length} changed paths`);
const sides = [
  { image: a.image, tree: a.finalTree },
  { image: b.image, tree: b.finalTree },
];
for (const order of ['name', 'size']) {
  t = performance.now();
  const tree = buildChangeTree(diff.files, ...sides, order);
  console.log(`change tree by ${order}: ${(performance.now() - t).toFixed(1)} ms, ${tree.count} nodes`);
}

const [columns, rows] = (process.env.BENCH_SIZE ?? '120x40').split('x').map(Number);
t = performance.now();
const app = render(React.createElement(DiffExplorer, { diff, a, b, keymap: DEFAULT_KEYMAP, color: true, ascii: false, columns, rows }));
console.log(`first frame: ${(performance.now() - t).toFixed(0)} ms (terminal ${columns}x${rows})`);
const waitFrame = async (before) => {
  const start = performance.now();
  while (app.frames.length === before) {
    if (performance.now() - start > 2000) throw new Error('a key produced no frame');
    await new Promise((r) => setImmediate(r));
  }
};
async function press(key) {
  const before = app.frames.length;
  const start = performance.now();
  app.stdin.write(key);
  await waitFrame(before);
  return performance.now() - start;
}
const stats = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return `n=${s.length} p50 ${at(0.5).toFixed(2)} ms  p95 ${at(0.95).toFixed(2)} ms  max ${s[s.length - 1].toFixed(2)} ms`;
};
await press('\t'); // the tree
const results = {};
const run = async (name, keys) => {
  const times = [];
  for (const k of keys) times.push(await press(k));
  results[name] = times;
  console.log(`${name.padEnd(22)} ${stats(times)}`);
};
await run('down (j)', Array(150).fill('j'));
await run(
  'page down / up',
  Array.from({ length: 100 }, (_, i) => (i % 2 ? '\x1b[5~' : '\x1b[6~')),
);
await run('fold all / unfold all', Array(40).fill('\x00'));
await run('sort name / size', Array(40).fill('\x0f'));
await run('hide / show removed', Array(40).fill('\x12'));
await run('filter typing', ['/', ...'usr/lib/python'.split(''), '\x1b']);
const all = Object.values(results).flat();
console.log(`every key: ${stats(all)}`);
app.unmount();
process.exit(0);
