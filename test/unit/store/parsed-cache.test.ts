// The parsed-layer cache on its own: what goes in comes out, a damaged file is never believed, a diff id
// that was not computed is never a name, and one process parses one diff id once.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParsedLayer } from '../../../src/io/archive/parse-layer.js';
import { decodeEntries, encodeEntries, HEADER_BYTES } from '../../../src/io/store/entries-format.js';
import { LayerStore } from '../../../src/io/store/layer-store.js';
import { ParsedLayerCache } from '../../../src/io/store/parsed-cache.js';

const ID = `sha256:${'a'.repeat(64)}`;
const OTHER = `sha256:${'b'.repeat(64)}`;
const LAYER: ParsedLayer = {
  entries: [
    { path: 'etc', kind: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0 },
    { path: 'etc/passwd', kind: 'file', size: 12, mode: 0o644, uid: 0, gid: 0, hash: '0123456789abcdef', dataOffset: 1536 },
    { path: 'bin/sh', kind: 'symlink', size: 0, mode: 0o777, uid: 0, gid: 0, linkTarget: 'busybox' },
    { path: 'bin/ln', kind: 'hardlink', size: 0, mode: 0o755, uid: 0, gid: 0, linkTarget: 'bin/busybox', hash: 'fedcba9876543210' },
    { path: 'tmp/gone', kind: 'whiteout', size: 0, mode: 0, uid: 0, gid: 0 },
  ],
  sizeBytes: 12,
  escapes: ["entry '../x' climbs out of the image root; shown as 'x'"],
  secrets: { findings: [], scannedFiles: 1, skippedBinary: 0, skippedLarge: 0, skippedSystem: 0 },
};

describe('entries format', () => {
  it('reads back what it wrote', () => {
    expect(decodeEntries(encodeEntries(ID, LAYER), ID)).toEqual(LAYER);
  });

  it.each([
    ['truncated', (b: Buffer) => b.subarray(0, b.length - 1), /truncated/],
    ['cut inside the header', (b: Buffer) => b.subarray(0, HEADER_BYTES - 1), /header/],
    [
      'one payload byte changed',
      (b: Buffer) => {
        const c = Buffer.from(b);
        c[c.indexOf('etc/passwd') + 1] = 0x78;
        return c;
      },
      /checksum/,
    ],
    [
      'another version',
      (b: Buffer) => {
        const c = Buffer.from(b);
        c.writeUInt32BE(99, 4);
        return c;
      },
      /version 99/,
    ],
    ['not ours', (b: Buffer) => Buffer.concat([Buffer.from('{"entries":[]}'), b.subarray(14)]), /not a parsed-layer file/],
  ])('refuses a file %s', (_name, damage, why) => {
    expect(decodeEntries(damage(encodeEntries(ID, LAYER)), ID)).toMatch(why);
  });

  it('refuses a file stored under another diff id than the one it describes', () => {
    expect(decodeEntries(encodeEntries(ID, LAYER), OTHER)).toMatch(/another layer/);
  });
});

describe('ParsedLayerCache', () => {
  let root = '';
  let cache: ParsedLayerCache;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ls-parsed-'));
    cache = new ParsedLayerCache(new LayerStore(root, 1 << 30));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const stored = (): string[] => (existsSync(cache.entriesDir) ? readdirSync(cache.entriesDir) : []);

  it('keeps a parse whose computed diff id is the one asked for, and answers from it next time', async () => {
    const first = await cache.recall(ID, async () => ({ parsed: LAYER, diffId: ID }), true);
    // The parse says what its tar hashed to; the one from the cache does not (its bytes were not read).
    expect(first).toEqual({ ...LAYER, tarDigest: ID });
    const again = new ParsedLayerCache(new LayerStore(root, 1 << 30));
    let parsedAgain = false;
    expect(
      await again.recall(
        ID,
        async () => {
          parsedAgain = true;
          return { parsed: LAYER, diffId: ID };
        },
        true,
      ),
    ).toEqual(LAYER);
    expect(parsedAgain).toBe(false);
    expect(again.stats).toEqual({ parsed: 0, recalled: 1 });
  });

  it('never stores a layer under a diff id its bytes did not hash to', async () => {
    await cache.recall(ID, async () => ({ parsed: LAYER, diffId: OTHER }));
    await cache.recall(OTHER, async () => ({ parsed: LAYER }));
    expect(stored()).toEqual([]);
  });

  it('parses a diff id once for any number of concurrent readers', async () => {
    let parses = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const parse = async () => {
      parses++;
      await gate;
      return { parsed: LAYER, diffId: ID };
    };
    const all = Promise.all([cache.recall(ID, parse), cache.recall(ID, parse), cache.recall(ID, parse)]);
    release();
    await all;
    expect(parses).toBe(1);
    expect(cache.stats).toEqual({ parsed: 1, recalled: 2 });
  });

  // `layerscope diff hostile.tar genuine.tar`: the first archive's layer claims the diff id of the second's.
  describe('a parse whose bytes hashed to another diff id than the one asked for', () => {
    const theirs: ParsedLayer = { entries: [], sizeBytes: 0, escapes: [] };
    const lyingParse = (): { gate: () => void; parse: () => Promise<{ parsed: ParsedLayer; diffId: string }> } => {
      let release!: () => void;
      const gate = new Promise<void>((r) => {
        release = r;
      });
      const parse = async (): Promise<{ parsed: ParsedLayer; diffId: string }> => {
        await gate;
        return { parsed: theirs, diffId: OTHER };
      };
      return { gate: release, parse };
    };

    it('is not handed to a read that asks while it runs, nor to one that asks after', async () => {
      const lie = lyingParse();
      const lying = cache.recall(ID, lie.parse);
      const during = cache.recall(ID, async () => ({ parsed: LAYER, diffId: ID }));
      lie.gate();
      expect(await lying).toEqual({ ...theirs, tarDigest: OTHER });
      expect(await during).toEqual({ ...LAYER, tarDigest: ID });
      const THIRD = `sha256:${'c'.repeat(64)}`;
      await cache.recall(THIRD, async () => ({ parsed: theirs, diffId: OTHER }));
      expect(await cache.recall(THIRD, async () => ({ parsed: LAYER, diffId: THIRD }))).toEqual({ ...LAYER, tarDigest: THIRD });
      expect(cache.stats).toEqual({ parsed: 4, recalled: 0 });
    });

    it("is not a daemon's image's layer", async () => {
      const lie = lyingParse();
      const lying = cache.recall(ID, lie.parse);
      const recalled = cache.recallStored([ID], false);
      lie.gate();
      await lying;
      expect(await recalled).toBeUndefined();
    });
  });

  // A daemon's image read without its export has no bytes to parse: all its layers or none.
  it('recalls stored parses all or none, counting only a whole answer, and shares them in the process', async () => {
    await cache.put(ID, LAYER);
    const missing = `sha256:${'c'.repeat(64)}`;
    expect(await cache.recallStored([ID, missing], true)).toBeUndefined();
    expect(cache.stats).toEqual({ parsed: 0, recalled: 0 });
    const both = await cache.recallStored([ID, ID], true);
    expect([...both!.keys()]).toEqual([ID]);
    expect(both!.get(ID)).toEqual(LAYER);
    expect(cache.stats).toEqual({ parsed: 0, recalled: 1 });
    // Another image of the same process (`diff A B`) gets the parse in hand, not the file again.
    rmSync(cache.entriesPath(ID));
    expect((await cache.recallStored([ID], true))!.get(ID)).toEqual(LAYER);
    expect(cache.stats).toEqual({ parsed: 0, recalled: 2 });
  });

  it('drops a damaged file and parses again', async () => {
    await cache.put(ID, LAYER);
    const file = cache.entriesPath(ID);
    truncateSync(file, statSync(file).size - 3);
    expect(await cache.get(ID)).toBeUndefined();
    expect(() => readFileSync(file)).toThrow();
  });

  it('answers a read that scans for secrets only from a parse that scanned', async () => {
    const { secrets: _none, ...unscanned } = LAYER;
    await cache.put(ID, unscanned);
    let parsed = 0;
    const layer = await cache.recall(
      ID,
      async () => {
        parsed++;
        return { parsed: LAYER, diffId: ID };
      },
      true,
    );
    expect(parsed).toBe(1);
    expect(layer.secrets).toEqual(LAYER.secrets);
    // A read that does not scan gets no secrets, even from a parse that did.
    const fresh = new ParsedLayerCache(new LayerStore(root, 1 << 30));
    expect((await fresh.recall(ID, async () => ({ parsed: LAYER, diffId: ID }), false)).secrets).toBeUndefined();
  });

  it('counts against the store cap and is listed and pruned with the layer tars', async () => {
    await cache.put(ID, LAYER);
    const size = statSync(cache.entriesPath(ID)).size;
    const listed = await cache.store.list();
    expect(listed).toEqual([expect.objectContaining({ diffId: ID, kind: 'entries', bytes: size })]);
    const capped = new ParsedLayerCache(new LayerStore(root, size + 10));
    utimesSync(cache.entriesPath(ID), new Date(2020, 0, 1), new Date(2020, 0, 1)); // last used long ago
    await capped.put(OTHER, LAYER); // two files of `size` bytes over a cap of one: the older goes
    expect((await capped.store.list()).map((l) => l.diffId)).toEqual([OTHER]);
    expect(await capped.store.prune(0)).toHaveLength(1);
    expect(stored()).toEqual([]);
  });
});
