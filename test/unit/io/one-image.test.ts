// Issue 15: an archive that holds one image opens it whatever its platform; the host's platform (what
// the CLI passes when --platform is not given) only breaks a tie among several; an explicit --platform
// that does not match stays an error.
import { describe, expect, it } from 'vitest';
import type { ImageSpec } from '../../../src/io/archive-writer/image-spec.js';
import { writeImageArchive } from '../../../src/io/archive-writer/write-image-archive.js';
import { expectLayerscopeError, READERS } from './archive-helpers.js';

const imageFor = (architecture: string, variant?: string): ImageSpec => ({
  repoTags: ['one:latest'],
  platform: { os: 'linux', architecture, ...(variant ? { variant } : {}) },
  layers: [{ command: `ADD ${architecture}`, entries: [{ path: 'arch', content: architecture }] }],
});
const host = { platform: { os: 'linux', architecture: 'amd64' }, platformIsHostDefault: true };
const asked = { platform: { os: 'linux', architecture: 'amd64' } };

describe.each(READERS)('an archive with one image (%s)', (_how, read) => {
  it('opens a lone arm64 image on an amd64 host, unless --platform asked for amd64', async () => {
    const archive = writeImageArchive(imageFor('arm64', 'v8'), 'oci-archive');
    expect(await read(archive, host)).toMatchObject({ architecture: 'arm64', variant: 'v8' });
    await expectLayerscopeError(read(archive, asked), 'platform', /^no linux\/amd64 image in test\.tar; it has: linux\/arm64\/v8$/);
  });

  it('opens the one platform whose blobs a containerd export kept, though the index lists the host’s too', async () => {
    const archive = writeImageArchive(imageFor('arm64', 'v8'), 'oci-archive', {
      images: [imageFor('amd64')],
      nestedIndex: true,
      attestation: true,
      dropOtherImageBlobs: true,
    });
    expect(await read(archive, host)).toMatchObject({ architecture: 'arm64' });
    await expectLayerscopeError(read(archive, asked), 'archive', /missing/);
  });

  it('with several images present, the host platform breaks the tie, and none matching is an error', async () => {
    const two = writeImageArchive(imageFor('arm64', 'v8'), 'oci-archive', { images: [imageFor('amd64')] });
    expect(await read(two, host)).toMatchObject({ architecture: 'amd64' });
    const other = writeImageArchive(imageFor('arm64', 'v8'), 'oci-archive', { images: [imageFor('s390x')] });
    await expectLayerscopeError(
      read(other, host),
      'platform',
      /^no linux\/amd64 image in test\.tar; it has: linux\/arm64\/v8, linux\/s390x$/,
    );
  });
});
