// Issue 11: a cold read straight from a registry on loopback beside `skopeo copy docker://… oci:DIR` of the
// same image, both whole processes as a user times them (start-up included), alternating, the ratio taken
// pair by pair (median). Every layerscope run has a fresh, empty cache (XDG_CACHE_HOME): a first read.
// The target (≤ 1.1× skopeo) is the 713 MB fixture's (lsfix:big); the other images are shown for what they
// are: skopeo only downloads and checks digests, layerscope also decompresses, checks every diff_id, parses
// every header and hashes every file, and an image whose layers compress well (debian-apt) costs most of
// its time in zlib's inflate, which skopeo never does.
// The registry is Debian's docker-registry with its storage in .bench-cache/ (images pushed once, with skopeo).
//   BENCH_PAIRS=5   pairs per image      BENCH_REGISTRY_IMAGES=lsfix:big,...   BENCH_BIN=PATH (another build)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startRegistry } from './registry-server.mjs';
import { abPairs, scratchDir, target, timed } from './process-timing.mjs';

const PAIRS = Number(process.env.BENCH_PAIRS ?? 5);
const TARGET = 1.1;
const TARGET_IMAGE = 'lsfix:big';
const IMAGES = (process.env.BENCH_REGISTRY_IMAGES ?? 'lsfix:debian-apt,lsfix:big').split(',');
const root = new URL('..', import.meta.url).pathname;
const BIN = process.env.BENCH_BIN ?? join(root, 'bin/layerscope.js');
const storage = join(root, '.bench-cache/registry/');
const s = (v) => `${v.toFixed(2)} s`;

if (!existsSync('/usr/bin/docker-registry') || spawnSync('skopeo', ['--version'], { stdio: 'ignore' }).status !== 0) {
  console.log('registry: docker-registry or skopeo missing; skipped');
  process.exit(0);
}
/** A run in a directory of its own, removed after (skopeo's copy, layerscope's cache). */
function inFreshDir(fn) {
  const dir = mkdtempSync(join(scratchDir, 'run-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const { host, stop: stopRegistry } = await startRegistry(storage);
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
  if (present.length === 0) console.log(`registry: none of ${IMAGES.join(', ')} is available (build the fixtures first); skipped`);
  console.log(`registry at ${host}; whole process, ${PAIRS} alternating pairs each, fresh cache per layerscope run`);
  for (const ref of present) {
    const name = `${host}/${ref.replace(':', '/')}`;
    const read = () =>
      inFreshDir((cache) =>
        timed(process.execPath, [BIN, '--json', '/dev/null', `registry:${name}`], { ...process.env, XDG_CACHE_HOME: cache }),
      );
    const copy = () =>
      inFreshDir((dir) => timed('skopeo', ['copy', '-q', '--src-tls-verify=false', `docker://${name}`, `oci:${dir}/copy`]));
    const r = abPairs(read, copy, PAIRS);
    const detail = `(${s(r.a.wallS)} vs ${s(r.b.wallS)}; CPU ${s(r.a.cpuS)} vs ${s(r.b.cpuS)}; peak RSS ${r.a.rssMB.toFixed(0)} vs ${r.b.rssMB.toFixed(0)} MB)`;
    const ratio = `${r.ratio.toFixed(2)}×`;
    if (ref === TARGET_IMAGE)
      target(`${ref} cold read from the registry ÷ skopeo copy, wall`, ratio, `≤ ${TARGET}×`, r.ratio <= TARGET, detail);
    else console.log(`info  ${ref} cold read from the registry ÷ skopeo copy, wall: ${ratio}  ${detail}`);
  }
} finally {
  stopRegistry();
}
