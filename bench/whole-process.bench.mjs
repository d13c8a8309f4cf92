// Issue 14: the whole command as a user times it (start-up included), beside the tool they know. Public
// tools only: GNU time for CPU and peak RSS, this process's clock for wall time, tmux for the first frame.
// Each comparison alternates A and B and reports the median of the pair-by-pair ratios.
// Every layerscope run is a first run: the default flags with a fresh, empty XDG_CACHE_HOME, so the parsed-
// layer cache is neither read (a warm cache skips the parse: big.docker.tar in 0.19 s) nor left for the next
// run, and filling it (hashing every layer's tar) is paid as a user pays it. `--no-cache` and warm figures
// are printed as `info` lines, not targets.
//   BENCH_PAIRS=3              pairs per comparison
//   BENCH_RT=1                 run every measured command under SCHED_FIFO (chrt, root): idle-machine times on a busy one
//                              (not the daemon comparisons: see there)
//   BENCH_DIVE_MANYFILES=1     also run dive on the 50k-file archives (about 400 s each on 2 cores)
//   BENCH_CACHE=DIR            fixture archives (default .bench-cache/, scripts/fixture-archives.sh)
//   DIVE=PATH                  dive 0.13.1 (default ../shared/tools/dive)
//   BENCH_BIN=PATH             the layerscope to measure (default bin/layerscope.js of this checkout)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { firstFrameMs } from './first-frame.mjs';
import { abPairs, median, RT, scratchDir, scratchFile, summary, target, timed } from './process-timing.mjs';

const root = new URL('..', import.meta.url).pathname;
const BIN = process.env.BENCH_BIN ?? join(root, 'bin/layerscope.js');
const CACHE = process.env.BENCH_CACHE ?? join(root, '.bench-cache');
const DIVE = process.env.DIVE ?? join(root, '../shared/tools/dive');
const PAIRS = Number(process.env.BENCH_PAIRS ?? 3);
const MB = 1024 * 1024;
const env = { ...process.env };
delete env.CI; // both tools would switch to CI mode
const node = process.execPath;
/** Runs `fn(env)` with XDG_CACHE_HOME a new empty directory, removed afterwards. */
function withEmptyCache(fn) {
  const cache = mkdtempSync(join(scratchDir, 'cache-'));
  try {
    return fn({ ...env, XDG_CACHE_HOME: cache });
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}
const layerscope =
  (...args) =>
  () =>
    withEmptyCache((cold) => timed(node, [BIN, ...args], cold));
/** The same at ordinary priority, whatever BENCH_RT says. */
const layerscopeNotRealtime =
  (...args) =>
  () =>
    withEmptyCache((cold) => timed(node, [BIN, ...args], cold, false));
/** One `--no-cache` run and (BENCH_WARM=1) one run with the cache the run before filled: for comparison only. */
function otherCacheStates(args) {
  const noCache = timed(node, [BIN, '--no-cache', ...args], env);
  const line = [`--no-cache ${s(noCache.wallS)} (CPU ${s(noCache.cpuS)}, peak RSS ${noCache.rssMB.toFixed(0)} MB)`];
  if (process.env.BENCH_WARM === '1')
    withEmptyCache((cache) => {
      timed(node, [BIN, ...args], cache);
      const warm = timed(node, [BIN, ...args], cache);
      line.push(`warm cache ${s(warm.wallS)} (CPU ${s(warm.cpuS)})`);
    });
  return line.join(', ');
}
// tmux's kill-server returns before the explorer has exited, and the explorer may still be filling its
// layer cache: rmSync then meets files made while it deletes (ENOTEMPTY), which it retries.
const removeAfterExplorer = (dir) => rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 50 });
const x = (r) => `${r.toFixed(2)}×`;
const s = (v) => `${v.toFixed(2)} s`;

// --- start-up
console.log(
  `whole process, ${PAIRS} alternating pairs each; wall = median, ratio = median of pair ratios${RT.length ? '; under SCHED_FIFO (BENCH_RT=1)' : ''}`,
);
const nodeE0 = () => timed(node, ['-e', '0'], env);
const version = abPairs(layerscope('--version'), nodeE0, PAIRS);
target(
  'layerscope --version ÷ node -e 0, wall',
  x(version.ratio),
  '≤ 1.2×',
  version.ratio <= 1.2,
  `(${s(version.a.wallS)} vs ${s(version.b.wallS)}; CPU ${x(version.cpuRatio)})`,
);

const archives = existsSync(CACHE)
  ? readdirSync(CACHE)
      .filter((f) => f.endsWith('.tar'))
      .sort()
  : [];
if (archives.length === 0) console.log(`no fixture archives in ${CACHE}: run scripts/fixture-archives.sh (needs a daemon)`);
const tiny = archives.includes('tiny.docker.tar') ? join(CACHE, 'tiny.docker.tar') : undefined;
const rssByArchive = new Map();
const keepRss = (name, ...runs) => rssByArchive.set(name, Math.max(rssByArchive.get(name) ?? 0, ...runs.map((r) => r.rssMB)));
if (tiny) {
  const json = abPairs(layerscope('--json', scratchFile('tiny.json'), tiny), nodeE0, PAIRS);
  keepRss('tiny.docker.tar', json.a);
  target(
    'layerscope --json on tiny (7 MB) ÷ node -e 0, wall',
    x(json.ratio),
    '≤ 1.5×',
    json.ratio <= 1.5,
    `(${s(json.a.wallS)} vs ${s(json.b.wallS)}; CPU ${x(json.cpuRatio)})`,
  );
  const frames = [];
  for (let i = 0; i < PAIRS; i++) {
    const cache = mkdtempSync(join(scratchDir, 'cache-'));
    frames.push(await firstFrameMs([...RT, node, BIN, tiny], (t) => /Layers 1\/\d+/.test(t), { XDG_CACHE_HOME: cache }));
    removeAfterExplorer(cache);
  }
  const frame = median(frames);
  target(
    "explorer first frame on tiny, from the command's start",
    `${frame.toFixed(0)} ms`,
    '≤ 300 ms',
    frame <= 300,
    `(runs: ${frames.map((f) => f.toFixed(0)).join(', ')} ms)`,
  );
}

// The explorer's first frame on the 713 MB archive, empty cache: the layer cache's hashes wait until it
// is drawn (src/io/archive/deferred-fill.ts), so it should come near the --no-cache one. Reported, not judged.
const bigArchive = archives.includes('big.docker.tar') ? join(CACHE, 'big.docker.tar') : undefined;
if (bigArchive) {
  const framesOf = async (flags) => {
    const runs = [];
    for (let i = 0; i < PAIRS; i++) {
      const cache = mkdtempSync(join(scratchDir, 'cache-'));
      runs.push(await firstFrameMs([...RT, node, BIN, ...flags, bigArchive], (t) => /Layers 1\/\d+/.test(t), { XDG_CACHE_HOME: cache }));
      removeAfterExplorer(cache);
    }
    return runs;
  };
  const cold = await framesOf([]);
  const noCache = await framesOf(['--no-cache']);
  const ms = (runs) => `${median(runs).toFixed(0)} ms (runs: ${runs.map((f) => f.toFixed(0)).join(', ')})`;
  console.log(`info  explorer first frame on big.docker.tar, empty cache: ${ms(cold)}; --no-cache: ${ms(noCache)}`);
}

// --- archives beside dive
const diveOk = existsSync(DIVE);
if (!diveOk) console.log(`dive not found at ${DIVE} (set DIVE=): archive comparisons skipped`);
for (const name of archives) {
  const file = join(CACHE, name);
  const sizeMB = statSync(file).size / MB;
  const ours = layerscope('--json', scratchFile('ours.json'), file);
  const slowDive = name.startsWith('manyfiles') && process.env.BENCH_DIVE_MANYFILES !== '1';
  if (sizeMB < 50 || !diveOk || slowDive) {
    const r = ours();
    keepRss(name, r);
    const why = sizeMB < 50 ? 'under 50 MB' : slowDive ? 'dive takes ~400 s here: BENCH_DIVE_MANYFILES=1' : 'no dive';
    console.log(
      `      ${name} (${sizeMB.toFixed(0)} MB): layerscope ${s(r.wallS)}, peak RSS ${r.rssMB.toFixed(0)} MB (no dive run: ${why})`,
    );
    continue;
  }
  const dive = () => timed(DIVE, ['--json', scratchFile('dive.json'), `docker-archive://${file}`], env);
  const r = abPairs(ours, dive, PAIRS);
  keepRss(name, r.a);
  target(
    `${name} (${sizeMB.toFixed(0)} MB) layerscope ÷ dive, wall`,
    x(r.ratio),
    '≤ 1.0×',
    r.ratio <= 1.0,
    `(${s(r.a.wallS)} vs ${s(r.b.wallS)}; CPU ${s(r.a.cpuS)} vs ${s(r.b.cpuS)}; peak RSS ${r.a.rssMB.toFixed(0)} vs ${r.b.rssMB.toFixed(0)} MB)`,
  );
  console.log(`info  ${name}, layerscope: ${otherCacheStates(['--json', scratchFile('ours.json'), file])}`);
  if (name === 'manyfiles.docker.tar') {
    target(
      'manyfiles peak RSS, layerscope ≤ dive',
      `${r.a.rssMB.toFixed(0)} MB vs ${r.b.rssMB.toFixed(0)} MB`,
      '≤ dive',
      r.a.rssMB <= r.b.rssMB,
    );
  }
}
for (const [name, rss] of rssByArchive) target(`peak RSS on ${name}`, `${rss.toFixed(0)} MB`, '≤ 100 MB', rss <= 100);

// --- from the daemon beside `docker save IMAGE > /dev/null`
// Never under SCHED_FIFO: the work is shared with dockerd, which runs at ordinary priority, and a client
// above it takes its cores. `docker save` suffered most (debian-apt 1.9 s -> 2.7-3.0 s under chrt, while
// layerscope's read went 3.1 -> 3.0 s): BENCH_RT made these ratios look 1.12x where they were 1.6x.
const hasDocker = spawnSync('docker', ['info'], { stdio: 'ignore' }).status === 0;
for (const image of ['lsfix:tiny', 'lsfix:debian-apt', 'lsfix:manyfiles', 'lsfix:big']) {
  if (!hasDocker || spawnSync('docker', ['image', 'inspect', image], { stdio: 'ignore' }).status !== 0) {
    console.log(`      ${image}: not in the daemon (scripts/fixture-archives.sh builds it)`);
    continue;
  }
  const r = abPairs(
    layerscopeNotRealtime('--json', scratchFile('daemon.json'), `docker:${image}`),
    () => timed('docker', ['save', image], env, false),
    PAIRS,
  );
  target(
    `${image} from the daemon ÷ docker save > /dev/null, wall`,
    x(r.ratio),
    '≤ 1.10×',
    r.ratio <= 1.1,
    `(${s(r.a.wallS)} vs ${s(r.b.wallS)}; peak RSS ${r.a.rssMB.toFixed(0)} MB)`,
  );
  // Not a target: the same image read again, unchanged, is not exported (README "Layer cache").
  const again = withEmptyCache((cache) => {
    timed(node, [BIN, '--json', scratchFile('daemon.json'), `docker:${image}`], cache, false);
    return timed(node, [BIN, '--json', scratchFile('daemon.json'), `docker:${image}`], cache, false);
  });
  console.log(`info  ${image} from the daemon, read again unchanged: ${s(again.wallS)} (peak RSS ${again.rssMB.toFixed(0)} MB)`);
}

console.log('(archive reading beside the same work in C tools: archives.bench.mjs, column ×C tools, target ≤ 1.2×)');
const missed = summary().filter((t) => !t.pass).length;
console.log(`${summary().length - missed} of ${summary().length} targets met`);
