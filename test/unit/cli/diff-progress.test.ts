// `layerscope diff` reads both images under one progress line: the sums of both sides, a total only when
// both know theirs, and the line erased before anything else is drawn.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bothProgress, sumProgress } from '../../../src/cli/diff/both-progress.js';
import { diffOptionsFrom, diffProgram } from '../../../src/cli/diff/diff-options.js';
import { readBoth } from '../../../src/cli/diff/read-side.js';
import type { CliIo } from '../../../src/cli/cli-io.js';
import { writeImageArchive } from '../../../src/io/archive-writer/write-image-archive.js';
import type { ReadProgress } from '../../../src/io/read-options.js';

describe('the two sides added up', () => {
  const a: ReadProgress = { bytesRead: 10, bytesTotal: 100, layersDone: 1, layersTotal: 3 };
  const b: ReadProgress = { bytesRead: 5, bytesTotal: 50, layersDone: 0, layersTotal: 2 };
  it('only one side heard from: no total yet', () => {
    expect(sumProgress(a, undefined)).toEqual({ bytesRead: 10, layersDone: 1 });
  });
  it('both with totals: 15 of 150 bytes, 1 of 5 layers', () => {
    expect(sumProgress(a, b)).toEqual({ bytesRead: 15, bytesTotal: 150, layersDone: 1, layersTotal: 5 });
  });
  it('a stream without a byte total: layers still totalled, bytes not', () => {
    const { bytesTotal: _unknown, ...stream } = b;
    expect(sumProgress(a, stream)).toEqual({ bytesRead: 15, layersDone: 1, layersTotal: 5 });
  });
  it('each side reports the sum of both, as they arrive', () => {
    const seen: ReadProgress[] = [];
    const [onA, onB] = bothProgress((p) => seen.push(p));
    onA(a);
    onB(b);
    onA({ ...a, bytesRead: 100, layersDone: 3 });
    expect(seen.map((p) => [p.bytesRead, p.layersDone, p.layersTotal])).toEqual([
      [10, 1, undefined],
      [15, 1, 5],
      [105, 3, 5],
    ]);
  });
});

describe('readBoth on a terminal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ls-diff-progress-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const layer = (name: string) => ({ command: `COPY ${name} /`, entries: [{ path: name, content: name.repeat(50) }] });

  it('shows one line for both images (2 + 1 layers) and erases it', async () => {
    writeFileSync(join(dir, 'a.tar'), writeImageArchive({ repoTags: ['a:1'], layers: [layer('x'), layer('y')] }, 'docker-legacy'));
    writeFileSync(join(dir, 'b.tar'), writeImageArchive({ repoTags: ['b:1'], layers: [layer('z')] }, 'docker-legacy'));
    const program = diffProgram().exitOverride();
    program.parse(['--no-ui', join(dir, 'a.tar'), join(dir, 'b.tar')], { from: 'user' });
    const written: string[] = [];
    const stderr = { isTTY: true, columns: 100, write: (s: string) => written.push(s) > 0 } as unknown as NodeJS.WriteStream;
    const io = { argv: [], env: {}, stdin: process.stdin, stdout: process.stdout, stderr } as unknown as CliIo;
    const [sideA, sideB] = await readBoth(diffOptionsFrom(program), io, {});
    expect([sideA.image.layers.length, sideB.image.layers.length]).toEqual([2, 1]);
    expect(written.some((line) => line.startsWith('\r\x1b[2Kreading A and B: ') && line.includes('3/3 layers'))).toBe(true);
    expect(written.at(-1)).toBe('\r\x1b[2K');
  });
});
