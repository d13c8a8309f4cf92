// Links in the content commands. A path through a symlinked directory is not in the image as its layers
// store it, and layerscope does not follow links (a link in an image may point anywhere): cat, extract and
// log say which link it is and the path through its target. log shows a link as a link. Worked by hand
// from the layers below.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeImageArchive } from '../../src/io/archive-writer/write-image-archive.js';
import { cli, expectOneLineError } from '../helpers/run-cli.js';

let archive: string;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ls-symlink-hint-'));
  archive = join(dir, 'image.tar');
  const layers = [
    {
      command: 'COPY rootfs /',
      entries: [
        { path: 'real/', type: 'dir' as const },
        { path: 'real/g', content: 'g\n' },
        { path: 'link', type: 'symlink' as const, linkTarget: 'real' },
        { path: 'etc/app/', type: 'dir' as const },
        { path: 'etc/app/conf', content: 'c\n' },
        { path: 'opt/app/', type: 'dir' as const },
        { path: 'opt/app/cfg', type: 'symlink' as const, linkTarget: '../../etc/app' },
        { path: 'abs', type: 'symlink' as const, linkTarget: '/real' },
        { path: 'hard', type: 'hardlink' as const, linkTarget: 'real/g' },
      ],
    },
  ];
  await writeFile(archive, writeImageArchive({ repoTags: ['hint:1'], layers }, 'docker-oci'));
});

describe('a path through a symlinked directory', () => {
  it('cat names the link and the path through its target', async () => {
    expectOneLineError(
      await cli(['cat', archive, '/link/g']),
      /\/link\/g is in no layer/,
      /^ {2}hint: \/link is a symlink to real, which layerscope does not follow: try \/real\/g$/,
    );
    expectOneLineError(
      await cli(['cat', archive, '/opt/app/cfg/conf']),
      /is in no layer/,
      /\/opt\/app\/cfg is a symlink to \.\.\/\.\.\/etc\/app, .*: try \/etc\/app\/conf$/,
    );
    expectOneLineError(await cli(['cat', archive, '/abs/g']), /is in no layer/, /\/abs is a symlink to \/real, .*: try \/real\/g$/);
  });

  it('log and extract too; a path that is simply missing keeps the plain hint', async () => {
    expectOneLineError(await cli(['log', archive, '/link/g']), /no layer of .* touched \/link\/g/, /try \/real\/g$/);
    expectOneLineError(await cli(['extract', archive, '/link/g', '-o', dir]), /\/link\/g/, /try \/real\/g$/);
    expectOneLineError(await cli(['cat', archive, '/nothing/here']), /is in no layer/, /check the path/);
    // Through the target it works.
    expect((await cli(['cat', archive, '/real/g'])).stdout).toBe('g\n');
  });
});

describe('log of a link', () => {
  it('names what each version is and where a link points, in JSON and text', async () => {
    const run = await cli(['log', archive, '/hard', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const [row] = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(row).toMatchObject({ layer: 1, change: 'added', kind: 'hardlink', linkTarget: 'real/g', sizeBytes: 0 });
    const text = (await cli(['log', archive, '/hard'])).stdout.split('\n');
    // Columns: layer 5, change 13, size 8 (right), hash 16, two spaces between.
    expect(text[1]).toBe(`${'1'.padEnd(5)}  ${'added'.padEnd(13)}  ${'hardlink'.padStart(8)}  ${'→ real/g'.padEnd(16)}  COPY rootfs /`);
    const link = (await cli(['log', archive, '/link'])).stdout.split('\n');
    expect(link[1]).toBe(`${'1'.padEnd(5)}  ${'added'.padEnd(13)}  ${'symlink'.padStart(8)}  ${'→ real'.padEnd(16)}  COPY rootfs /`);
  });
});

// The image command's --json takes a FILE (- for stdout); log's takes none (audit).
describe("log --json with the image command's habit", () => {
  it("says that log --json takes no FILE, where commander said 'too many arguments'", async () => {
    expectOneLineError(
      await cli(['log', '--json', '-', archive, '/link']),
      /^layerscope: log --json takes no FILE: it writes to standard output/,
      /layerscope log --json SOURCE PATH/,
    );
    expectOneLineError(await cli(['log', archive, '/link', 'extra']), /too many arguments/);
  });
});
