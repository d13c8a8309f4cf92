import { describe, expect, it } from 'vitest';
import { PathTable, pathHistory, versionAt, type ImageModel, type LayerEntry } from '../../../src/core/index.js';
import { buildModel } from '../../helpers/model-builder.js';

// Layers worked out by hand:
//   0: /etc/app.conf (10 B), /etc (dir)
//   1: /etc/app.conf rewritten (12 B)
//   2: /etc/.wh.app.conf  -> removed
//   3: /etc/app.conf added again (5 B)
//   4: opaque marker in /etc -> hidden
//   5: /etc replaced by a regular file -> nothing of /etc/app.conf left to remove (already hidden)
function image(): { model: ImageModel; conf: number } {
  const paths = new PathTable();
  const etc = paths.intern('etc');
  const conf = paths.intern('etc/app.conf');
  const f = (size: number): LayerEntry => ({ path: conf, kind: 'file', size, mode: 0o644, uid: 0, gid: 0, hash: `h${size}` });
  const dir: LayerEntry = { path: etc, kind: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0 };
  const layers = [
    [dir, f(10)],
    [f(12)],
    [{ path: conf, kind: 'whiteout', size: 0, mode: 0, uid: 0, gid: 0 } as LayerEntry],
    [f(5)],
    [{ path: etc, kind: 'opaque', size: 0, mode: 0, uid: 0, gid: 0 } as LayerEntry],
    [{ path: etc, kind: 'file', size: 1, mode: 0o644, uid: 0, gid: 0, hash: 'x' } as LayerEntry],
  ].map((entries, index) => ({ index, diffId: `sha256:${index}`, sizeBytes: 0, command: `step ${index}`, entries }));
  return { model: { name: 't', tags: [], layers, history: [], paths, warnings: [] }, conf };
}

describe('pathHistory', () => {
  it('lists every layer that added, modified, removed or hid a path', () => {
    const { model, conf } = image();
    const steps = pathHistory(model, conf).map((s) => [s.layer, s.change, s.entry.size, s.writtenBy]);
    expect(steps).toEqual([
      [0, 'added', 10, 0],
      [1, 'modified', 12, 1],
      [2, 'removed', 12, 1],
      [3, 'added', 5, 3],
      [4, 'opaque-hidden', 5, 3],
    ]);
  });

  it('a file written over a parent directory removes the path', () => {
    const { model, conf } = image();
    const cut = { ...model, layers: [model.layers[0]!, model.layers[5]!] };
    expect(pathHistory(cut, conf).map((s) => s.change)).toEqual(['added', 'removed']);
  });

  it('versionAt: the visible version, the one a layer removed, or nothing', () => {
    const { model, conf } = image();
    const history = pathHistory(model, conf);
    expect(versionAt(history, 0)).toMatchObject({ layer: 0, removed: false });
    expect(versionAt(history, 1)).toMatchObject({ layer: 1, removed: false });
    expect(versionAt(history, 2)).toMatchObject({ layer: 1, removed: true });
    expect(versionAt(history, 3)).toMatchObject({ layer: 3, removed: false });
    expect(versionAt(history, 4)).toMatchObject({ layer: 3, removed: true });
    expect(versionAt(history, 5)).toBeUndefined();
  });

  // Docker checked (docker load, docker run ls): a layer holding only d/.wh..wh..opq hides d/file and
  // keeps an empty /d; x/y alone makes a directory /x; f/g alone turns the file /f into a directory.
  it('a layer that only marks a directory opaque changes it; one that writes below a path makes it a directory', () => {
    const model = buildModel([
      {
        entries: [
          { path: 'd', kind: 'dir' },
          { path: 'd/file', size: 4 },
          { path: 'f', size: 6 },
        ],
      },
      { entries: [{ path: 'd', kind: 'opaque' }] },
      {
        entries: [
          { path: 'x/y', size: 3 },
          { path: 'f/g', size: 3 },
        ],
      },
      { entries: [{ path: 'd', kind: 'whiteout' }] },
      { entries: [{ path: 'd', kind: 'opaque' }] },
    ]);
    const steps = (path: string) =>
      pathHistory(model, model.paths.find(path)!).map((s) => [s.layer, s.change, s.entry.kind, s.entry.size, s.writtenBy]);
    expect(steps('d')).toEqual([
      [0, 'added', 'dir', 0, 0],
      // The directory stays, written by layer 0; layer 1 emptied it.
      [1, 'modified', 'dir', 0, 0],
      [3, 'removed', 'dir', 0, 0],
      // A marker in a directory that is not there: the runtime makes the directory.
      [4, 'added', 'dir', 0, 4],
    ]);
    expect(steps('d/file')).toEqual([
      [0, 'added', 'file', 4, 0],
      [1, 'opaque-hidden', 'file', 4, 0],
    ]);
    expect(steps('x')).toEqual([[2, 'added', 'dir', 0, 2]]);
    expect(steps('f')).toEqual([
      [0, 'added', 'file', 6, 0],
      [2, 'modified', 'dir', 0, 2],
    ]);
    expect(versionAt(pathHistory(model, model.paths.find('d')!), 1)).toMatchObject({ layer: 0, removed: false });
  });

  it('a whiteout of a parent directory removes the path', () => {
    const model = buildModel([
      {
        entries: [
          { path: 'e', kind: 'dir' },
          { path: 'e/f', size: 3 },
        ],
      },
      { entries: [{ path: 'e', kind: 'whiteout' }] },
    ]);
    expect(pathHistory(model, model.paths.find('e/f')!).map((s) => [s.layer, s.change])).toEqual([
      [0, 'added'],
      [1, 'removed'],
    ]);
  });
});
