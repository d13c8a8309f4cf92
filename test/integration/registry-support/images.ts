// Test images for the registry, built in code (no pull): a two-layer image per platform, and a
// multi-platform OCI layout with an attestation manifest whose blobs exist (as buildx pushes it).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImageSpec } from '../../../src/io/archive-writer/image-spec.js';
import { writeOciLayout } from '../../../src/io/archive-writer/write-image-archive.js';

export const imageFor = (architecture: string, variant?: string): ImageSpec => ({
  repoTags: ['app:1'],
  platform: { os: 'linux', architecture, ...(variant ? { variant } : {}) },
  layers: [
    {
      command: 'ADD base',
      entries: [
        { path: 'etc', type: 'dir' },
        { path: 'etc/os', content: `os for ${architecture}\n` },
        { path: 'big', size: 300_000 },
      ],
    },
    {
      command: `RUN build ${architecture}`,
      entries: [
        { path: 'arch', content: architecture },
        { path: 'big', type: 'whiteout' },
      ],
    },
  ],
});

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** An OCI layout of amd64 + arm64/v8 images, plus an `unknown/unknown` attestation with real blobs. */
export async function writeMultiPlatformLayout(dir: string): Promise<void> {
  await writeOciLayout(imageFor('amd64'), dir, { images: [imageFor('arm64', 'v8')], compression: 'gzip' });
  const blob = (content: Buffer) => {
    writeFileSync(join(dir, 'blobs/sha256', sha(content)), content);
    return { digest: `sha256:${sha(content)}`, size: content.length };
  };
  const statement = blob(Buffer.from('{"_type":"https://in-toto.io/Statement/v0.1"}'));
  const config = blob(
    Buffer.from(
      '{"architecture":"unknown","os":"unknown","config":{},"rootfs":{"type":"layers","diff_ids":["sha256:' + '1'.repeat(64) + '"]}}',
    ),
  );
  const manifest = blob(
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
        layers: [{ mediaType: 'application/vnd.in-toto+json', ...statement }],
      }),
    ),
  );
  const indexPath = join(dir, 'index.json');
  const index = JSON.parse(readFileSync(indexPath, 'utf8')) as { manifests: Record<string, unknown>[] };
  index.manifests.push({
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    ...manifest,
    platform: { os: 'unknown', architecture: 'unknown' },
    annotations: {
      'vnd.docker.reference.type': 'attestation-manifest',
      'vnd.docker.reference.digest': index.manifests[0]!.digest as string,
    },
  });
  // One index for the whole layout, tagged, so skopeo copies it as one multi-platform image.
  const inner = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: index.manifests.map(({ annotations, ...m }) =>
        m.platform && (m.platform as { os: string }).os === 'unknown' ? { ...m, annotations } : m,
      ),
    }),
  );
  const innerDesc = blob(inner);
  writeFileSync(
    indexPath,
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.index.v1+json',
          ...innerDesc,
          annotations: { 'org.opencontainers.image.ref.name': 'multi' },
        },
      ],
    }),
  );
}
