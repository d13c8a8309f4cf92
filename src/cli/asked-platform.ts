// `--platform` asked for an image the source does not hold. An index (archive, OCI layout, registry)
// chooses among its images and refuses an absent platform itself; a source with one image (a single
// manifest, a daemon's tag, a docker save) gives that image whatever it is. Asked explicitly, a
// different platform is an error, as docker's is ("was found but does not match the specified
// platform"); the host's platform, asked by default, only breaks ties, and any image opens.
import { LayerscopeError } from '../core/errors.js';
import type { ImageModel } from '../core/model.js';
import { platformMatches } from '../io/oci/resolve-image.js';
import { formatPlatform, type ReadOptions } from '../io/read-options.js';

/** `shown`: the source as the user named it; `daemon`: the engine whose store the image came from (it can pull another). */
export function checkAskedPlatform(
  image: ImageModel,
  opts: Pick<ReadOptions, 'platform' | 'platformIsHostDefault'>,
  shown: string,
  daemon: 'docker' | 'podman' | undefined,
): ImageModel {
  const want = opts.platform;
  if (!want || opts.platformIsHostDefault || !image.os || !image.architecture) return image;
  const have = { os: image.os, architecture: image.architecture, ...(image.variant ? { variant: image.variant } : {}) };
  // Many configs leave the variant out (arm/v7 images built by older tools): then os and architecture decide.
  if (platformMatches(image.variant ? want : { os: want.os, architecture: want.architecture }, have)) return image;
  const asked = formatPlatform(want);
  throw new LayerscopeError(
    'platform',
    `${shown} is a ${formatPlatform(have)} image, not ${asked} as --platform asked`,
    daemon
      ? `pull that platform into the daemon first (${daemon} pull --platform ${asked} ${shown}), or leave out --platform`
      : `it holds no other platform: leave out --platform, or read a multi-platform image (an index) that has ${asked}`,
  );
}
