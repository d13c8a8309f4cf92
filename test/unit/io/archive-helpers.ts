// Shared by the io tests: read an in-memory archive and describe a model's layers in plain data.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { isLayerscopeError, type ErrorKind } from '../../../src/core/errors.js';
import type { ImageModel } from '../../../src/core/model.js';
import { readArchiveFile } from '../../../src/io/archive/read-archive-file.js';
import { readImageArchive } from '../../../src/io/archive/read-image-archive.js';
import type { ImageSpec } from '../../../src/io/archive-writer/image-spec.js';
import { streamOf, writeImageArchive, type ArchiveFormat, type WriteOptions } from '../../../src/io/archive-writer/write-image-archive.js';
import type { ReadOptions } from '../../../src/io/read-options.js';

export const readBuffer = (archive: Buffer, opts: ReadOptions = {}, chunkSize?: number): Promise<ImageModel> =>
  readImageArchive(streamOf(archive, chunkSize), opts, 'test.tar');

/** The same archive read from a file, with random access (readArchiveFile), named 'test.tar' too. */
export async function readFileBuffer(archive: Buffer, opts: ReadOptions = {}): Promise<ImageModel> {
  const dir = await mkdtemp(join(tmpdir(), 'layerscope-archive-'));
  try {
    await writeFile(join(dir, 'test.tar'), archive);
    return await readArchiveFile(join(dir, 'test.tar'), archive.length, opts, 'test.tar');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export type ReadArchive = (archive: Buffer, opts?: ReadOptions, chunkSize?: number) => Promise<ImageModel>;
/** Both ways an archive is read, for describe.each: streamed (stdin, daemon) and from a file. */
export const READERS: [string, ReadArchive][] = [
  ['streamed', readBuffer],
  ['from a file', readFileBuffer],
];

export const writeAndReadBy =
  (read: ReadArchive) =>
  (spec: ImageSpec, format: ArchiveFormat, write: WriteOptions = {}, opts: ReadOptions = {}): Promise<ImageModel> =>
    read(writeImageArchive(spec, format, write), opts);
export const writeAndRead = writeAndReadBy((archive, opts, chunkSize) => readBuffer(archive, opts, chunkSize));

export interface PlainEntry {
  path: string;
  kind: string;
  size: number;
  linkTarget?: string;
  hash?: boolean;
}

/** One layer's entries as plain objects (hash reduced to present/absent unless asked). */
export function entriesOf(model: ImageModel, layer: number): PlainEntry[] {
  return model.layers[layer]!.entries.map((e) => ({
    path: model.paths.path(e.path),
    kind: e.kind,
    size: e.size,
    ...(e.linkTarget !== undefined ? { linkTarget: e.linkTarget } : {}),
    ...(e.hash !== undefined ? { hash: true } : {}),
  }));
}

/** Everything a reader decides about an image, for comparing shapes with each other. */
export function summary(model: ImageModel): unknown {
  return {
    id: model.id,
    tags: model.tags,
    os: model.os,
    architecture: model.architecture,
    history: model.history,
    layers: model.layers.map((l, i) => ({
      diffId: l.diffId,
      command: l.command,
      sizeBytes: l.sizeBytes,
      created: l.created,
      entries: l.entries.map((e) => ({ ...e, path: model.paths.path(e.path) })),
      i,
    })),
  };
}

export async function expectLayerscopeError(promise: Promise<unknown>, kind: ErrorKind, message: RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isLayerscopeError(error), `expected a LayerscopeError, got ${String(error)}`).toBe(true);
  const e = error as { kind: string; message: string; hint?: string };
  expect(e.kind).toBe(kind);
  expect(e.message).toMatch(message);
  expect(e.message).not.toContain('\n');
  expect(e.hint).toBeTruthy();
}
