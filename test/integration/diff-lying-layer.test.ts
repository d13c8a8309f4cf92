// `layerscope diff A B` through the BUILT CLI, where A's second layer holds other bytes than the diff id its
// config gives it, and that diff id is B's genuine second layer: each image shows its own files. The two
// reads share one process (and its parses by diff id), so A's parse must not stand in for B's layer.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LayerSpec } from '../../src/io/archive-writer/image-spec.js';
import { writeImageArchive } from '../../src/io/archive-writer/write-image-archive.js';
import { cli } from '../helpers/run-cli.js';

// What Docker 20.10's `docker load` said the tar of B's second layer hashes to (diff-id-mismatch.test.ts).
const GENUINE = 'sha256:80c7cc48377d12032e56c7aa58c82bccd202bdd67d0ca1b7f9264c1170d6b828';
const first: LayerSpec = { command: 'ADD a', entries: [{ path: 'a', content: 'one' }] };

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ls-diff-lie-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it("A's lying layer does not stand in for B's genuine one", async () => {
  const a = join(dir, 'a.tar');
  const b = join(dir, 'b.tar');
  const lying = { command: 'ADD b', entries: [{ path: 'evil', content: 'evil!' }], diffId: GENUINE };
  await writeFile(a, writeImageArchive({ repoTags: ['lies:1'], layers: [first, lying] }, 'docker-legacy'));
  const genuine = { command: 'ADD b', entries: [{ path: 'b', content: 'two' }] };
  const third = { command: 'ADD c', entries: [{ path: 'c', content: 'c' }] };
  await writeFile(b, writeImageArchive({ repoTags: ['genuine:1'], layers: [first, genuine, third] }, 'docker-legacy'));
  const run = await cli(['diff', '--json', '-', a, b]);
  expect(run.code, run.stderr).toBe(0);
  const files = (JSON.parse(run.stdout) as { files: { path: string; change: string }[] }).files;
  // By hand: A has /a and /evil, B has /a, /b and /c.
  expect(files.map((f) => [f.path, f.change])).toEqual([
    ['/evil', 'removed'],
    ['/b', 'added'],
    ['/c', 'added'],
  ]);
  expect(run.stderr).toMatch(/^layerscope: warning: A: layer 2: its tar hashes to sha256:[0-9a-f]{64}, not to the config's diff_id /);
});
