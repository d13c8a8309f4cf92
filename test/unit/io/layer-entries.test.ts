// Decoding what is inside a layer tar: whiteouts, opaque markers, hardlinks, long and odd names.
import { describe, expect, it } from 'vitest';
import { encodeName } from '../../../src/core/names.js';
import type { EntrySpec } from '../../../src/io/archive-writer/image-spec.js';
import type { LongNames } from '../../../src/io/archive-writer/tar-writer.js';
import { entriesOf, writeAndRead } from './archive-helpers.js';

const oneLayer = (entries: EntrySpec[]) => writeAndRead({ layers: [{ command: 'RUN x', entries }] }, 'docker-legacy');

describe('layer entries', () => {
  it('decodes whiteouts and opaque markers and ignores aufs bookkeeping', async () => {
    const model = await oneLayer([
      { path: 'a/b/c', type: 'whiteout' },
      { path: 'top', type: 'whiteout' },
      { path: 'a/d', type: 'opaque' },
      { path: 'a/.wh..wh.plnk' },
      { path: '.wh..wh.aufs' },
      { path: 'a/d/new', content: 'n' },
    ]);
    expect(entriesOf(model, 0)).toEqual([
      { path: 'a/b/c', kind: 'whiteout', size: 0 },
      { path: 'top', kind: 'whiteout', size: 0 },
      { path: 'a/d', kind: 'opaque', size: 0 },
      { path: 'a/d/new', kind: 'file', size: 1, hash: true },
    ]);
  });

  it('gives a hardlink its target’s hash, size 0; chains and unknown targets get none', async () => {
    const model = await oneLayer([
      { path: 'data/real', content: 'payload' },
      { path: 'data/link', type: 'hardlink', linkTarget: './data/real' },
      { path: 'data/chain', type: 'hardlink', linkTarget: 'data/link' },
      { path: 'data/dangling', type: 'hardlink', linkTarget: 'nowhere' },
    ]);
    const [real, link, chain, dangling] = model.layers[0]!.entries;
    expect(link).toMatchObject({ kind: 'hardlink', size: 0, linkTarget: 'data/real', hash: real!.hash });
    expect(chain).toMatchObject({ kind: 'hardlink', linkTarget: 'data/link', hash: undefined });
    expect(dangling!.hash).toBeUndefined();
    expect(model.layers[0]!.sizeBytes).toBe(7);
  });

  it('keeps the later of two entries for one path, but a whiteout and a file of that path both', async () => {
    const model = await oneLayer([
      { path: 'f', content: 'first' },
      { path: 'f', type: 'whiteout' },
      { path: 'f', content: 'second!' },
      { path: 'd', type: 'dir' },
      { path: 'd', type: 'dir', mode: 0o700 },
    ]);
    expect(entriesOf(model, 0)).toEqual([
      { path: 'f', kind: 'file', size: 7, hash: true },
      { path: 'f', kind: 'whiteout', size: 0 },
      { path: 'd', kind: 'dir', size: 0 },
    ]);
    expect(model.layers[0]!.entries[2]!.mode).toBe(0o700);
    expect(model.layers[0]!.sizeBytes).toBe(5 + 7); // dive's layer size counts every entry of the tar
  });

  it.each(['pax', 'gnu', 'ustar'] as LongNames[])('reads long names and link targets written as %s', async (longNames) => {
    const deep = `${'segment-of-a-long-path/'.repeat(8)}file.txt`;
    const target = `${'another-long-directory/'.repeat(6)}target`;
    const model = await oneLayer([
      { path: deep, content: 'x', longNames },
      ...(longNames === 'ustar' ? [] : [{ path: 'l', type: 'symlink' as const, linkTarget: target, longNames }]),
    ]);
    expect(model.paths.path(model.layers[0]!.entries[0]!.path)).toBe(deep);
    if (longNames !== 'ustar') expect(model.layers[0]!.entries[1]!.linkTarget).toBe(target);
  });

  const odd = [
    Buffer.from([0x63, 0x61, 0x66, 0xe9]), // 'café' in latin1: not UTF-8
    Buffer.from('tab\there\nnewline\x1b[31mred', 'latin1'),
    Buffer.from('ünïcödé-ok', 'utf8'),
    Buffer.from([0x66, 0xff, 0xfe, 0x80, 0x2f, 0xc3]), // bad bytes, and a dir whose name ends mid-sequence
  ];
  it.each(['plain', 'pax', 'gnu'] as const)('keeps non-UTF-8 and control-char names byte-exact (%s)', async (style) => {
    const pad = style === 'plain' ? '' : `${'x'.repeat(120)}/`;
    const entries: EntrySpec[] = odd.map((name) => ({
      path: Buffer.concat([Buffer.from(`dir/${pad}`), name]),
      content: 'c',
      ...(style === 'plain' ? {} : { longNames: style }),
    }));
    entries.push({
      path: 'dir/sym',
      type: 'symlink',
      linkTarget: Buffer.concat([Buffer.from(pad || 'to/'), odd[0]!]),
      ...(style === 'plain' ? {} : { longNames: style }),
    });
    const model = await oneLayer(entries);
    const layer = model.layers[0]!.entries;
    odd.forEach((name, i) => {
      expect(Buffer.from(encodeName(model.paths.path(layer[i]!.path)))).toEqual(Buffer.concat([Buffer.from(`dir/${pad}`), name]));
    });
    expect(Buffer.from(encodeName(layer[4]!.linkTarget!))).toEqual(Buffer.concat([Buffer.from(pad || 'to/'), odd[0]!]));
  });

  it('clamps names that climb out of the root and says so', async () => {
    const model = await oneLayer([
      { path: '../../etc/x', content: 'x' },
      { path: './ok/../fine', content: 'y' },
      { path: '/abs/path', content: 'z' },
    ]);
    expect(entriesOf(model, 0).map((e) => e.path)).toEqual(['etc/x', 'fine', 'abs/path']);
    expect(model.warnings).toEqual(["layer 1: entry '../../etc/x' climbs out of the image root; shown as 'etc/x'"]);
  });

  it('caps the climbing-out warnings per layer', async () => {
    const model = await oneLayer(Array.from({ length: 10 }, (_, i) => ({ path: `../e${i}`, content: 'x' })));
    expect(model.warnings).toHaveLength(4);
    expect(model.warnings[3]).toBe('layer 1: 7 more entries climb out of the image root');
  });

  it('reads an empty layer (only the end-of-archive blocks)', async () => {
    const model = await oneLayer([]);
    expect(model.layers[0]!.entries).toEqual([]);
    expect(model.layers[0]!.sizeBytes).toBe(0);
  });
});
