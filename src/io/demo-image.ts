// The built-in demo image: small (a few hundred files, ~5 MB) but with every situation layerscope is
// about: added, modified and deleted files, a deleted directory, an opaque directory, hardlinks, a symlink
// retarget, a big file written then deleted, a file rewritten twice, and empty-layer steps. It is written
// in memory as a `docker save` (<= 24) archive and read back through the real archive reader.
import type { ImageModel } from '../core/model.js';
import { readImageArchive } from './archive/read-image-archive.js';
import type { EntrySpec, ImageSpec, LayerSpec } from './archive-writer/image-spec.js';
import { streamOf, writeDockerSave } from './archive-writer/docker-save-writer.js';
import type { ReadOptions } from './read-options.js';

export const DEMO_IMAGE_NAME = 'layerscope-demo:latest';

/** Deterministic filler text, so sizes and hashes are stable from run to run. */
function text(seed: string, bytes: number): string {
  let out = '';
  let x = [...seed].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  const words = ['layer', 'image', 'const', 'return', 'module', 'export', 'buffer', 'stream', 'config', 'value'];
  while (out.length < bytes) {
    x = (x * 1103515245 + 12345) >>> 0;
    out += words[x % words.length] + ((x >> 8) % 9 === 0 ? '\n' : ' ');
  }
  return out.slice(0, bytes);
}

const dir = (path: string, mode = 0o755): EntrySpec => ({ path, type: 'dir', mode });
const file = (path: string, bytes: number, mode = 0o644): EntrySpec => ({ path, content: text(path, bytes), mode });
const APPLETS = [
  'ash',
  'cat',
  'chmod',
  'chown',
  'cp',
  'date',
  'dd',
  'df',
  'echo',
  'env',
  'false',
  'grep',
  'gzip',
  'head',
  'hostname',
  'id',
  'kill',
  'ln',
  'ls',
  'mkdir',
  'mktemp',
  'more',
  'mount',
  'mv',
  'nc',
  'ping',
  'ps',
  'pwd',
  'rm',
  'rmdir',
  'sed',
  'sh',
  'sleep',
  'sort',
  'stat',
  'sync',
  'tail',
  'tar',
  'tee',
  'test',
  'top',
  'touch',
  'tr',
  'true',
  'uname',
  'vi',
  'wc',
  'wget',
  'which',
  'xargs',
  'yes',
];

function baseLayer(): LayerSpec {
  const etc = ['passwd', 'group', 'hosts', 'hostname', 'os-release', 'profile', 'shells', 'resolv.conf', 'inittab', 'fstab'].map((name) =>
    file(`etc/${name}`, 60 + name.length * 23),
  );
  return {
    command: '/bin/sh -c #(nop) ADD file:6c5e0a21f08e4d3a8c0a5b2f6f1e9d7c4b3a29180f7e6d5c4b3a2918f7e6d5c4 in / ',
    created: '2024-03-01T10:00:00Z',
    entries: [
      dir('bin'),
      { path: 'bin/busybox', content: text('busybox', 1_100_000), mode: 0o755 },
      ...APPLETS.map((name): EntrySpec => ({ path: `bin/${name}`, type: 'hardlink', linkTarget: 'bin/busybox', mode: 0o755 })),
      dir('etc'),
      ...etc,
      dir('lib'),
      file('lib/ld-musl-x86_64.so.1', 620_000, 0o755),
      dir('tmp', 0o1777),
      dir('usr'),
      dir('usr/share'),
      dir('usr/share/udhcpc'),
      file('usr/share/udhcpc/default.script', 1_900, 0o755),
      dir('var'),
      dir('var/cache'),
      dir('var/cache/apk'),
      dir('root', 0o700),
    ],
  };
}

function appLayer(): LayerSpec {
  const lib = Array.from({ length: 24 }, (_, i) => file(`app/lib/module-${String(i).padStart(2, '0')}.js`, 800 + i * 97));
  const modules = ['express', 'debug', 'ms', 'qs', 'mime', 'cookie', 'etag', 'vary'].flatMap((pkg) => [
    dir(`app/node_modules/${pkg}`),
    file(`app/node_modules/${pkg}/package.json`, 700),
    file(`app/node_modules/${pkg}/index.js`, 2_400),
    file(`app/node_modules/${pkg}/README.md`, 5_200),
    file(`app/node_modules/${pkg}/LICENSE`, 1_100),
  ]);
  return {
    command: 'COPY app/ /app/ # buildkit',
    comment: 'buildkit.dockerfile.v0',
    created: '2024-03-02T09:00:01Z',
    entries: [
      dir('app'),
      file('app/server.js', 3_200),
      file('app/package.json', 640),
      dir('app/lib'),
      ...lib,
      dir('app/config'),
      { path: 'app/config/default.json', content: '{ "log": "debug", "port": 8080 }\n' },
      dir('app/node_modules'),
      ...modules,
      dir('app/tmp-build'),
      ...Array.from({ length: 12 }, (_, i) => file(`app/tmp-build/chunk-${i}.o`, 9_000 + i)),
      dir('app/public'),
      file('app/public/index.html', 1_500),
      file('app/public/old-logo.png', 48_000),
      { path: 'app/current', type: 'symlink', linkTarget: 'dist/bundle.js' },
    ],
  };
}

export function demoImageSpec(): ImageSpec {
  const certs = Array.from({ length: 40 }, (_, i) => file(`etc/ssl/certs/ca-${String(i).padStart(2, '0')}.pem`, 1_300 + i * 11));
  const layers: LayerSpec[] = [
    baseLayer(),
    {
      command: 'RUN /bin/sh -c apk add --no-cache ca-certificates # buildkit',
      comment: 'buildkit.dockerfile.v0',
      created: '2024-03-02T09:00:00Z',
      entries: [
        dir('etc/ssl'),
        dir('etc/ssl/certs'),
        ...certs,
        dir('lib/apk'),
        dir('lib/apk/db'),
        file('lib/apk/db/installed', 14_000),
        file('var/cache/apk/APKINDEX.tar.gz', 2_400_000),
      ],
    },
    appLayer(),
    {
      command: 'RUN /bin/sh -c npm run build && rm -rf /app/tmp-build /var/cache/apk/APKINDEX.tar.gz # buildkit',
      comment: 'buildkit.dockerfile.v0',
      created: '2024-03-02T09:00:40Z',
      entries: [
        { path: 'app/tmp-build', type: 'whiteout' },
        { path: 'var/cache/apk/APKINDEX.tar.gz', type: 'whiteout' },
        dir('app/dist'),
        file('app/dist/bundle.js', 310_000),
        file('app/dist/bundle.min.js', 120_000),
        { path: 'app/config/default.json', content: '{ "log": "debug", "port": 8080, "built": true }\n' },
      ],
    },
    {
      command: 'RUN /bin/sh -c sed -i s/debug/info/ /app/config/default.json && ln -sf dist/bundle.min.js /app/current # buildkit',
      comment: 'buildkit.dockerfile.v0',
      created: '2024-03-02T09:00:44Z',
      entries: [
        { path: 'app/config/default.json', content: '{ "log": "info", "port": 8080, "built": true }\n' },
        { path: 'app/current', type: 'symlink', linkTarget: 'dist/bundle.min.js' },
      ],
    },
    {
      command: 'COPY static/ /app/public/ # buildkit',
      comment: 'buildkit.dockerfile.v0',
      created: '2024-03-02T09:00:45Z',
      entries: [
        dir('app/public'),
        { path: 'app/public', type: 'opaque' },
        file('app/public/index.html', 1_700),
        file('app/public/logo.svg', 3_100),
        file('app/public/app.css', 8_400),
      ],
    },
    {
      command: 'RUN /bin/sh -c adduser -D -u 1000 app && mkdir -p /app/data && ln /app/data/2024-03.db /app/data/latest.db # buildkit',
      comment: 'buildkit.dockerfile.v0',
      created: '2024-03-02T09:00:47Z',
      entries: [
        file('etc/passwd', 540),
        file('etc/group', 330),
        { path: 'etc/shadow', content: 'root:*:19000:0:::::\napp:!:19000:0:99999:7:::\n', mode: 0o640 },
        dir('home'),
        dir('home/app', 0o700),
        dir('app/data'),
        file('app/data/2024-03.db', 64_000),
        { path: 'app/data/latest.db', type: 'hardlink', linkTarget: 'app/data/2024-03.db' },
      ],
    },
  ];
  return {
    layers,
    repoTags: [DEMO_IMAGE_NAME],
    created: '2024-03-02T09:00:48Z',
    platform: { os: 'linux', architecture: 'amd64' },
    config: {
      Env: ['PATH=/usr/local/bin:/usr/bin:/bin', 'NODE_ENV=production'],
      Cmd: ['node', '/app/server.js'],
      WorkingDir: '/app',
      User: 'app',
    },
    emptySteps: [
      { command: '/bin/sh -c #(nop)  CMD ["sh"]', after: 0, created: '2024-03-01T10:00:01Z' },
      { command: 'ENV NODE_ENV=production', after: 1, created: '2024-03-02T09:00:00Z' },
      { command: 'WORKDIR /app', after: 1, created: '2024-03-02T09:00:00Z' },
      { command: 'EXPOSE map[8080/tcp:{}]', after: 6, created: '2024-03-02T09:00:48Z' },
      { command: 'USER app', after: 6, created: '2024-03-02T09:00:48Z' },
      { command: 'CMD ["node" "/app/server.js"]', after: 6, created: '2024-03-02T09:00:48Z' },
    ],
  };
}

/** The demo image, read through the same archive reader as a `docker save` file. */
export async function openDemoImage(opts: ReadOptions = {}): Promise<ImageModel> {
  const archive = writeDockerSave(demoImageSpec());
  return readImageArchive(streamOf(archive), { name: DEMO_IMAGE_NAME, ...opts, totalBytes: archive.length }, 'the demo image');
}
