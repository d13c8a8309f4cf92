// `npm run bench`: every benchmark, one after another. Performance targets live here, never in tests.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const here = new URL('.', import.meta.url).pathname;
const hasDocker = spawnSync('docker', ['info'], { stdio: 'ignore' }).status === 0;
if (hasDocker && process.env.BENCH_SKIP_FIXTURES !== '1') {
  console.log('== building fixture archives (scripts/fixture-archives.sh; cached in .bench-cache/)');
  execFileSync('bash', [new URL('../scripts/fixture-archives.sh', import.meta.url).pathname], { stdio: 'inherit' });
} else if (!hasDocker) {
  console.log('== no Docker daemon: archive and daemon benchmarks use whatever is in .bench-cache/');
}
for (const name of [
  'core.bench.mjs',
  'layer-tar.bench.mjs',
  'archives.bench.mjs',
  'daemon.bench.mjs',
  'registry.bench.mjs',
  'ui.bench.mjs',
  'diff-explorer.bench.mjs',
  'content.bench.mjs',
  'secrets.bench.mjs',
  'cache.bench.mjs',
  'whole-process.bench.mjs',
]) {
  if (!existsSync(here + name)) continue;
  console.log(`\n== ${name}`);
  const r = spawnSync(process.execPath, ['--expose-gc', here + name], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = 1;
}
