import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { diffLines, unifiedDiff } from '../../../src/presentation/line-diff.js';
import { prng } from '../../helpers/prng.js';

const lines = (s: string): string[] => s.split('\n').slice(0, -1);

describe('unifiedDiff (expected output printed by GNU `diff -u --label old --label new`)', () => {
  test('two hunks: a change near the top, a line added at the end', () => {
    const a = lines('a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n');
    const b = lines('a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\n');
    expect(unifiedDiff(a, b, 'old', 'new')).toEqual([
      '--- old',
      '+++ new',
      '@@ -1,5 +1,5 @@',
      ' a',
      '-b',
      '+B',
      ' c',
      ' d',
      ' e',
      '@@ -8,3 +8,4 @@',
      ' h',
      ' i',
      ' j',
      '+k',
    ]);
  });
  test('from an empty file', () => expect(unifiedDiff([], ['x'], 'old', 'new')).toEqual(['--- old', '+++ new', '@@ -0,0 +1 @@', '+x']));
  test('equal texts: nothing', () => expect(unifiedDiff(['a'], ['a'], 'old', 'new')).toEqual([]));
});

/** Edits (- and + lines) GNU diff needs: minimal on inputs this small. */
function gnuEdits(a: string[], b: string[]): number {
  const dir = mkdtempSync(join(tmpdir(), 'ls-diff-'));
  writeFileSync(join(dir, 'a'), a.map((l) => `${l}\n`).join(''));
  writeFileSync(join(dir, 'b'), b.map((l) => `${l}\n`).join(''));
  const out = spawnSync('diff', ['--minimal', join(dir, 'a'), join(dir, 'b')], { encoding: 'utf8' }).stdout;
  return out.split('\n').filter((l) => l.startsWith('< ') || l.startsWith('> ')).length;
}

describe('diffLines', () => {
  test('random texts: the script rebuilds both sides and is as short as GNU diff --minimal', () => {
    const rng = prng(42);
    for (let round = 0; round < 60; round++) {
      const pick = (): string[] => Array.from({ length: Math.floor(rng() * 30) }, () => 'abcde'[Math.floor(rng() * 5)]!);
      const a = pick();
      const b = pick();
      const ops = diffLines(a, b);
      expect(ops.filter((o) => o.kind !== '+').map((o) => o.text)).toEqual(a);
      expect(ops.filter((o) => o.kind !== '-').map((o) => o.text)).toEqual(b);
      expect(ops.filter((o) => o.kind !== ' ').length).toBe(gnuEdits(a, b));
    }
  });
  test('texts too different for the search still give a correct diff', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`);
    const ops = diffLines(['same', ...a, 'end'], ['same', ...b, 'end']);
    expect(ops[0]).toEqual({ kind: ' ', text: 'same' });
    expect(ops.filter((o) => o.kind === '-').length).toBe(3000);
    expect(ops.filter((o) => o.kind === '+').length).toBe(3000);
    expect(ops.at(-1)).toEqual({ kind: ' ', text: 'end' });
  });
});
