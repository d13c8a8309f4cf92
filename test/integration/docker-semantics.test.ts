// Where layerscope claims to apply layers as Docker does (docs/formats-notes.md), ask Docker: each archive
// built here is `docker load`ed into the real daemon, a container created from it and `docker export`ed,
// and the exported filesystem compared with what layerscope's `--json-files` says (each layer's entries
// and their change, stacked naively below) and with its final numbers (finalFileCount, finalVisibleBytes).
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LayerSpec } from '../../src/io/archive-writer/image-spec.js';
import { writeImageArchive } from '../../src/io/archive-writer/write-image-archive.js';
import { dockerAvailable, requireOrSkip } from '../helpers/integration.js';
import { cli } from '../helpers/run-cli.js';
import { exported, type Kind } from '../helpers/docker-export.js';

const haveDocker = requireOrSkip('Docker daemon', dockerAvailable());

interface JsonFile {
  path: string;
  kind: string;
  change: string;
}

/** The final filesystem by stacking `--json-files` naively: a layer's removals and opaque markers first, then its entries. */
function stacked(doc: { layer: { files: JsonFile[] }[] }): Map<string, Kind> {
  const fs = new Map<string, Kind>();
  const dropUnder = (path: string, self: boolean) => {
    for (const p of [...fs.keys()]) if ((self && p === path) || p.startsWith(`${path}/`)) fs.delete(p);
  };
  for (const layer of doc.layer) {
    const files = layer.files.map((f) => ({ ...f, path: f.path.replace(/^\//, '') }));
    for (const f of files) if (f.change === 'removed') dropUnder(f.path, true);
    for (const f of files) if (f.change === 'opaque-hidden' && f.path !== '') dropUnder(f.path, false); // Docker: a root marker hides nothing
    for (const f of files) {
      if (f.change === 'removed' || f.change === 'opaque-hidden') continue;
      if (f.kind !== 'dir') dropUnder(f.path, false);
      for (let at = f.path.lastIndexOf('/'); at > 0; at = f.path.lastIndexOf('/', at - 1)) {
        if (fs.get(f.path.slice(0, at)) !== 'dir') fs.set(f.path.slice(0, at), 'dir');
      }
      fs.set(f.path, f.kind === 'dir' ? 'dir' : f.kind === 'symlink' ? 'symlink' : 'file');
    }
  }
  return fs;
}

const CASES: [string, LayerSpec[]][] = [
  [
    'a file over a directory removes what the same layer wrote in it',
    [
      {
        command: 'ADD',
        entries: [
          { path: 'low', type: 'dir' },
          { path: 'low/keep', content: 'k' },
        ],
      },
      {
        command: 'RUN',
        entries: [
          { path: 'd/x', content: 'abc' },
          { path: 'd/e/y', content: 'abc' },
          { path: 'd', content: 'fives' },
          { path: 'low', type: 'symlink', linkTarget: 'd' },
        ],
      },
    ],
  ],
  [
    'a hardlink keeps the bytes when the original name is deleted',
    [
      {
        command: 'ADD',
        entries: [
          { path: 'h', content: 'hard' },
          { path: 'h2', type: 'hardlink', linkTarget: 'h' },
          { path: 'other', content: '12345' },
        ],
      },
      { command: 'RUN rm h', entries: [{ path: 'h', type: 'whiteout' }] },
    ],
  ],
  [
    'an opaque marker at the root hides nothing',
    [
      {
        command: 'ADD',
        entries: [
          { path: 'a', content: 'aaa' },
          { path: 'd', type: 'dir' },
          { path: 'd/x', content: 'x' },
        ],
      },
      {
        command: 'RUN',
        entries: [
          { path: '', type: 'opaque' },
          { path: 'b', content: 'bb' },
        ],
      },
    ],
  ],
  [
    'opaque directories, deleted directories, a directory over a file',
    [
      {
        command: 'ADD',
        entries: [
          { path: 'o', type: 'dir' },
          { path: 'o/old', content: 'old' },
          { path: 'gone', type: 'dir' },
          { path: 'gone/f', content: 'f' },
          { path: 'was-file', content: 'wf' },
        ],
      },
      {
        command: 'RUN',
        entries: [
          { path: 'o', type: 'opaque' },
          { path: 'o/new', content: 'new!' },
          { path: 'gone', type: 'whiteout' },
          { path: 'was-file', type: 'dir' },
          { path: 'was-file/in', content: 'in' },
        ],
      },
    ],
  ],
];

describe.skipIf(!haveDocker)('layers applied as Docker applies them', () => {
  let dir: string;
  const tags: string[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ls-docker-semantics-'));
  });
  afterAll(async () => {
    if (tags.length) execFileSync('docker', ['rmi', '-f', ...tags]);
    await rm(dir, { recursive: true, force: true });
  });

  it.each(CASES.map(([name, layers], i) => [name, layers, i] as const))('%s', { timeout: 120_000 }, async (_name, layers, i) => {
    const tag = `layerscope-test/semantics-${i}:1`;
    tags.push(tag);
    const path = join(dir, `case-${i}.tar`);
    await writeFile(path, writeImageArchive({ repoTags: [tag], layers }, 'docker-legacy'));
    execFileSync('docker', ['load', '-q', '-i', path]);
    const docker = exported(tag);
    const run = await cli(['--json', '-', '--json-files', path]);
    expect(run.stderr).toBe('');
    const doc = JSON.parse(run.stdout);
    expect(Object.fromEntries([...stacked(doc)].sort())).toEqual(Object.fromEntries([...docker.files].sort()));
    expect(doc.image.finalFileCount).toBe(docker.regular);
    expect(doc.image.finalVisibleBytes).toBe(docker.bytes);
  });
});
