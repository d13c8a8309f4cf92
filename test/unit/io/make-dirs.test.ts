// mkdir -p that ends: Node's recursive mkdir never returns under /proc (an audit's Tab spun a core for
// minutes with XDG_CACHE_HOME=/proc/nope), and reports ENOENT for EROFS or EACCES.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDirs } from '../../../src/io/file/make-dirs.js';

describe('makeDirs', () => {
  it('makes every missing directory, and is happy when they are there', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ls-mkdirs-'));
    await makeDirs(join(root, 'a/b/c'));
    expect(existsSync(join(root, 'a/b/c'))).toBe(true);
    await makeDirs(join(root, 'a/b/c'));
  });

  it('fails, and returns, where a directory cannot be made: under /proc, or below a file', async () => {
    await expect(makeDirs('/proc/nope/layerscope')).rejects.toMatchObject({ code: 'ENOENT', path: '/proc/nope' });
    const root = mkdtempSync(join(tmpdir(), 'ls-mkdirs-'));
    writeFileSync(join(root, 'file'), '');
    await expect(makeDirs(join(root, 'file/sub'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });
});
