// Every regular file's dataOffset points at its bytes in the uncompressed layer tar, however the tar
// arrives in pieces (header or long name split across pushes) and whatever the name encoding. Expected
// bytes are the contents put in (and GNU tar's own archive of files written here).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLayer } from '../../../src/io/archive/parse-layer.js';
import { writeTar } from '../../../src/io/archive-writer/tar-writer.js';

const long = 'd/'.repeat(80) + 'long-name.txt';
const gnuLong = 'gnu-' + 'n'.repeat(120);
const contents: Record<string, string> = {
  'a.txt': 'hello\n',
  empty: '',
  'b.bin': 'x'.repeat(1500),
  [long]: 'long name content',
  [gnuLong]: 'gnu long name content',
};

async function* chunked(buf: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < buf.length; at += size) yield buf.subarray(at, at + size);
}

async function offsetsOf(tar: Buffer, chunk: number) {
  const parsed = await parseLayer(chunked(tar, chunk), 'tar', () => undefined);
  return parsed.entries.filter((e) => e.kind === 'file');
}

describe('dataOffset', () => {
  const tar = writeTar([
    { name: 'a.txt', content: Buffer.from(contents['a.txt']!) },
    { name: 'dir', type: 'dir' },
    { name: 'empty', content: Buffer.alloc(0) },
    { name: 'b.bin', content: Buffer.from(contents['b.bin']!) },
    { name: long, content: Buffer.from(contents[long]!), longNames: 'pax' },
    { name: gnuLong, content: Buffer.from(contents[gnuLong]!), longNames: 'gnu' },
  ]);

  it.each([1, 7, 511, 512, 513, 4096, tar.length])("points at each file's bytes with %i-byte pushes", async (size) => {
    const files = await offsetsOf(tar, size);
    expect(files.map((f) => f.path).sort()).toEqual(Object.keys(contents).sort());
    for (const f of files) {
      expect(f.dataOffset).toBeTypeOf('number');
      expect(tar.subarray(f.dataOffset!, f.dataOffset! + f.size).toString()).toBe(contents[f.path]);
    }
  });

  it('points at the bytes in an archive written by GNU tar', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ls-offsets-'));
    try {
      const root = join(dir, 'root');
      mkdirSync(join(root, 'sub'), { recursive: true });
      const files: Record<string, string> = { 'sub/one': 'one\n', ['sub/' + 'z'.repeat(150)]: 'two two\n', three: '3'.repeat(700) };
      for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
      for (const format of ['gnu', 'posix']) {
        execFileSync('tar', ['-C', root, `--format=${format}`, '-cf', join(dir, `${format}.tar`), 'sub', 'three']);
        const tar = readFileSync(join(dir, `${format}.tar`));
        const found = await offsetsOf(tar, 100);
        expect(found.map((f) => f.path).sort()).toEqual(Object.keys(files).sort());
        for (const f of found) expect(tar.subarray(f.dataOffset!, f.dataOffset! + f.size).toString()).toBe(files[f.path]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
