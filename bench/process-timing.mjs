// Whole-process timing as a user sees it: wall time from this process (spawn to exit) and CPU time and
// peak RSS from GNU time (`/usr/bin/time`, the kernel's rusage of the child). Nothing is timed inside the
// measured program.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const scratchDir = mkdtempSync(join(tmpdir(), 'layerscope-bench-'));
process.on('exit', () => rmSync(scratchDir, { recursive: true, force: true }));
export const scratchFile = (name) => join(scratchDir, name);

export const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// BENCH_RT=1: every measured command runs under SCHED_FIFO (`chrt -f 10`, needs root), ahead of every
// ordinary process. On a machine that other jobs keep busy, that gives the times an idle machine would
// (big.docker.tar: 0.71-0.73 s in five runs under chrt at load 5, against 1.05-1.46 s without). Each run
// is a few seconds at most, so the other jobs only wait that long.
export const RT = process.env.BENCH_RT === '1' ? ['chrt', '-f', '10'] : [];

/**
 * One run of `cmd args` with stdout to /dev/null: { wallS, cpuS, rssMB }. Throws when it fails.
 * `realtime` false: at ordinary priority even under BENCH_RT (see the daemon comparisons).
 */
export function timed(cmd, args, env = process.env, realtime = true) {
  const out = scratchFile('time.txt');
  const start = process.hrtime.bigint();
  const [bin, ...rest] = [...(realtime ? RT : []), '/usr/bin/time', '-f', '%U %S %M', '-o', out, cmd, ...args];
  const r = spawnSync(bin, rest, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env,
    maxBuffer: 64 << 20,
  });
  const wallS = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.toString().trim().split('\n').slice(-3).join(' | ')}`);
  const [user, sys, maxKb] = readFileSync(out, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { wallS, cpuS: user + sys, rssMB: maxKb / 1024 };
}

/**
 * `pairs` runs of A and B, alternating which goes first so that a machine getting busier or quieter
 * weighs on both; the ratio is taken pair by pair (A ÷ B) and its median reported.
 */
export function abPairs(runA, runB, pairs) {
  const a = [];
  const b = [];
  for (let i = 0; i < pairs; i++) {
    if (i % 2 === 0) {
      a.push(runA());
      b.push(runB());
    } else {
      b.push(runB());
      a.push(runA());
    }
  }
  const ratio = median(a.map((x, i) => x.wallS / b[i].wallS));
  const cpuRatio = median(a.map((x, i) => x.cpuS / b[i].cpuS));
  const summary = (xs) => ({
    wallS: median(xs.map((x) => x.wallS)),
    cpuS: median(xs.map((x) => x.cpuS)),
    rssMB: Math.max(...xs.map((x) => x.rssMB)),
  });
  return { a: summary(a), b: summary(b), ratio, cpuRatio };
}

const results = [];
/** One target line: what, measured, limit, PASS/MISS; kept for the summary at the end. */
export function target(name, measured, limit, pass, detail = '') {
  results.push({ name, pass });
  console.log(`${pass ? 'PASS' : 'MISS'}  ${name}: ${measured} (target ${limit})${detail ? `  ${detail}` : ''}`);
}
export const summary = () => results;
