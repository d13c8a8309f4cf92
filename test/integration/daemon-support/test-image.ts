// One small image per test file: built FROM scratch with busybox, saved with `docker save`, and read
// from that archive to give the expected summary every live source must match.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBusyboxImage, removeImages, saveImage } from './busybox-image.js';
import { readArchiveFile, summarise } from './model-summary.js';

export interface TestImage {
  /** name:v1 */
  readonly ref: string;
  /** The bare name (also tagged latest). */
  readonly repository: string;
  readonly archive: string;
  readonly workDir: string;
  readonly expected: ReturnType<typeof summarise>;
  cleanup(): Promise<void>;
}

/** Steps that exercise the interesting cases: overwrite, delete, symlink, hardlink, opaque dir. */
const STEPS = [
  'mkdir -p /app/keep && echo hello > /app/a.txt && ln -s a.txt /app/link && ln /app/a.txt /app/hard',
  'echo again > /app/a.txt && rm /bin/wc && echo 1234567890 > /app/keep/data',
  'rm -rf /app/keep && mkdir /app/keep && echo new > /app/keep/b.txt',
];

export async function prepareTestImage(prefix: string): Promise<TestImage> {
  const repository = `lstest-${prefix}-${randomBytes(4).toString('hex')}`;
  const ref = `${repository}:v1`;
  const workDir = mkdtempSync(join(tmpdir(), `ls-${prefix}-`));
  const archive = join(workDir, 'image.tar');
  await buildBusyboxImage(ref, STEPS, [`${repository}:latest`]);
  await saveImage(ref, archive);
  const expected = summarise(await readArchiveFile(archive));
  return {
    ref,
    repository,
    archive,
    workDir,
    expected,
    cleanup: async () => {
      await removeImages([ref, `${repository}:latest`]);
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
