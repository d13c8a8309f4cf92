// Small test images built the way the brief asks: FROM scratch, busybox copied in, RUN steps with the
// classic builder (DOCKER_BUILDKIT=0), so no base image and no network is needed.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './commands.js';

export const BUSYBOX = '/bin/busybox';

export async function buildBusyboxImage(tag: string, runSteps: readonly string[], extraTags: readonly string[] = []): Promise<void> {
  const context = mkdtempSync(join(tmpdir(), 'ls-build-'));
  try {
    copyFileSync(BUSYBOX, join(context, 'busybox'));
    const dockerfile = [
      'FROM scratch',
      'COPY busybox /bin/busybox',
      'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
      ...runSteps.map((step) => `RUN ${step}`),
      'ENV LAYERSCOPE_TEST=1',
      'CMD ["/bin/sh"]',
    ].join('\n');
    writeFileSync(join(context, 'Dockerfile'), dockerfile);
    const tags = [tag, ...extraTags].flatMap((t) => ['-t', t]);
    await run('docker', ['build', '-q', ...tags, context], { DOCKER_BUILDKIT: '0' });
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
}

export async function saveImage(ref: string, file: string, host?: string): Promise<void> {
  await run('docker', [...(host ? ['-H', host] : []), 'save', '-o', file, ref]);
}

export async function removeImages(refs: readonly string[]): Promise<void> {
  await run('docker', ['rmi', '-f', ...refs]).catch(() => undefined);
}
