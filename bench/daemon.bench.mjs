// Reading an image straight from the daemon beside `docker save IMAGE > /dev/null` of the same image
// (issue 3's target: at most 1.15× the export's own time). Also the bare export through our own client
// (no parsing), to tell transport cost from parsing cost. RUNS runs each, alternating; the ratio is
// given on medians and on minimums (the best run is what the machine can do; medians carry the noise
// of a shared machine — Docker <= 24 spends most of an export writing a temp dir before sending).
import { execFileSync, spawnSync } from 'node:child_process';
import { homedir } from 'node:os';
import { findDaemonImage, openDaemonExport, readFromDaemon, resolveDockerEndpoint } from '../dist/io/daemon/index.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TARGET = 1.15;
const IMAGES = (process.env.BENCH_DAEMON_IMAGES ?? 'lsfix:tiny,lsfix:debian-apt,lsfix:manyfiles,lsfix:big,localdebian:bookworm').split(',');
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (spawnSync('docker', ['info'], { stdio: 'ignore' }).status !== 0) {
  console.log('daemon: no Docker daemon reachable; skipped');
  process.exit(0);
}
const present = IMAGES.filter((ref) => spawnSync('docker', ['image', 'inspect', ref], { stdio: 'ignore' }).status === 0);
if (present.length === 0) {
  console.log(`daemon: none of ${IMAGES.join(', ')} is in the daemon (build the fixtures first); skipped`);
  process.exit(0);
}
const endpoint = await resolveDockerEndpoint({ env: process.env, home: homedir() });

function timeSave(ref) {
  const start = performance.now();
  execFileSync('sh', ['-c', 'docker save "$1" > /dev/null', 'save', ref]);
  return performance.now() - start;
}

async function timeRead(ref) {
  const start = performance.now();
  const model = await readFromDaemon(ref, endpoint, { engine: 'docker' });
  const ms = performance.now() - start;
  return { ms, entries: model.layers.reduce((n, l) => n + l.entries.length, 0) };
}

async function timeRawExport(ref) {
  const start = performance.now();
  const found = await findDaemonImage(ref, endpoint, { engine: 'docker' });
  const exported = await openDaemonExport(found, ref, endpoint, { engine: 'docker' });
  let bytes = 0;
  for await (const chunk of exported.stream) bytes += chunk.length;
  await exported.complete;
  return { ms: performance.now() - start, bytes };
}

console.log(`daemon at ${endpoint.url}; ${RUNS} runs each, median; target read/save ≤ ${TARGET}`);
console.log('image                      export MB  save ms  raw ms  read ms  entries  read/save  best read/best save');
let worst = 0;
for (const ref of present) {
  await timeRead(ref); // warm the daemon's and the OS's caches once, for both sides alike
  const saves = [];
  const reads = [];
  const raws = [];
  let entries = 0;
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    saves.push(timeSave(ref));
    const raw = await timeRawExport(ref);
    raws.push(raw.ms);
    bytes = raw.bytes;
    const read = await timeRead(ref);
    reads.push(read.ms);
    entries = read.entries;
  }
  const ratio = median(reads) / median(saves);
  const bestRatio = Math.min(...reads) / Math.min(...saves);
  worst = Math.max(worst, bestRatio);
  console.log(
    [
      ref.padEnd(26),
      (bytes / 1e6).toFixed(1).padStart(9),
      median(saves).toFixed(0).padStart(8),
      median(raws).toFixed(0).padStart(7),
      median(reads).toFixed(0).padStart(8),
      String(entries).padStart(8),
      `${ratio.toFixed(2)}×`.padStart(10),
      `${bestRatio.toFixed(2)}×`.padStart(20),
    ].join(' '),
  );
}
console.log(`worst best-run ratio ${worst.toFixed(2)}× (target ≤ ${TARGET}×): ${worst <= TARGET ? 'OK' : 'OVER TARGET'}`);
