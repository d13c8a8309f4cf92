// The layer tar reader (layer-tar.ts) on its own: entries and content do not depend on how the bytes are
// cut into chunks, and the odd corners of Go archive/tar's rules (what docker load reads layers with).
import { describe, expect, it } from 'vitest';
import { LayerTarParser } from '../../../src/io/archive/layer-tar.js';
import { parseLayer } from '../../../src/io/archive/parse-layer.js';
import { tarHeader, writeTar } from '../../../src/io/archive-writer/tar-writer.js';

interface Seen {
  name: string;
  type: string | null;
  size: number;
  content: string;
}

function read(tar: Buffer, chunkSize: number): Seen[] {
  const seen: Seen[] = [];
  let parts: Buffer[] = [];
  const parser = new LayerTarParser({
    entry: (h, content) => {
      parts = content ? [content] : [];
      seen.push({ name: h.name, type: h.type, size: h.size, content: '' });
      if (content) seen[seen.length - 1]!.content = content.toString('latin1');
    },
    data: (bytes) => {
      parts.push(Buffer.from(bytes));
    },
    end: () => {
      seen[seen.length - 1]!.content = Buffer.concat(parts).toString('latin1');
    },
  });
  for (let at = 0; at < tar.length; at += chunkSize) parser.push(tar.subarray(at, at + chunkSize));
  parser.end();
  return seen;
}

async function* chunked(tar: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < tar.length; at += size) yield tar.subarray(at, at + size);
}

const sample = writeTar([
  { name: 'small', content: Buffer.from('hello') },
  { name: 'block', content: Buffer.alloc(512, 1) },
  { name: 'big', content: Buffer.alloc(70_000, 2) },
  { name: `${'long/'.repeat(30)}pax`, content: Buffer.from('p'), longNames: 'pax' },
  { name: `${'long/'.repeat(30)}gnu`, content: Buffer.from('g'), longNames: 'gnu' },
  { name: 'empty' },
  { name: 'd', type: 'dir' },
]);

describe('layer tar reader', () => {
  it('reads the same entries and content whatever the chunk size', () => {
    const whole = read(sample, sample.length);
    expect(whole.map((e) => e.name)).toEqual([
      'small',
      'block',
      'big',
      `${'long/'.repeat(30)}pax`,
      `${'long/'.repeat(30)}gnu`,
      'empty',
      'd/',
    ]);
    expect(whole[2]!.content).toBe(Buffer.alloc(70_000, 2).toString('latin1'));
    for (const size of [1, 100, 511, 512, 513, 4096, 65_536]) expect(read(sample, size), `chunks of ${size}`).toEqual(whole);
  });

  it('hashes a file the same whether it came in one piece or many', async () => {
    const hashes = async (size: number): Promise<(string | undefined)[]> =>
      (await parseLayer(chunked(sample, size), 'tar', () => undefined)).entries.map((e) => e.hash);
    const one = await hashes(sample.length);
    expect(one.filter(Boolean)).toHaveLength(6);
    for (const size of [1, 512, 1000]) expect(await hashes(size)).toEqual(one);
  });

  it('ignores global PAX records, as Docker and containerd do (Go hands them out as entries of their own)', () => {
    const records = Buffer.from('20 path=global/name\n');
    const pad = (b: Buffer): Buffer => Buffer.concat([b, Buffer.alloc((512 - (b.length % 512)) % 512)]);
    const local = Buffer.from('12 uid=1234\n');
    const tar = Buffer.concat([
      tarHeader({ name: Buffer.from('g'), typeFlag: 'g', size: records.length }),
      pad(records),
      tarHeader({ name: Buffer.from('plain'), typeFlag: '0', size: 0 }),
      tarHeader({ name: Buffer.from('x'), typeFlag: 'x', size: local.length }),
      pad(local),
      tarHeader({ name: Buffer.from('with-pax'), typeFlag: '0', size: 0 }),
      Buffer.alloc(1024),
    ]);
    expect(read(tar, 700).map((e) => e.name)).toEqual(['plain', 'with-pax']);
  });

  it('reads past a directory whose size field is not 0 (tar-stream waited forever for its data)', async () => {
    const tar = Buffer.concat([
      tarHeader({ name: Buffer.from('d/'), typeFlag: '5', size: 1024 }),
      writeTar([{ name: 'd/f', content: Buffer.from('x') }]),
    ]);
    expect(read(tar, 512).map((e) => e.name)).toEqual(['d/', 'd/f']);
    const parsed = await parseLayer(chunked(tar, 4096), 'tar', () => undefined);
    expect(parsed.entries.map((e) => e.path)).toEqual(['d', 'd/f']);
  });

  it('reports a blob cut inside an entry and a header with a bad checksum', () => {
    expect(() => read(sample.subarray(0, 512 + 3), 512)).toThrow(expect.objectContaining({ problem: 'truncated' }));
    expect(() => read(sample.subarray(0, 1800), 512)).toThrow(expect.objectContaining({ problem: 'truncated' }));
    expect(read(sample.subarray(0, 700), 512)[0]!.content).toBe('hello'); // cut in the padding: Go reads that as the end
    const corrupt = Buffer.from(sample);
    corrupt[1] = 0x41;
    expect(() => read(corrupt, 512)).toThrow(expect.objectContaining({ problem: 'header' }));
  });
});

describe('hardlink hashes', () => {
  const hashOf = async (entries: Parameters<typeof writeTar>[0]): Promise<(string | undefined)[]> =>
    (await parseLayer(chunked(writeTar(entries), 4096), 'tar', () => undefined)).entries.map((e) => e.hash);

  it('gives a link the hash of the last file at its target, even after a directory replaced it', async () => {
    const [dir, link] = await hashOf([
      { name: 'f', content: Buffer.from('one') },
      { name: 'f', type: 'dir' },
      { name: 'l', type: 'hardlink', linkName: 'f' },
    ]);
    const [file] = await hashOf([{ name: 'f', content: Buffer.from('one') }]);
    expect(dir).toBeUndefined();
    expect(link).toBe(file);
  });

  it('gives none to a link to itself or to another link', async () => {
    const hashes = await hashOf([
      { name: 'f', content: Buffer.from('one') },
      { name: 'f', type: 'hardlink', linkName: 'f' },
      { name: 'g', content: Buffer.from('two') },
      { name: 'l', type: 'hardlink', linkName: 'g' },
      { name: 'm', type: 'hardlink', linkName: 'l' },
    ]);
    expect(hashes).toEqual([undefined, expect.any(String), expect.any(String), undefined]);
  });
});
