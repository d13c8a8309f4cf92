// A cold read straight from a registry on loopback beside `skopeo copy docker://… oci:DIR` of the same
// image (issue 11's target: at most 1.1× skopeo). skopeo only downloads and checks digests; layerscope
// also decompresses, checks every diff_id, parses every header and hashes every file. The registry is
// Debian's docker-registry with its storage in .bench-cache/ (images pushed once, with skopeo).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFromRegistry } from '../dist/io/registry/index.js';
import { startRegistry } from './registry-server.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TARGET = 1.1;
const IMAGES = (process.env.BENCH_REGISTRY_IMAGES ?? 'lsfix:debian-apt,lsfix:manyfiles,lsfix:big').split(',');
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cache = new URL('../.bench-cache/registry/', import.meta.url).pathname;

if (!existsSync('/usr/bin/docker-registry') || spawnSync('skopeo', ['--version'], { stdio: 'ignore' }).status !== 0) {
  console.log('registry: docker-registry or skopeo missing; skipped');
  process.exit(0);
}
const { host, stop: stopRegistry } = await startRegistry(cache);
try {
  const present = IMAGES.filter((ref) => {
    const name = ref.replace(':', '/');
    const pushed =
      spawnSync('skopeo', ['inspect', '--tls-verify=false', '--raw', `docker://${host}/${name}`], { stdio: 'ignore' }).status === 0;
    if (pushed) return true;
    if (spawnSync('docker', ['image', 'inspect', ref], { stdio: 'ignore' }).status !== 0) return false;
    console.log(`pushing ${ref} (once; kept in .bench-cache/registry)`);
    execFileSync('skopeo', ['copy', '-q', '--dest-tls-verify=false', `docker-daemon:${ref}`, `docker://${host}/${name}`]);
    return true;
  });
  if (present.length === 0) {
    console.log(`registry: none of ${IMAGES.join(', ')} is available (build the fixtures first); skipped`);
  } else {
    console.log(`registry at ${host}; ${RUNS} runs each, median; target read/skopeo ≤ ${TARGET}`);
    console.log('image                 skopeo ms  read ms  entries  read/skopeo  best/best');
    let worst = 0;
    for (const ref of present) {
      const name = `${host}/${ref.replace(':', '/')}`;
      const skopeo = [];
      const reads = [];
      let entries = 0;
      for (let i = 0; i < RUNS; i++) {
        const dir = mkdtempSync(join(tmpdir(), 'ls-bench-oci-'));
        let start = performance.now();
        execFileSync('skopeo', ['copy', '-q', '--src-tls-verify=false', `docker://${name}`, `oci:${dir}`]);
        skopeo.push(performance.now() - start);
        rmSync(dir, { recursive: true, force: true });
        start = performance.now();
        const model = await readFromRegistry(name, {
          platform: { os: 'linux', architecture: 'amd64' },
          credentials: async () => undefined,
        });
        reads.push(performance.now() - start);
        entries = model.layers.reduce((n, l) => n + l.entries.length, 0);
      }
      const best = Math.min(...reads) / Math.min(...skopeo);
      worst = Math.max(worst, best);
      console.log(
        [
          ref.padEnd(20),
          median(skopeo).toFixed(0).padStart(10),
          median(reads).toFixed(0).padStart(8),
          String(entries).padStart(8),
          `${(median(reads) / median(skopeo)).toFixed(2)}×`.padStart(12),
          `${best.toFixed(2)}×`.padStart(10),
        ].join(' '),
      );
    }
    console.log(`worst best-run ratio ${worst.toFixed(2)}× (target ≤ ${TARGET}×): ${worst <= TARGET ? 'OK' : 'OVER TARGET'}`);
  }
} finally {
  stopRegistry();
}
