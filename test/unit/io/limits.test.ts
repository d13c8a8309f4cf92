// README "Limits": each bound is one clear error, and lists from an image stay short in messages.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { writeTar } from '../../../src/io/archive-writer/tar-writer.js';
import { writeImageArchive } from '../../../src/io/archive-writer/write-image-archive.js';
import { expectLayerscopeError, READERS } from './archive-helpers.js';

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));
const config = json({
  os: 'linux',
  architecture: 'amd64',
  rootfs: { type: 'layers', diff_ids: [] },
  history: Array(20_000).fill({ created_by: 'x' }),
});

describe.each(READERS)('limits (%s)', (_how, read) => {
  const manifest = (count: number, configName = 'c.json') =>
    writeTar([
      { name: 'c.json', content: json({ os: 'linux', rootfs: { type: 'layers', diff_ids: [] } }) },
      { name: 'big.json', content: config },
      {
        name: 'manifest.json',
        content: json(Array.from({ length: count }, (_, i) => ({ Config: configName, RepoTags: [`t:${i}`], Layers: [] }))),
      },
    ]);

  it('refuses a manifest.json listing more than 10,000 images', async () => {
    await expectLayerscopeError(read(manifest(20_000)), 'archive', /^manifest\.json of test\.tar lists 20000 images; the limit is 10,000$/);
  });

  it('names five of many images in its warning, and how many more', async () => {
    const model = await read(manifest(50));
    expect(model.warnings).toEqual(['test.tar holds 50 images (t:0, t:1, t:2, t:3, t:4 and 45 more); showing t:0']);
  });

  it('refuses a config with more than 10,000 history steps', async () => {
    await expectLayerscopeError(read(manifest(1, 'big.json')), 'archive', /has 20000 history steps; the limit is 10,000$/);
  });

  it('refuses indexes nested more than 4 deep', async () => {
    const spec = { layers: [{ command: 'x', entries: [{ path: 'a', content: 'a' }] }] };
    expect((await read(writeImageArchive(spec, 'oci-archive', { nestedIndex: true }))).layers).toHaveLength(1);
    let inner = { mediaType: 'application/vnd.oci.image.index.v1+json', digest: `sha256:${'0'.repeat(64)}` };
    const files = [];
    for (let level = 0; level < 6; level++) {
      const body = json({ schemaVersion: 2, manifests: [inner] });
      const digest = createHash('sha256').update(body).digest('hex');
      files.push({ name: `blobs/sha256/${digest}`, content: body });
      inner = { mediaType: 'application/vnd.oci.image.index.v1+json', digest: `sha256:${digest}` };
    }
    const archive = writeTar([
      { name: 'oci-layout', content: Buffer.from('{"imageLayoutVersion":"1.0.0"}') },
      ...files,
      { name: 'index.json', content: json({ schemaVersion: 2, manifests: [inner] }) },
    ]);
    await expectLayerscopeError(read(archive), 'archive', /^indexes in test\.tar nest more than 4 deep; the limit is 4$/);
  });
});
