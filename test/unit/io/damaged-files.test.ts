// Damaged archive files, seeded: bytes flipped anywhere, or the file cut short. Read from a file (random
// access) the outcome must be what the streaming reader decides: the same image, or a one-line
// LayerscopeError, never another exception or a hang.
import { describe, expect, it } from 'vitest';
import { isLayerscopeError } from '../../../src/core/errors.js';
import type { ImageModel } from '../../../src/core/model.js';
import { writeImageArchive, type ArchiveFormat, type WriteOptions } from '../../../src/io/archive-writer/write-image-archive.js';
import { prng } from '../../helpers/prng.js';
import { readBuffer, readFileBuffer, summary } from './archive-helpers.js';
import { SAMPLE } from './sample-spec.js';

const CASES = 150;
const SHAPES: [ArchiveFormat, WriteOptions][] = [
  ['docker-legacy', {}],
  ['docker-oci', {}],
  ['podman', {}],
  ['oci-archive', { compression: 'gzip' }],
];

function damage(archive: Buffer, rand: () => number): Buffer {
  if (rand() < 0.25) return archive.subarray(0, Math.floor(rand() * archive.length));
  const copy = Buffer.from(archive);
  const flips = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < flips; i++) {
    const at = Math.floor(rand() * copy.length);
    copy[at] = copy[at]! ^ (1 + Math.floor(rand() * 255));
  }
  return copy;
}

type Outcome = { model: ImageModel } | { error: string };
const outcome = (reading: Promise<ImageModel>): Promise<Outcome> =>
  reading.then(
    (model) => ({ model }),
    (error: unknown) => {
      expect(isLayerscopeError(error), String(error)).toBe(true);
      expect((error as Error).message).not.toContain('\n');
      return { error: (error as Error).message };
    },
  );

describe.each(SHAPES)('damaged %s files', (format, write) => {
  it(`reads ${CASES} damaged copies as the streaming reader does`, async () => {
    const archive = writeImageArchive(SAMPLE, format, write);
    const rand = prng(format.length * 7919);
    for (let i = 0; i < CASES; i++) {
      const bad = damage(archive, rand);
      const [fromFile, streamed] = await Promise.all([outcome(readFileBuffer(bad)), outcome(readBuffer(bad))]);
      expect(
        'model' in fromFile,
        `case ${i}: file ${JSON.stringify('error' in fromFile ? fromFile.error : 'ok')}, stream ${JSON.stringify('error' in streamed ? streamed.error : 'ok')}`,
      ).toBe('model' in streamed);
      if ('model' in fromFile && 'model' in streamed) expect(summary(fromFile.model), `case ${i}`).toEqual(summary(streamed.model));
    }
  });
});
