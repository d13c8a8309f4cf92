// Files and directories as image sources: dispatch by kind, sniffing for plain paths, clear errors.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeImageArchive, streamOf, writeOciLayout } from '../../../src/io/archive-writer/write-image-archive.js';
import { openFileSource } from '../../../src/io/open-file-source.js';
import { expectLayerscopeError, summary } from './archive-helpers.js';
import { SAMPLE } from './sample-spec.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ls-files-'));
  await writeFile(join(dir, 'docker.tar'), writeImageArchive(SAMPLE, 'docker-legacy'));
  await writeFile(join(dir, 'oci.tar'), writeImageArchive(SAMPLE, 'oci-archive', { compression: 'gzip' }));
  await writeOciLayout(SAMPLE, join(dir, 'layout'));
  await mkdir(join(dir, 'plain-dir'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('openFileSource', () => {
  it('reads every kind of file source to the same image', async () => {
    const expected = summary(await openFileSource('docker-archive', join(dir, 'docker.tar'), {}));
    expect(summary(await openFileSource('oci-archive', join(dir, 'oci.tar'), {}))).toEqual(expected);
    expect(summary(await openFileSource('oci', join(dir, 'layout'), {}))).toEqual(expected);
    expect(summary(await openFileSource('path', join(dir, 'layout'), {}))).toEqual(expected);
    expect(summary(await openFileSource('path', join(dir, 'oci.tar'), {}))).toEqual(expected);
    const stdin = streamOf(writeImageArchive(SAMPLE, 'podman'));
    expect(summary(await openFileSource('stdin', '-', { stdin }))).toEqual(expected);
  });

  it('accepts skopeo-style PATH:REF', async () => {
    const model = await openFileSource('oci', `${join(dir, 'layout')}:1.0`, {});
    expect(model.layers).toHaveLength(4);
    const tagged = await openFileSource('docker-archive', `${join(dir, 'docker.tar')}:sample:1.0`, {});
    expect(tagged.name).toBe('sample:1.0');
    // An OCI archive's ref picks by its image name or by its ref name (skopeo's oci-archive:PATH:1.0).
    expect((await openFileSource('oci-archive', `${join(dir, 'oci.tar')}:sample:1.0`, {})).name).toBe('sample:1.0');
    expect((await openFileSource('oci-archive', `${join(dir, 'oci.tar')}:1.0`, {})).name).toBe('1.0');
  });

  // skopeo refuses a PATH:REF the archive does not hold; showing its first image under REF would pass a
  // gate on an image nobody asked for, labelled as the one they did.
  it('refuses a PATH:REF the archive does not hold, naming what it has', async () => {
    for (const [kind, file] of [
      ['docker-archive', 'docker.tar'],
      ['oci-archive', 'oci.tar'],
      ['path', 'docker.tar'],
    ] as const) {
      await expectLayerscopeError(
        openFileSource(kind, `${join(dir, file)}:myapp:1.2`, {}),
        'source',
        /^no image 'myapp:1\.2' in .*; it has: sample:1\.0$/,
      );
    }
  });

  it('reports progress against the file size', async () => {
    const seen: { bytesRead: number; bytesTotal?: number }[] = [];
    await openFileSource('path', join(dir, 'docker.tar'), { onProgress: (p) => seen.push(p) });
    expect(seen.at(-1)!.bytesRead).toBe(seen.at(-1)!.bytesTotal);
  });

  it('says clearly what is wrong with the path', async () => {
    await expectLayerscopeError(openFileSource('path', join(dir, 'missing.tar'), {}), 'source', /^no such file: .*missing\.tar$/);
    await expectLayerscopeError(
      openFileSource('oci', join(dir, 'plain-dir'), {}),
      'source',
      /is not an OCI image layout \(no oci-layout file\)$/,
    );
    await expectLayerscopeError(openFileSource('path', join(dir, 'plain-dir'), {}), 'source', /is not an OCI image layout/);
    await expectLayerscopeError(
      openFileSource('docker-archive', join(dir, 'plain-dir'), {}),
      'source',
      /is a directory, not an image archive$/,
    );
    await expectLayerscopeError(openFileSource('oci', join(dir, 'docker.tar'), {}), 'source', /is not a directory$/);
    await expectLayerscopeError(openFileSource('stdin', '-', {}), 'usage', /no standard input/);
    const terminal = Object.assign(streamOf(Buffer.alloc(0)), { isTTY: true });
    await expectLayerscopeError(openFileSource('stdin', '-', { stdin: terminal }), 'usage', /standard input is a terminal/);
  });
});
