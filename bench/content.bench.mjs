// The content path (issue 10): opening a 1 MB text file from a plain archive, from the layer store and
// from the end of a 100 MB gzip layer (targets: <= 100 ms, <= 100 ms, <= 1 s); peak RSS of
// `layerscope cat` of a 1 GB file (target: flat, i.e. nowhere near 1 GB), whole process via
// /usr/bin/time -v. Fixtures are written in code under .bench-cache/content (kept between runs).
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readArchiveFile } from '../dist/io/archive/read-archive-file.js';
import { readImageArchive } from '../dist/io/archive/read-image-archive.js';
import { streamOf, writeImageArchive } from '../dist/io/archive-writer/write-image-archive.js';
import { openContentReader } from '../dist/io/content/content-reader.js';
import { LayerStore } from '../dist/io/store/layer-store.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const root = new URL('../.bench-cache/content/', import.meta.url).pathname;
mkdirSync(root, { recursive: true });
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const MB = 1 << 20;

// 1 MB of text at the end of a layer whose other 130 files (1 MB each of base64 of random bytes: gzip
// really inflates them, to ~100 MB compressed) come first, so the reader decompresses them all first.
const text = Buffer.from(
  Array.from({ length: 1 << 14 }, (_, i) => `line ${String(i).padStart(6, '0')} of the text file, padded to 64.\n`)
    .join('')
    .slice(0, MB),
);
const spec = {
  layers: [
    {
      command: 'RUN fill',
      entries: [
        ...Array.from({ length: 130 }, (_, i) => ({
          path: `fill/${String(i).padStart(3, '0')}`,
          content: Buffer.from(randomBytes((MB * 3) / 4).toString('base64')),
        })),
        { path: 'etc/text.conf', content: text },
      ],
    },
  ],
};
const plainPath = join(root, 'plain.tar');
const gzipPath = join(root, 'oci-gzip.tar');
if (!existsSync(plainPath) || !existsSync(gzipPath)) {
  writeFileSync(plainPath, writeImageArchive(spec, 'docker-legacy'));
  writeFileSync(gzipPath, writeImageArchive(spec, 'oci-archive', { compression: 'gzip' }));
}

// A new reader per run: a reader keeps its decompression open between reads, so a second read of the
// same file from one reader would not decompress the layer again.
async function timeOpen(label, image, makeReader, target) {
  const path = image.paths.find('etc/text.conf');
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const reader = makeReader();
    const start = performance.now();
    const bytes = await reader.read(0, path, 0, MB);
    times.push(performance.now() - start);
    await reader.close();
    if (Buffer.compare(Buffer.from(bytes), text) !== 0) throw new Error(`${label}: wrong bytes`);
  }
  const ms = median(times);
  console.log(
    `${label.padEnd(40)} ${ms.toFixed(1).padStart(8)} ms  (first ${times[0].toFixed(1)} ms; target <= ${target} ms: ${ms <= target ? 'OK' : 'OVER'})`,
  );
}

const statSize = (p) => Number(execFileSync('stat', ['-c', '%s', p]).toString());
const plain = await readArchiveFile(plainPath, statSize(plainPath), {});
await timeOpen('1 MB text file, plain archive', plain, () => openContentReader(plain), 100);
const gzip = await readArchiveFile(gzipPath, statSize(gzipPath), {});
console.log(`(gzip layer blob: ${(gzip.layers[0].blob.bytes / 1e6).toFixed(0)} MB)`);
await timeOpen('1 MB text file, end of a gzip layer', gzip, () => openContentReader(gzip), 1000);
const storeDir = join(root, 'store');
rmSync(storeDir, { recursive: true, force: true });
const store = new LayerStore(storeDir, 1 << 30);
const streamed = await readImageArchive(streamOf(await import('node:fs').then((fs) => fs.readFileSync(plainPath))), {
  keepLayer: () => store.writer(),
});
await timeOpen('1 MB text file, layer store', streamed, () => openContentReader(streamed, { store }), 100);

// 1 GB file: GNU tar makes the layer from a sparse file; the archive is a docker save (<= 24) shape.
const giga = join(root, 'giga.tar');
if (!existsSync(giga)) {
  const work = join(root, 'giga-work');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, 'layer'), { recursive: true });
  execFileSync('truncate', ['-s', '1G', join(work, 'big.bin')]);
  execFileSync('tar', ['-C', work, '-cf', join(work, 'layer/layer.tar'), 'big.bin']);
  const diffId = `sha256:${
    execFileSync('sha256sum', [join(work, 'layer/layer.tar')])
      .toString()
      .split(' ')[0]
  }`;
  writeFileSync(
    join(work, 'config.json'),
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: [diffId] },
      history: [{ created_by: 'big' }],
    }),
  );
  writeFileSync(
    join(work, 'manifest.json'),
    JSON.stringify([{ Config: 'config.json', RepoTags: ['giga:1'], Layers: ['layer/layer.tar'] }]),
  );
  execFileSync('tar', ['-C', work, '-cf', giga, 'manifest.json', 'config.json', 'layer/layer.tar']);
  rmSync(work, { recursive: true, force: true });
}
const bin = new URL('../bin/layerscope.js', import.meta.url).pathname;
// Each `cat` runs with an empty layer cache (XDG_CACHE_HOME), so the image is read, not recalled.
const coldDirs = [];
process.on('exit', () => coldDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const coldEnv = () => ({ ...process.env, XDG_CACHE_HOME: coldDirs[coldDirs.push(mkdtempSync(join(tmpdir(), 'ls-bench-cat-'))) - 1] });
const timed = spawnSync('/usr/bin/time', ['-v', process.execPath, bin, 'cat', giga, '/big.bin'], {
  stdio: ['ignore', 'ignore', 'pipe'],
  encoding: 'utf8',
  env: coldEnv(),
});
const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(timed.stderr)?.[1] ?? NaN) / 1024;
const wall = /Elapsed \(wall clock\) time.*: (.*)/.exec(timed.stderr)?.[1];
console.log(
  `cat of a 1 GB file to /dev/null (whole process): ${wall} wall, peak RSS ${rss.toFixed(0)} MB (flat: ${rss < 200 ? 'OK' : 'OVER'})`,
);
for (const [label, file] of [
  ['plain', plainPath],
  ['gzip', gzipPath],
]) {
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, bin, 'cat', file, '/etc/text.conf'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    env: coldEnv(),
  });
  console.log(
    `layerscope cat of the 1 MB file, ${label} (whole process, read of the image included): ${/Elapsed \(wall clock\) time.*: (.*)/.exec(r.stderr)?.[1]} wall, peak RSS ${(Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1]) / 1024).toFixed(0)} MB`,
  );
}

// A 128 MB file in a gzip layer, `cat` whole, 1 MiB at a time: one decompression of the layer, front to
// back (each read had started the blob over: quadratic, 2 minutes for 500 MB). Beside the C tools doing
// that one pass (`tar -xOf ARCHIVE BLOB | gzip -dc`); target <= 2x theirs, start-up and image read included.
const bigGzip = join(root, 'oci-gzip-128m.tar');
const bigText = Buffer.from(randomBytes(96 * MB).toString('base64'));
if (!existsSync(bigGzip)) {
  const one = { layers: [{ command: 'RUN big', entries: [{ path: 'data/big.txt', content: bigText }] }] };
  writeFileSync(bigGzip, writeImageArchive(one, 'oci-archive', { compression: 'gzip' }));
}
{
  const image = await readArchiveFile(bigGzip, statSize(bigGzip), {});
  const blob = `blobs/sha256/${image.layers[0].digest.slice('sha256:'.length)}`;
  const wall = (cmd, args, env) => {
    const s = performance.now();
    const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (r.status !== 0) throw new Error(`${cmd} failed`);
    return performance.now() - s;
  };
  const ours = [];
  const tools = [];
  for (let i = 0; i < Math.min(RUNS, 3); i++) {
    ours.push(wall(process.execPath, [bin, 'cat', bigGzip, '/data/big.txt'], coldEnv()));
    tools.push(wall('sh', ['-c', 'tar -xOf "$1" "$2" | gzip -dc > /dev/null', 'c', bigGzip, blob]));
  }
  const ratio = median(ours) / median(tools);
  console.log(
    `cat of a ${(bigText.length / 1e6).toFixed(0)} MB file in a gzip layer (whole process, median of ${ours.length}): ${median(ours).toFixed(0)} ms; ` +
      `tar | gzip -dc ${median(tools).toFixed(0)} ms (${ratio.toFixed(2)}x; target <= 2: ${ratio <= 2 ? 'OK' : 'OVER'})`,
  );
}

// `extract /` of 5,000 small files (1-8 KB, in 50 directories) into a new directory, whole process, beside
// the C tools doing the same (`tar -xOf ARCHIVE LAYER | tar -x[z]`), plain and gzip. Each run writes to a
// directory never used before: right after an `rm -rf` of the last one, ext4 makes files several times
// slower. No target: layerscope also reads and analyses the image, which tar does not.
{
  const small = {
    layers: [
      {
        command: 'RUN many',
        entries: Array.from({ length: 5000 }, (_, i) => ({
          path: `d${String(i % 50).padStart(2, '0')}/f${i}.txt`,
          content: Buffer.from(randomBytes(512 + (i % 8) * 512).toString('base64')),
        })),
      },
    ],
  };
  const plainSmall = join(root, 'many-small.tar');
  const gzipSmall = join(root, 'many-small.oci-gzip.tar');
  if (!existsSync(plainSmall) || !existsSync(gzipSmall)) {
    writeFileSync(plainSmall, writeImageArchive(small, 'docker-legacy'));
    writeFileSync(gzipSmall, writeImageArchive(small, 'oci-archive', { compression: 'gzip' }));
  }
  const layerMember = JSON.parse(execFileSync('tar', ['-xOf', plainSmall, 'manifest.json']).toString())[0].Layers[0];
  const gzipImage = await readArchiveFile(gzipSmall, statSize(gzipSmall), {});
  const gzipBlob = `blobs/sha256/${gzipImage.layers[0].digest.slice('sha256:'.length)}`;
  const outs = mkdtempSync(join(tmpdir(), 'ls-bench-extract-'));
  process.on('exit', () => rmSync(outs, { recursive: true, force: true }));
  let n = 0;
  const fresh = () => join(outs, String(n++));
  const wall = (cmd, args, env) => {
    const s = performance.now();
    const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
    return performance.now() - s;
  };
  for (const [label, file, member, z] of [
    ['plain', plainSmall, layerMember, ''],
    ['gzip', gzipSmall, gzipBlob, 'z'],
  ]) {
    const ours = [];
    const tools = [];
    for (let i = 0; i < Math.min(RUNS, 3); i++) {
      ours.push(wall(process.execPath, [bin, 'extract', file, '/', '-o', fresh()], coldEnv()));
      const dir = fresh();
      mkdirSync(dir);
      tools.push(wall('sh', ['-c', `tar -xOf "$1" "$2" | tar -x${z} -C "$3"`, 'x', file, member, dir]));
    }
    console.log(
      `extract / of 5,000 small files, ${label} (whole process, median of ${ours.length}): ${median(ours).toFixed(0)} ms; ` +
        `tar | tar -x${z} ${median(tools).toFixed(0)} ms`,
    );
  }
}

// What keeping layers in the store costs a daemon read (why only cat/extract do it): the same read with
// and without keepLayer, beside `docker save > /dev/null`; best of BENCH_RUNS (3 here) alternating runs.
const daemonImages = (process.env.BENCH_CONTENT_DAEMON_IMAGES ?? 'lsfix:debian-apt,lsfix:big').split(',').filter(Boolean);
if (spawnSync('docker', ['info'], { stdio: 'ignore' }).status === 0) {
  const { readFromDaemon, resolveDockerEndpoint } = await import('../dist/io/daemon/index.js');
  const endpoint = await resolveDockerEndpoint({ env: process.env, home: (await import('node:os')).homedir() });
  for (const ref of daemonImages) {
    if (spawnSync('docker', ['image', 'inspect', ref], { stdio: 'ignore' }).status !== 0) continue;
    const time = async (f) => {
      const s = performance.now();
      await f();
      return performance.now() - s;
    };
    const runs = { save: [], read: [], store: [] };
    for (let i = 0; i < Math.min(RUNS, 3); i++) {
      runs.save.push(await time(async () => execFileSync('sh', ['-c', 'docker save "$1" > /dev/null', 'save', ref])));
      runs.read.push(await time(() => readFromDaemon(ref, endpoint, { engine: 'docker' })));
      rmSync(storeDir, { recursive: true, force: true });
      const fresh = new LayerStore(storeDir, 1 << 34);
      runs.store.push(await time(() => readFromDaemon(ref, endpoint, { engine: 'docker', keepLayer: () => fresh.writer() })));
    }
    const best = (xs) => Math.min(...xs);
    console.log(
      `${ref}: docker save ${best(runs.save).toFixed(0)} ms, read ${best(runs.read).toFixed(0)} ms (${(best(runs.read) / best(runs.save)).toFixed(2)}×), ` +
        `read + store ${best(runs.store).toFixed(0)} ms (${(best(runs.store) / best(runs.save)).toFixed(2)}×)`,
    );
  }
  rmSync(storeDir, { recursive: true, force: true });
}
