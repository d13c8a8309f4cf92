// Waste reasons on a hand-worked image: each path's writers and removers, with the commands, and the
// hint its history calls for (worked out from the layer list below, not from the code).
import { describe, expect, it } from 'vitest';
import { analyzeImage } from '../../../src/core/analyze.js';
import { wasteReasons } from '../../../src/core/waste-reasons.js';
import { buildModel } from '../../helpers/model-builder.js';

const image = buildModel([
  {
    command: 'RUN apt-get update && build',
    entries: [
      { path: 'var/lib/apt/lists', kind: 'dir' },
      { path: 'var/lib/apt/lists/deb_Packages', size: 100 },
      { path: 'app/run.sh', size: 10, hash: 'h-run', mode: 0o644 },
      { path: 'build/out.o', size: 50 },
      { path: 'root/.cache/pip/http/a', size: 30 },
      { path: 'home/dev/.npm/_cacache/x', size: 7 },
    ],
  },
  {
    command: 'RUN rm -rf /var/lib/apt/lists /build/out.o',
    entries: [
      { path: 'var/lib/apt/lists', kind: 'whiteout' },
      { path: 'build/out.o', kind: 'whiteout' },
    ],
  },
  { command: 'RUN chmod +x /app/run.sh', entries: [{ path: 'app/run.sh', size: 10, hash: 'h-run', mode: 0o755 }] },
  { command: 'COPY conf /etc/conf # buildkit', entries: [{ path: 'etc/conf', size: 20, hash: 'h-conf' }] },
  { command: '/bin/sh -c #(nop) COPY dir:abc in /etc', entries: [{ path: 'etc/conf', size: 20, hash: 'h-conf' }] },
  {
    command: 'RUN rm -rf /root/.cache /home/dev/.npm',
    entries: [
      { path: 'root/.cache', kind: 'whiteout' },
      { path: 'home/dev/.npm', kind: 'whiteout' },
    ],
  },
  { command: 'RUN echo v2 > /etc/conf', entries: [{ path: 'etc/conf', size: 3, hash: 'h-v2' }] },
]);

const all = wasteReasons(image, analyzeImage(image));
const reasons = new Map(all.map((r) => [r.path, r]));

describe('wasteReasons', () => {
  it('lists the layers that wrote a path and the one that deleted it, with commands', () => {
    expect(reasons.get('build/out.o')).toEqual({
      path: 'build/out.o',
      scope: 'file',
      sizeBytes: 50,
      steps: [
        { layer: 0, change: 'added', command: 'RUN apt-get update && build', sizeBytes: 50 },
        { layer: 1, change: 'removed', command: 'RUN rm -rf /var/lib/apt/lists /build/out.o', sizeBytes: 0 },
      ],
      hint: expect.objectContaining({ id: 'deleted-later' }),
    });
  });

  it('directories deleted whole (which dive never counts): writers, remover, bytes, cache hints', () => {
    expect(all.filter((r) => r.scope === 'directory').map((r) => [r.path, r.sizeBytes, r.hint?.id])).toEqual([
      ['var/lib/apt/lists', 100, 'apt-cache'],
      ['root/.cache', 30, 'deleted-later'], // ~/.cache as a whole is not one tool's cache
      ['home/dev/.npm', 7, 'npm-cache'],
    ]);
    expect(reasons.get('var/lib/apt/lists')!.steps).toEqual([
      { layer: 0, change: 'added', command: 'RUN apt-get update && build', sizeBytes: 100 },
      { layer: 1, change: 'removed', command: 'RUN rm -rf /var/lib/apt/lists /build/out.o', sizeBytes: 0 },
    ]);
  });

  it('a rewrite with the same bytes and a new mode is a chmod in its own layer', () => {
    const run = reasons.get('app/run.sh')!;
    expect(run.steps.map((s) => [s.layer, s.change])).toEqual([
      [0, 'added'],
      [2, 'modified'],
    ]);
    expect(run.hint?.id).toBe('metadata-only');
  });

  it('the same bytes copied by two COPY steps, then overwritten for real', () => {
    const conf = reasons.get('etc/conf')!;
    expect(conf.steps.map((s) => [s.layer, s.change, s.sizeBytes])).toEqual([
      [3, 'added', 20],
      [4, 'modified', 20],
      [6, 'modified', 3],
    ]);
    expect(conf.hint?.id).toBe('copied-twice');
  });
});
