// Any image archive on a stream → ImageModel, in one pass: `docker save` (<= 24 and >= 25), podman /
// skopeo docker-archive, OCI image-layout tars (FORMATS.md §1). Layers are parsed as they stream past
// (archive-members.ts); once the manifest (always last) is in, they are put in order here.
import type { Readable } from 'node:stream';
import { LayerscopeError } from '../../core/errors.js';
import type { ImageModel } from '../../core/model.js';
import type { ReadOptions } from '../read-options.js';
import { chooseDockerImage } from '../image/docker-manifest.js';
import { checkLayerDescriptor, resolveImage } from '../oci/resolve-image.js';
import { readArchiveMembers, type ArchiveMembers } from './archive-members.js';
import { configDiffIds } from './layer-blobs.js';
import { Members, type SeeParts } from './member-view.js';

export type { SeeParts } from './member-view.js';

const HEX_DIGEST = /^(?:blobs\/sha256\/([0-9a-f]{64})|([0-9a-f]{64})\.(?:tar|json))$/;
const digestOfPath = (path: string): string | undefined => {
  const m = HEX_DIGEST.exec(path);
  return m ? `sha256:${m[1] ?? m[2]}` : undefined;
};
const blobPath = (digest: string): string => `blobs/${digest.replace(':', '/')}`;

async function fromOciIndex(members: Members, index: unknown, opts: ReadOptions, see?: SeeParts): Promise<ImageModel> {
  const resolved = await resolveImage(index, async (digest) => members.json(blobPath(digest)), {
    platform: opts.platform,
    platformIsHostDefault: opts.platformIsHostDefault,
    name: opts.pickRef ?? opts.name,
    nameRequired: opts.pickRef !== undefined,
    where: members.where,
  });
  const configPath = blobPath(resolved.config.digest);
  const config = members.json(configPath);
  if (config === undefined) {
    throw new LayerscopeError(
      'archive',
      `config ${resolved.config.digest} is missing from ${members.where}`,
      'the archive is incomplete; export the image again',
    );
  }
  resolved.layers.forEach((d, i) => checkLayerDescriptor(d, i, members.has(blobPath(d.digest)), members.where));
  await members.load(
    resolved.layers.map((d) => blobPath(d.digest)),
    configDiffIds(config),
  );
  const layers = resolved.layers.map((d, i) => ({ parsed: members.layer(blobPath(d.digest), i), digest: d.digest }));
  await members.keepTrusted(
    resolved.layers.map((d) => blobPath(d.digest)),
    config,
    opts,
  );
  // Docker >= 25 also writes manifest.json, whose RepoTags are the full names.
  const dockerManifest = members.m.json.has('manifest.json') ? members.json('manifest.json') : undefined;
  const dockerItem = Array.isArray(dockerManifest)
    ? (dockerManifest as { Config?: unknown; RepoTags?: unknown }[]).find((i) => i.Config === configPath)
    : undefined;
  const repoTags = Array.isArray(dockerItem?.RepoTags) ? (dockerItem.RepoTags as string[]) : [];
  const parts = {
    config,
    configWhere: `${resolved.config.digest}`,
    id: resolved.config.digest,
    tags: repoTags.length ? repoTags : resolved.tags,
    layers,
    name: opts.name,
    scanSecrets: opts.scanSecrets === true,
    warnings: resolved.warnings,
  };
  return members.assemble(parts, configPath, see);
}

async function fromDockerManifest(members: Members, manifest: unknown, opts: ReadOptions, see?: SeeParts): Promise<ImageModel> {
  const { item, warnings } = chooseDockerImage(manifest, opts.pickRef ?? opts.name, members.where, opts.pickRef !== undefined);
  const config = members.json(item.Config);
  if (config === undefined) {
    throw new LayerscopeError(
      'archive',
      `config '${item.Config}' named by manifest.json is missing from ${members.where}`,
      'the archive is incomplete; export the image again',
    );
  }
  await members.load(item.Layers, configDiffIds(config));
  const layers = item.Layers.map((path, i) => ({
    parsed: members.layer(path, i),
    digest: digestOfPath(members.resolve(path)),
  }));
  await members.keepTrusted(item.Layers, config, opts);
  const parts = {
    config,
    configWhere: `'${item.Config}'`,
    id: digestOfPath(item.Config),
    tags: item.RepoTags,
    layers,
    name: opts.name,
    scanSecrets: opts.scanSecrets === true,
    warnings,
  };
  return members.assemble(parts, item.Config, see);
}

/**
 * Reads an image archive (any shape of FORMATS.md §1, or an OCI layout tar) from `input` in one pass.
 * `sourceName` names it in messages (a file path; default 'the archive'); `see` is shown what it was made of.
 */
export async function readImageArchive(
  input: Readable,
  opts: ReadOptions,
  sourceName = 'the archive',
  see?: SeeParts,
): Promise<ImageModel> {
  return imageFromMembers(await readArchiveMembers(input, opts, sourceName), opts, sourceName, see);
}

/** The image in an archive whose members are known (streamed past, or indexed in a file). */
export async function imageFromMembers(raw: ArchiveMembers, opts: ReadOptions, sourceName: string, see?: SeeParts): Promise<ImageModel> {
  if (raw.bytesRead === 0) {
    throw new LayerscopeError(
      'archive',
      `${sourceName} is empty`,
      'expected an image archive: docker save, podman save or skopeo copy output',
    );
  }
  const members = new Members(raw, sourceName);
  if (raw.json.has('index.json')) return fromOciIndex(members, members.json('index.json'), opts, see);
  if (raw.json.has('manifest.json')) return fromDockerManifest(members, members.json('manifest.json'), opts, see);
  throw new LayerscopeError(
    'archive',
    `${sourceName} has no manifest.json or index.json, so it is not an image archive`,
    raw.memberCount === 0 ? 'the archive holds no files' : 'expected the output of docker save, podman save or skopeo copy',
  );
}
