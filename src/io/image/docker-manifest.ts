// manifest.json of `docker save` / podman / skopeo docker-archive: one item per image, each naming its
// config and its layer members (base first).
import { LayerscopeError } from '../../core/errors.js';
import { isObject } from './json-blob.js';
import { namesMatch } from './names-match.js';
import { LIMITS, overLimit, someOf } from './limits.js';

export interface DockerManifestItem {
  readonly Config: string;
  readonly RepoTags: readonly string[];
  readonly Layers: readonly string[];
}

function item(value: unknown, where: string): DockerManifestItem {
  const ok =
    isObject(value) && typeof value.Config === 'string' && Array.isArray(value.Layers) && value.Layers.every((l) => typeof l === 'string');
  if (!ok) {
    throw new LayerscopeError(
      'archive',
      `manifest.json of ${where} has an item without Config or Layers`,
      'the archive is damaged; export the image again',
    );
  }
  if ((value.Layers as unknown[]).length > LIMITS.layers)
    throw overLimit(`manifest.json of ${where} lists ${(value.Layers as unknown[]).length} layers for one image`, LIMITS.layers);
  const tags = Array.isArray(value.RepoTags) ? value.RepoTags.filter((t): t is string => typeof t === 'string') : [];
  return { Config: value.Config as string, RepoTags: tags, Layers: value.Layers as string[] };
}

/** PATH:REF named an image the archive does not hold (skopeo refuses it too). */
export function notInArchive(ref: string, where: string, names: readonly string[]): LayerscopeError {
  return new LayerscopeError(
    'source',
    `no image '${ref}' in ${where}; it has: ${someOf(names) || 'no named images'}`,
    names.length ? `write ${where}:${names[0]}, or leave out the :REF part` : 'leave out the :REF part',
  );
}

/**
 * The image named `name` (by RepoTags), else the first one, with a warning when there was a choice.
 * `required`: the user picked `name` (PATH:REF), and an archive without it is an error.
 */
export function chooseDockerImage(
  manifest: unknown,
  name: string | undefined,
  where: string,
  required = false,
): { item: DockerManifestItem; warnings: string[] } {
  if (!Array.isArray(manifest) || manifest.length === 0) {
    throw new LayerscopeError('archive', `manifest.json of ${where} lists no image`, 'the archive is damaged; export the image again');
  }
  if (manifest.length > LIMITS.images) throw overLimit(`manifest.json of ${where} lists ${manifest.length} images`, LIMITS.images);
  const items = manifest.map((m) => item(m, where));
  const named = name === undefined ? undefined : items.find((i) => i.RepoTags.some((t) => namesMatch(t, name)));
  const label = (i: DockerManifestItem): string => i.RepoTags[0] ?? i.Config;
  if (required && name !== undefined && !named)
    throw notInArchive(
      name,
      where,
      items.flatMap((i) => i.RepoTags),
    );
  const chosen = named ?? items[0]!;
  const warnings =
    items.length > 1 && !named ? [`${where} holds ${items.length} images (${someOf(items.map(label))}); showing ${label(chosen)}`] : [];
  return { item: chosen, warnings };
}
