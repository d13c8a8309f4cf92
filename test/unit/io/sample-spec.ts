// A small image with a bit of everything, for the shape tests.
import type { ImageSpec } from '../../../src/io/archive-writer/image-spec.js';

export const SAMPLE: ImageSpec = {
  repoTags: ['sample:1.0'],
  created: '2024-05-01T00:00:00Z',
  platform: { os: 'linux', architecture: 'amd64' },
  emptySteps: [
    { command: 'ENV A=1', after: 0 },
    { command: 'CMD ["sh"]', after: 3 },
  ],
  layers: [
    {
      command: 'ADD rootfs /',
      entries: [
        { path: 'bin', type: 'dir' },
        { path: 'bin/busybox', content: 'BUSYBOX'.repeat(300), mode: 0o755 },
        { path: 'bin/sh', type: 'hardlink', linkTarget: 'bin/busybox' },
        { path: 'etc', type: 'dir' },
        { path: 'etc/passwd', content: 'root:x:0:0::/root:/bin/sh\n' },
        { path: 'tmp', type: 'dir', mode: 0o1777 },
        { path: 'dev/null', type: 'char' },
        { path: 'run/fifo', type: 'fifo' },
      ],
    },
    {
      command: 'RUN add',
      created: '2024-05-02T00:00:00Z',
      entries: [
        { path: 'app', type: 'dir' },
        { path: 'app/a.txt', content: 'a' },
        { path: 'app/big', size: 100_000 },
        { path: 'app/old', type: 'dir' },
        { path: 'app/old/x', content: 'x' },
        { path: 'app/link', type: 'symlink', linkTarget: '../etc/passwd' },
      ],
    },
    {
      command: 'RUN change',
      entries: [
        { path: 'app/a.txt', content: 'aa' },
        { path: 'app/big', type: 'whiteout' },
        { path: 'app/old', type: 'whiteout' },
        { path: 'etc', type: 'opaque' },
        { path: 'etc/passwd', content: 'root:x:0:0::/root:/bin/ash\n' },
      ],
    },
    {
      command: 'ADD rootfs /',
      entries: [
        { path: 'bin', type: 'dir' },
        { path: 'bin/busybox', content: 'BUSYBOX'.repeat(300), mode: 0o755 },
      ],
    },
  ],
};
