// Tar framing as Go's archive/tar reads it (src/archive/tar/reader.go: readHeader, getFormat, parseNumeric,
// parsePAXRecord, mergePAX), which is what `docker load`, containerd and dive use: every expected value
// below is Go's decision for those bytes, not what the code under test happens to do. Built in code, read
// as a layer and, where it concerns the outer archive, through both archive readers.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseLayer } from '../../../src/io/archive/parse-layer.js';
import { readImageArchive } from '../../../src/io/archive/read-image-archive.js';
import { tarHeader, writeTar } from '../../../src/io/archive-writer/tar-writer.js';
import { writeImageArchive } from '../../../src/io/archive-writer/write-image-archive.js';
import { expectLayerscopeError, READERS } from './archive-helpers.js';

const BLOCK = 512;
const ZERO = Buffer.alloc(BLOCK);
const pad = (b: Buffer): Buffer => Buffer.concat([b, Buffer.alloc((BLOCK - (b.length % BLOCK)) % BLOCK)]);
const header = (name: string, typeFlag = '0', size = 0): Buffer => tarHeader({ name: Buffer.from(name), typeFlag, size });
const file = (name: string, content: string): Buffer => Buffer.concat([header(name, '0', content.length), pad(Buffer.from(content))]);

/** The block with its checksum field written again: the unsigned byte sum, or Go's other choice, the signed one. */
function resum(block: Buffer, signed = false): Buffer {
  block.fill(' ', 148, 156);
  let sum = 0;
  for (const b of block) sum += signed && b >= 0x80 ? b - 256 : b;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return block;
}

/** `header` with bytes replaced at `at`, checksum fixed. */
const patched = (block: Buffer, at: number, bytes: number[] | string): Buffer => {
  const copy = Buffer.from(block);
  if (typeof bytes === 'string') copy.write(bytes, at, 'latin1');
  else Buffer.from(bytes).copy(copy, at);
  return resum(copy);
};

const paxHeader = (records: string): Buffer =>
  Buffer.concat([header('PaxHeader', 'x', Buffer.byteLength(records)), pad(Buffer.from(records))]);

async function* chunks(data: Buffer, size = 700): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < data.length; at += size) yield data.subarray(at, at + size);
}

const layer = async (tar: Buffer): Promise<{ path: string; kind: string; size: number }[]> =>
  (await parseLayer(chunks(tar), 'tar', () => undefined)).entries.map((e) => ({ path: e.path, kind: e.kind, size: e.size }));
const problemOf = (tar: Buffer): Promise<unknown> =>
  layer(tar).then(
    () => 'read',
    (e: unknown) => (e as { problem?: string }).problem ?? e,
  );

describe('end of a layer', () => {
  it('stops at two zero blocks: entries after them never count', async () => {
    const tar = Buffer.concat([file('a', 'one'), ZERO, ZERO, file('hidden', 'two'), ZERO, ZERO]);
    expect(await layer(tar)).toEqual([{ path: 'a', kind: 'file', size: 3 }]);
  });

  it('accepts padding and garbage after the marker, and no marker at all (Go: EOF at a header is the end)', async () => {
    expect(await layer(Buffer.concat([file('a', 'x'), ZERO, ZERO, Buffer.alloc(10 * BLOCK)]))).toHaveLength(1);
    expect(await layer(Buffer.concat([file('a', 'x'), ZERO, ZERO, Buffer.from('not a tar at all')]))).toHaveLength(1);
    expect(await layer(file('a', 'x'))).toHaveLength(1);
    expect(await layer(Buffer.concat([file('a', 'x'), ZERO]))).toHaveLength(1);
  });

  it('reads a 0-byte layer as an empty layer', async () => {
    expect(await layer(Buffer.alloc(0))).toEqual([]);
    expect(await layer(Buffer.alloc(2 * BLOCK))).toEqual([]);
  });

  it('makes a single zero block followed by a header an invalid header', async () => {
    expect(await problemOf(Buffer.concat([file('a', 'x'), ZERO, file('b', 'y'), ZERO, ZERO]))).toBe('header');
    expect(await problemOf(Buffer.concat([ZERO, file('b', 'y')]))).toBe('header');
  });

  it('stops reading a 32 GiB layer of zeros at its first two blocks', { timeout: 30_000 }, async () => {
    let pulled = 0;
    async function* zeros(): AsyncGenerator<Uint8Array> {
      const mib = Buffer.alloc(1 << 20);
      for (let i = 0; i < 32 * 1024; i++) {
        pulled++;
        yield mib;
      }
    }
    const parsed = await parseLayer(zeros(), 'tar', () => undefined);
    expect(parsed.entries).toEqual([]);
    expect(pulled).toBe(1);
  });

  it('framing only: no entries made, and the observer sees the same bytes up to the end as a full parse', async () => {
    const tar = Buffer.concat([file('a', 'x'), file('b', 'yy'), ZERO, ZERO, Buffer.alloc(10 * BLOCK)]);
    const seen = async (framingOnly: boolean) => {
      const hash = createHash('sha256');
      const observeTarBytes = { update: (c: Uint8Array) => void hash.update(c), abandon: () => undefined };
      const parsed = await parseLayer(chunks(tar), 'tar', () => undefined, { observeTarBytes, framingOnly });
      return { entries: parsed.entries.length, digest: hash.digest('hex') };
    };
    const whole = createHash('sha256').update(tar).digest('hex');
    expect(await seen(false)).toEqual({ entries: 2, digest: whole });
    expect(await seen(true)).toEqual({ entries: 0, digest: whole });
  });

  it('stops decompressing a gzip bomb of zeros soon after its first two blocks', async () => {
    // 8 GiB of zeros after the end marker, as 128 gzip members of 64 MiB (8.3 MB compressed). The
    // decompressor is given at least 1 MiB at a time (coalesce-chunks.ts), so the bomb must be larger
    // than that for "stops soon" to show: reading it all would pull every 1 KiB chunk.
    const zeros = gzipSync(Buffer.alloc(64 << 20));
    const bomb = Buffer.concat([gzipSync(Buffer.concat([file('a', 'x'), ZERO, ZERO])), ...Array<Buffer>(128).fill(zeros)]);
    const total = Math.ceil(bomb.length / 1024);
    let pulled = 0;
    async function* counted(): AsyncGenerator<Uint8Array> {
      for (let at = 0; at < bomb.length; at += 1024) {
        pulled++;
        yield bomb.subarray(at, at + 1024);
      }
    }
    const parsed = await parseLayer(counted(), 'gzip', () => undefined);
    expect(parsed.entries.map((e) => e.path)).toEqual(['a']);
    expect(total).toBeGreaterThan(8000);
    expect(pulled).toBeLessThan(total / 2);
  });
});

describe('headers', () => {
  it('reads v7 headers (no magic; the prefix field is then part of nothing)', async () => {
    const v7 = patched(header('old'), 257, Array<number>(8).fill(0));
    v7.write('ignored', 345, 'latin1');
    resum(v7);
    expect(await layer(Buffer.concat([v7, ZERO, ZERO]))).toEqual([{ path: 'old', kind: 'file', size: 0 }]);
  });

  it('accepts the signed checksum as well as the unsigned one', async () => {
    const name = Buffer.from('caf\xe9', 'latin1');
    const block = tarHeader({ name, typeFlag: '0', size: 0 });
    expect(await layer(Buffer.concat([resum(Buffer.from(block), true), ZERO, ZERO]))).toHaveLength(1);
    expect(await layer(Buffer.concat([resum(Buffer.from(block)), ZERO, ZERO]))).toHaveLength(1);
    const wrong = Buffer.from(block);
    wrong.write('0000001\0', 148, 'latin1');
    expect(await problemOf(Buffer.concat([wrong, ZERO, ZERO]))).toBe('header');
  });

  it('reads base-256 numbers, and rejects a negative size', async () => {
    const size = [0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3]; // +3
    expect(await layer(Buffer.concat([patched(header('b'), 124, size), pad(Buffer.from('abc')), ZERO, ZERO]))).toEqual([
      { path: 'b', kind: 'file', size: 3 },
    ]);
    const minusOne = Array<number>(12).fill(0xff);
    expect(await problemOf(Buffer.concat([patched(header('n'), 124, minusOne), ZERO, ZERO]))).toBe('header');
    // A symlink's size says nothing about data (Go's header-only types), so a negative one is no error there.
    expect(await layer(Buffer.concat([patched(header('s', '2'), 124, minusOne), ZERO, ZERO]))).toEqual([
      { path: 's', kind: 'symlink', size: 0 },
    ]);
  });

  it.each([
    ['mode', 100, '07a4\0'],
    ['uid', 108, '-1\0'],
    ['size', 124, '1e3\0'],
    ['mtime', 136, '12 34\0'],
    ['devmajor', 329, 'zz\0'],
  ])('makes a %s field that is not octal an invalid header', async (_field, at, text) => {
    expect(await problemOf(Buffer.concat([patched(header('f'), at, text), ZERO, ZERO]))).toBe('header');
  });

  it('trims spaces and NULs around octal numbers, as Go does', async () => {
    expect(await layer(Buffer.concat([patched(header('f'), 124, '  3  \0\0\0\0\0\0\0'), pad(Buffer.from('abc')), ZERO, ZERO]))).toEqual([
      { path: 'f', kind: 'file', size: 3 },
    ]);
  });

  it('turns an old-style (type NUL) entry whose name ends in / into a directory', async () => {
    expect(await layer(Buffer.concat([header('d/', '\0'), header('f', '\0'), ZERO, ZERO]))).toEqual([
      { path: 'd', kind: 'dir', size: 0 },
      { path: 'f', kind: 'file', size: 0 },
    ]);
  });
});

describe('PAX records', () => {
  it('takes size, uid and gid only as plain decimal integers', async () => {
    expect(await layer(Buffer.concat([paxHeader('11 size=+3\n'), header('f'), pad(Buffer.from('abc')), ZERO, ZERO]))).toEqual([
      { path: 'f', kind: 'file', size: 3 },
    ]);
    for (const record of ['12 size=1e3\n', '11 size=3 \n', '11 size=0x\n', '10 uid=1.\n', '10 gid=a1\n', '14 mtime=1.x5\n']) {
      expect(await problemOf(Buffer.concat([paxHeader(record), header('f'), ZERO, ZERO])), record).toBe('header');
    }
  });

  it('rejects malformed records: wrong length, no newline, no =, a NUL in a path', async () => {
    for (const records of ['99 path=x\n', '9 path=xy', '8 pathx\n', '12 path=a\0b\n', '3 a\n', 'x path=y\n']) {
      expect(await problemOf(Buffer.concat([paxHeader(records), header('f'), ZERO, ZERO])), JSON.stringify(records)).toBe('header');
    }
  });

  it('keeps the header value for an empty record, and lets a GNU long name win over PAX path (Go applies it last)', async () => {
    expect(await layer(Buffer.concat([paxHeader('8 path=\n'), header('kept'), ZERO, ZERO]))).toEqual([
      { path: 'kept', kind: 'file', size: 0 },
    ]);
    const gnu = Buffer.concat([header('././@LongLink', 'L', 4), pad(Buffer.from('gnu\0'))]);
    expect(
      await layer(Buffer.concat([paxHeader('13 path=pax1\n'), gnu, header('plain'), ZERO, ZERO])).then((e) => e.map((x) => x.path)),
    ).toEqual(['gnu']);
  });

  it('refuses a long header over 1 MiB (Go: ErrFieldTooLong)', async () => {
    const big = `${'n'.repeat((1 << 20) + 10)}`;
    const gnu = Buffer.concat([header('././@LongLink', 'L', big.length), pad(Buffer.from(big))]);
    expect(await problemOf(Buffer.concat([gnu, header('f'), ZERO, ZERO]))).toBe('too-long');
  });
});

describe.each(READERS)('the outer archive (%s)', (_how, read) => {
  const spec = (tag: string, path: string) => ({ repoTags: [tag], layers: [{ command: 'ADD', entries: [{ path, content: tag }] }] });
  const first = writeImageArchive(spec('first:1', 'first'), 'docker-legacy');
  const second = writeImageArchive(spec('second:1', 'second'), 'docker-legacy');

  it('reads only the image before the end-of-archive marker, never one hidden after it', async () => {
    const model = await read(Buffer.concat([first, second]));
    expect(model.tags).toEqual(['first:1']);
    expect(model.paths.find('first')).toBeDefined();
    expect(model.paths.find('second')).toBeUndefined();
  });

  it('accepts padding after the marker', async () => {
    expect((await read(Buffer.concat([first, Buffer.alloc(20 * BLOCK)]))).tags).toEqual(['first:1']);
  });

  it('makes a lone zero block between members an invalid header', async () => {
    // writeTar's archive: members then two zero blocks. Put one zero block before the last member's header.
    const members = first.subarray(0, first.length - 2 * BLOCK);
    const manifestAt = members.lastIndexOf(Buffer.from('manifest.json\0'));
    const broken = Buffer.concat([members.subarray(0, manifestAt), ZERO, members.subarray(manifestAt), ZERO, ZERO]);
    await expectLayerscopeError(read(broken), 'archive', /^corrupt tar header in the archive$/);
  });

  it('reads an archive of v7 headers written without magic', async () => {
    const v7 = writeTar([]); // marker only
    const members: Buffer[] = [];
    for (let at = 0; at + BLOCK <= first.length - 2 * BLOCK;) {
      const block = Buffer.from(first.subarray(at, at + BLOCK));
      const size = parseInt(block.toString('latin1', 124, 135), 8);
      block.fill(0, 257, 265);
      members.push(resum(block), first.subarray(at + BLOCK, at + BLOCK + Math.ceil(size / BLOCK) * BLOCK));
      at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    }
    expect((await read(Buffer.concat([...members, v7]))).tags).toEqual(['first:1']);
  });
});

describe('a stream that never ends after the end-of-archive marker (/dev/zero, a hostile pipe)', () => {
  /** `head`, then zeros forever, 64 KiB at a time, as a pipe gives them (a turn of the event loop each, so a hang is a timeout). */
  const endless = (head: Buffer): Readable =>
    Readable.from(
      (async function* () {
        yield head;
        for (;;) {
          await new Promise((resolve) => setImmediate(resolve));
          yield Buffer.alloc(64 * 1024);
        }
      })(),
    );
  // A read that would go on forever is stopped (and fails the test) rather than hang the suite.
  const hangGuard = (): AbortSignal => AbortSignal.timeout(4000);
  const archive = writeImageArchive(
    { repoTags: ['only:1'], layers: [{ command: 'ADD', entries: [{ path: 'f', content: 'f' }] }] },
    'docker-legacy',
  );

  it('an archive followed by endless zeros: read, and the rest dropped', async () => {
    expect((await readImageArchive(endless(archive), { signal: hangGuard() }, 'a pipe')).tags).toEqual(['only:1']);
  });

  it('endless zeros alone: one error, no hang', async () => {
    await expectLayerscopeError(
      readImageArchive(endless(Buffer.alloc(0)), { signal: hangGuard() }, 'a pipe'),
      'archive',
      /^a pipe has no manifest\.json or index\.json/,
    );
  });
});
