// Multi-platform indexes: nested (containerd style), attestation manifests, blobs of other platforms missing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImageSpec } from '../../../src/io/archive-writer/image-spec.js';
import { writeImageArchive, writeOciLayout, type WriteOptions } from '../../../src/io/archive-writer/write-image-archive.js';
import { readOciLayout } from '../../../src/io/oci/read-oci-layout.js';
import { expectLayerscopeError, READERS } from './archive-helpers.js';

const imageFor = (architecture: string, variant?: string): ImageSpec => ({
  repoTags: ['multi:latest'],
  platform: { os: 'linux', architecture, ...(variant ? { variant } : {}) },
  layers: [{ command: `ADD ${architecture}`, entries: [{ path: 'arch', content: architecture }] }],
});
const amd64 = imageFor('amd64');
const arm64 = imageFor('arm64', 'v8');
const multi: WriteOptions = { images: [arm64], nestedIndex: true, attestation: true, dropOtherImageBlobs: true, compression: 'gzip' };

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe.each(READERS)('multi-platform archives (%s)', (_how, read) => {
  it('reads the requested platform from a nested index whose other blobs are missing', async () => {
    const model = await read(writeImageArchive(amd64, 'oci-archive', multi), { platform: { os: 'linux', architecture: 'amd64' } });
    expect(model.layers.map((l) => l.command)).toEqual(['ADD amd64']);
    expect(model.architecture).toBe('amd64');
    expect(model.tags).toEqual(['multi:latest']);
    expect(model.warnings).toEqual([]);
  });

  it('fails when the requested platform’s blobs are the missing ones', async () => {
    await expectLayerscopeError(
      read(writeImageArchive(amd64, 'oci-archive', multi), { platform: { os: 'linux', architecture: 'arm64' } }),
      'archive',
      /^manifest for linux\/arm64\/v8 sha256:[0-9a-f]{64} is missing from test\.tar$/,
    );
  });

  it('picks --platform when all blobs are present (arm64 matches arm64/v8)', async () => {
    const archive = writeImageArchive(amd64, 'oci-archive', { ...multi, dropOtherImageBlobs: false });
    const model = await read(archive, { platform: { os: 'linux', architecture: 'arm64' } });
    expect(model.layers.map((l) => l.command)).toEqual(['ADD arm64']);
    expect(model.variant).toBe('v8');
  });

  it('names the platforms it has when the requested one is absent (skipping unknown/unknown)', async () => {
    await expectLayerscopeError(
      read(writeImageArchive(amd64, 'oci-archive', multi), { platform: { os: 'linux', architecture: 's390x' } }),
      'platform',
      /^no linux\/s390x image in test\.tar; it has: linux\/amd64, linux\/arm64\/v8$/,
    );
  });

  it('without a platform, shows the first and warns that there are more', async () => {
    const model = await read(writeImageArchive(amd64, 'oci-archive', { ...multi, dropOtherImageBlobs: false }));
    expect(model.architecture).toBe('amd64');
    expect(model.warnings).toEqual(['test.tar holds 2 images (linux/amd64, linux/arm64/v8); showing linux/amd64']);
  });

  it('uses a single manifest without platform info whatever the platform asked', async () => {
    const model = await read(writeImageArchive(amd64, 'docker-oci'), { platform: { os: 'linux', architecture: 'riscv64' } });
    expect(model.layers).toHaveLength(1);
  });

  it('reads a multi-platform OCI directory and picks an image by ref name', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ls-multi-'));
    dirs.push(dir);
    await writeOciLayout(amd64, dir, { ...multi, nestedIndex: false, dropOtherImageBlobs: false });
    const arm = await readOciLayout(dir, { platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } });
    expect(arm.layers[0]!.command).toBe('ADD arm64');
    const byRef = await readOciLayout(dir, { platform: { os: 'linux', architecture: 'amd64' } }, 'latest');
    expect(byRef.layers[0]!.command).toBe('ADD amd64');
    await expectLayerscopeError(readOciLayout(dir, {}, 'nope'), 'source', /^no image named 'nope' in .*; it has: latest$/);
  });
});

describe.each(READERS)('multi-platform archives without a platform asked (%s)', (_how, read) => {
  it('prefers the platform whose blobs are present', async () => {
    const model = await read(writeImageArchive(amd64, 'oci-archive', { ...multi, keepBlobsOf: 1 }));
    expect(model.architecture).toBe('arm64');
    expect(model.warnings).toEqual([]);
  });
});
