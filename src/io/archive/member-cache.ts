// A stream's layer member and the layer cache: skipped unread when its name gives a diff id that is
// cached, else parsed with its sha256 computed and stored under that.
import type { ParsedLayer } from './parse-layer.js';
import type { ParsedLayerCache, VerifiedParse } from '../store/parsed-cache.js';

// The member names that say a layer's diff id before its bytes: Docker >= 25's blobs/sha256/<diff id>
// (or, from the containerd store, a compressed digest: simply never found), podman's <diff id>.tar, and
// Docker <= 24's <v1 id>/layer.tar, whose diff id the cache learnt when it last hashed that layer and
// the config agreed.
const NAMED_BY_DIGEST = /^(?:blobs\/sha256\/([0-9a-f]{64})|([0-9a-f]{64})\.tar)$/;
const NAMED_BY_V1_ID = /^([0-9a-f]{64})\/layer\.tar$/;

/** The v1 id of a Docker <= 24 member `<v1 id>/layer.tar`, which the cache aliases to its diff id. */
export const v1IdOf = (name: string): string | undefined => NAMED_BY_V1_ID.exec(name)?.[1];

/**
 * A stream's layer member: from the cache when its name gives a diff id stored there (not parsed, not
 * hashed), else parsed with its sha256 computed, and kept under that. `cacheable` is false when the
 * bytes must go on (into the layer store): then the member is parsed whatever the cache holds (and kept).
 * `compressed`: a gzip or zstd member, whose `blobs/sha256/<hex>` name is its blob's digest, not its tar's.
 * What comes back says what its tar is known to be for the model's diff_id check: the sha256 computed
 * here (`tarDigest`), or, taken from the cache, the diff id its name gave (`namedAs`).
 */
export async function parseOrRecallMember(
  cache: ParsedLayerCache | undefined,
  name: string,
  cacheable: boolean,
  parse: () => Promise<VerifiedParse>,
  withSecrets: boolean,
  compressed: boolean,
): Promise<ParsedLayer> {
  if (!cache) return (await parse()).parsed;
  const named = NAMED_BY_DIGEST.exec(name);
  const v1 = v1IdOf(name);
  const known = named ? `sha256:${named[1] ?? named[2]}` : v1 ? await cache.aliased(v1) : undefined;
  if (known && cacheable) {
    // A blob digest is not a tar's: the tar's hash is not handed to the cache, which would take it for
    // another layer than the one asked for (and share this parse no more).
    const blobName = compressed && named !== null;
    let hashed: string | undefined;
    let parsedHere = false;
    const layer = await cache.recall(
      known,
      async () => {
        parsedHere = true;
        const result = await parse();
        hashed = result.diffId;
        return blobName ? { parsed: result.parsed } : result;
      },
      withSecrets,
    );
    if (parsedHere) return hashed ? { ...layer, tarDigest: hashed } : layer;
    // Another read's parse (of this process, or cached): not of these bytes, which were not read.
    const { tarDigest: _theirs, ...recalled } = layer;
    return blobName ? recalled : { ...recalled, namedAs: known };
  }
  // Parsed (and hashed) anyway: kept for the next read. A v1 id is learnt only once the config says the
  // layer is the diff id it hashed to (learnAliases, trusted-layers.ts): a tampered layer under a genuine
  // v1 id would otherwise stand in for the genuine one in every later read of that id.
  const result = await cache.parsed(parse);
  if (!result.diffId) return result.parsed;
  await cache.put(result.diffId, result.parsed).catch(() => undefined);
  return { ...result.parsed, tarDigest: result.diffId };
}
