// The layer store: what is written is named by its sha256 and read back by range; a truncated or
// corrupted copy is detected and never used; two writers of one layer leave one valid copy; the cap
// evicts the least recently used. Digests come from node:crypto on the bytes written here.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, truncateSync, utimesSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LayerStore } from '../../../src/io/store/layer-store.js';
import { StoreFileDamaged } from '../../../src/io/store/store-errors.js';

const MiB = 1 << 20;
const digestOf = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

async function put(store: LayerStore, bytes: Buffer, pieces = 3): Promise<string> {
  const writer = await store.writer();
  const step = Math.ceil(bytes.length / pieces);
  for (let at = 0; at < bytes.length; at += step) writer.write(bytes.subarray(at, at + step));
  await writer.end();
  return digestOf(bytes);
}

describe('LayerStore', () => {
  let root = '';
  let store: LayerStore;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ls-store-'));
    store = new LayerStore(root, 64 * MiB);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('stores a layer under its sha256 and reads any range back', async () => {
    const bytes = randomBytes(2 * MiB + 12345);
    const id = await put(store, bytes, 7);
    const layer = await store.open(id);
    expect(layer?.bytes).toBe(bytes.length);
    for (const [at, n] of [
      [0, 10],
      [MiB - 5, 10],
      [2 * MiB, 12345],
      [bytes.length - 1, 100],
    ] as const) {
      expect(Buffer.from(await layer!.read(at, n))).toEqual(bytes.subarray(at, at + n));
    }
    expect(readdirSync(join(root, 'tmp'))).toEqual([]);
  });

  it('does not trust a truncated copy', async () => {
    const id = await put(store, randomBytes(MiB + 10));
    truncateSync(store.dataPath(id), MiB);
    expect(await store.open(id)).toBeUndefined();
    expect(await store.has(id)).toBe(false);
  });

  it('detects a corrupted block when it is read, and removes the copy', async () => {
    const bytes = randomBytes(3 * MiB);
    const id = await put(store, bytes);
    const fd = openSync(store.dataPath(id), 'r+');
    writeSync(fd, Buffer.from([bytes[MiB + 7]! ^ 0xff]), 0, 1, MiB + 7);
    closeSync(fd);
    const layer = await store.open(id);
    expect(Buffer.from(await layer!.read(0, 100))).toEqual(bytes.subarray(0, 100));
    await expect(layer!.read(MiB, 100)).rejects.toBeInstanceOf(StoreFileDamaged);
    expect(await store.open(id)).toBeUndefined();
  });

  it('keeps nothing when the bytes do not hash to the expected diff id', async () => {
    const writer = await store.writer();
    writer.write(Buffer.from('some tar'));
    await writer.end(`sha256:${'0'.repeat(64)}`);
    expect(await store.list()).toEqual([]);
  });

  it('leaves one valid copy when two writers store the same layer at once', async () => {
    const bytes = randomBytes(4 * MiB);
    const [a, b] = await Promise.all([put(store, bytes, 5), put(store, bytes, 9)]);
    expect(a).toBe(b);
    const layer = await store.open(a);
    // equals, not toEqual: a deep compare of 4 MiB takes vitest most of a minute.
    expect(Buffer.from(await layer!.read(0, bytes.length)).equals(bytes)).toBe(true);
    expect(await store.list()).toHaveLength(1);
  });

  it('evicts the least recently used layers past the cap', async () => {
    const small = new LayerStore(root, 3 * MiB);
    const first = await put(small, randomBytes(MiB));
    const second = await put(small, randomBytes(MiB));
    utimesSync(small.dataPath(second), new Date(1000), new Date(1000));
    await small.open(first);
    await put(small, randomBytes(1.5 * MiB));
    expect(await small.has(second)).toBe(false);
    expect(await small.has(first)).toBe(true);
    expect((await small.prune(0)).length).toBe(2);
    expect(await small.list()).toEqual([]);
  });

  it('lists itself once for the writes of a process while they stay under the cap, and again past it', async () => {
    // Listing stats every file of the store: done after every write, a store of 1000 parses made a first
    // read of the tiny image 0.37 s instead of 0.22 s.
    const capped = new LayerStore(root, 4 * MiB);
    const list = vi.spyOn(capped, 'list');
    const [first] = await Promise.all([put(capped, randomBytes(MiB)), put(capped, randomBytes(MiB))]);
    await put(capped, randomBytes(MiB)); // 3 MiB written, under the cap of 4
    expect(list).toHaveBeenCalledTimes(1);
    utimesSync(capped.dataPath(first), new Date(1000), new Date(1000));
    await put(capped, randomBytes(1.5 * MiB)); // 4.5 MiB: listed again, and the least recently used goes
    expect(list).toHaveBeenCalledTimes(2);
    expect(await capped.has(first)).toBe(false);
    expect(await capped.list()).toHaveLength(3);
  });
});
