// extractPath reads files in the order their bytes lie in their layers' tars, not in path order: a
// compressed layer is then decompressed once, front to back. The image is built in code with a tar
// order that path order reverses (`z` before `a`; `a-b` before `a/b`, which sorts after it).
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { extractPath } from '../../../src/cli/commands/extract-command.js';
import type { ContentReader } from '../../../src/core/content.js';
import { ROOT } from '../../../src/core/path-table.js';
import { readArchiveFile } from '../../../src/io/archive/read-archive-file.js';
import type { ImageSpec } from '../../../src/io/archive-writer/image-spec.js';
import { writeImageArchive } from '../../../src/io/archive-writer/write-image-archive.js';
import { openContentReader } from '../../../src/io/content/content-reader.js';

const SPEC: ImageSpec = {
  layers: [
    {
      command: 'base',
      entries: [
        { path: 'd', type: 'dir' },
        { path: 'd/z', content: 'zz\n' },
        { path: 'd/a', type: 'dir' },
        { path: 'd/a/b', content: 'ab\n', mode: 0o600 },
        { path: 'd/a-b', content: 'a-b\n' },
        { path: 'd/k', content: 'k\n' },
      ],
    },
    { command: 'more', entries: [{ path: 'd/m', content: 'm\n' }] },
    { command: 'change', entries: [{ path: 'd/k', content: 'k again\n' }] },
  ],
};

describe('extractPath', () => {
  let dir = '';
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads the files of each layer in tar order and writes each whole', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ls-extract-order-'));
    const archive = writeImageArchive(SPEC, 'oci-archive', { compression: 'gzip' });
    writeFileSync(join(dir, 'image.tar'), archive);
    const image = await readArchiveFile(join(dir, 'image.tar'), archive.length, {});
    const inner = openContentReader(image);
    const reads: string[] = [];
    const reader: ContentReader = {
      read: (layer, path, start, length, signal) => {
        reads.push(`${layer}:${image.paths.path(path)}`);
        return inner.read(layer, path, start, length, signal);
      },
    };
    await extractPath(image, reader, 2, ROOT, '/', join(dir, 'out'), false);
    await inner.close();
    // Layer 0's tar order (d/k's version there is hidden by layer 2's), then layer 1's, then layer 2's.
    expect(reads).toEqual(['0:d/z', '0:d/a/b', '0:d/a-b', '1:d/m', '2:d/k']);
    const out = (name: string): string => readFileSync(join(dir, 'out', name), 'utf8');
    expect([out('d/z'), out('d/a/b'), out('d/a-b'), out('d/m'), out('d/k')]).toEqual(['zz\n', 'ab\n', 'a-b\n', 'm\n', 'k again\n']);
    expect(statSync(join(dir, 'out', 'd/a/b')).mode & 0o777).toBe(0o600);
  });
});
