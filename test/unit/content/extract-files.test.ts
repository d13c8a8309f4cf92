// extractFiles when a file's bytes stop coming part-way (a stored layer found damaged, a blob gone): the
// file it had begun is removed, not left behind short, and the error is the reader's. And a file's
// permission bits are exactly the image's whatever the umask (the chmod after open is skipped only when
// the umask took none of them).
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContentReader } from '../../../src/core/content.js';
import type { LayerEntry } from '../../../src/core/model.js';
import { extractFiles, type ExtractItem } from '../../../src/io/content/extract-files.js';

const MiB = 1 << 20;
const file = (path: number, size: number): LayerEntry => ({ path, kind: 'file', size, mode: 0o644, uid: 0, gid: 0 });
const item = (relPath: string, path: number, size: number): ExtractItem => ({
  relPath,
  shown: `/${relPath}`,
  entry: file(path, size),
  path,
  layer: 0,
});

describe('extractFiles', () => {
  let dir = '';
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('removes a file whose bytes stopped coming, and keeps the ones written whole', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ls-extract-unit-'));
    // Path 1: 10 bytes. Path 2: 3 MiB, of which the second MiB fails.
    const reader: ContentReader = {
      read: async (_layer, path, start, length) => {
        if (path === 1) return new Uint8Array(Buffer.from('0123456789').subarray(start, start + length));
        if (start >= MiB) throw new Error('the stored copy is damaged');
        return new Uint8Array(Math.min(length, 3 * MiB - start)).fill(0x61);
      },
    };
    const out = join(dir, 'out');
    const failure = await extractFiles(out, [item('a', 1, 10), item('b', 2, 3 * MiB)], reader, false, (n) => n).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(failure?.message).toBe('the stored copy is damaged');
    expect(readdirSync(out)).toEqual(['a']);
    expect(readFileSync(join(out, 'a'), 'utf8')).toBe('0123456789');
    expect(existsSync(join(out, 'b'))).toBe(false);
  });

  it.each([0o022, 0o077, 0o000])('gives files exactly their permission bits under umask %o', async (umask) => {
    dir = mkdtempSync(join(tmpdir(), 'ls-extract-mode-'));
    const modes = [0o644, 0o755, 0o600, 0o666, 0o4755];
    const reader: ContentReader = {
      read: async (_layer, _path, start, length) => new Uint8Array(Buffer.from('x').subarray(start, start + length)),
    };
    const items = modes.map((mode, i) => ({ ...item(`f${i}`, i + 1, 1), entry: { ...file(i + 1, 1), mode } }));
    const before = process.umask(umask);
    try {
      await extractFiles(join(dir, 'out'), items, reader, false, (n) => n);
    } finally {
      process.umask(before);
    }
    // setuid is never kept: 0o4755 becomes 0o755.
    expect(modes.map((_, i) => statSync(join(dir, 'out', `f${i}`)).mode & 0o7777)).toEqual([0o644, 0o755, 0o600, 0o666, 0o755]);
  });

  // As tar -x: a directory gets its own bits once what goes in it is written, a read-only one included.
  it.each([0o022, 0o077])('gives directories their permission bits under umask %o, after filling them', async (umask) => {
    dir = mkdtempSync(join(tmpdir(), 'ls-extract-dirmode-'));
    const reader: ContentReader = {
      read: async (_layer, _path, start, length) => new Uint8Array(Buffer.from('x').subarray(start, start + length)),
    };
    const dirItem = (relPath: string, path: number, mode: number): ExtractItem => ({
      ...item(relPath, path, 0),
      entry: { path, kind: 'dir', size: 0, mode, uid: 0, gid: 0 },
    });
    const items = [dirItem('ro', 1, 0o555), dirItem('ro/inner', 2, 0o750), item('ro/inner/f', 3, 1), dirItem('sticky', 4, 0o1777)];
    const before = process.umask(umask);
    try {
      await extractFiles(join(dir, 'out'), items, reader, false, (n) => n);
    } finally {
      process.umask(before);
    }
    const mode = (p: string): number => statSync(join(dir, 'out', p)).mode & 0o7777;
    expect([mode('ro'), mode('ro/inner'), mode('sticky')]).toEqual([0o555, 0o750, 0o777]); // no sticky bit kept
    expect(readFileSync(join(dir, 'out', 'ro/inner/f'), 'utf8')).toBe('x');
    chmodSync(join(dir, 'out', 'ro'), 0o755); // so that a user other than root can remove it afterwards
  });
});
