// The layers a trusted producer's stream held (ReadOptions.trustedProducer), kept in the layer cache once
// the manifest and config say which diff id each one is. Its layers are not hashed as they pass: the
// producer computed those diff ids itself when it stored the layers, and could write the cache anyway.
import type { ParsedLayer } from './parse-layer.js';
import type { ParsedLayerCache } from '../store/parsed-cache.js';
import { v1IdOf } from './member-cache.js';

export interface NamedLayer {
  /** The member the layer was read from (Docker <= 24: <v1 id>/layer.tar, which the cache then aliases). */
  readonly member: string;
  readonly parsed: ParsedLayer;
}

/**
 * Keeps each layer of `layers` parsed unhashed (`unhashed` names their members) under the diff id at the
 * same place in `diffIds`; nothing when the two lists do not pair up. A cache that cannot be written costs
 * the next read its speed, never this one its result.
 */
export async function keepTrustedLayers(
  cache: ParsedLayerCache | undefined,
  unhashed: ReadonlySet<string> | undefined,
  layers: readonly NamedLayer[],
  diffIds: readonly (string | undefined)[],
): Promise<void> {
  if (!cache || !unhashed?.size || layers.length !== diffIds.length) return;
  const done = new Set<string>();
  for (const [i, { member, parsed }] of layers.entries()) {
    const diffId = diffIds[i];
    if (!unhashed.has(member) || diffId === undefined || done.has(member)) continue;
    done.add(member);
    // Both take a sha256 diff id only: any other is not kept.
    await cache.put(diffId, parsed).catch(() => undefined);
    const v1 = v1IdOf(member);
    if (v1) await cache.alias(v1, diffId);
  }
}

/**
 * Teaches the cache the diff id of each Docker <= 24 member `<v1 id>/layer.tar` this read hashed, once the
 * config names the same diff id at that place: a stream's next read of the id then skips the member.
 */
export async function learnAliases(
  cache: ParsedLayerCache | undefined,
  layers: readonly NamedLayer[],
  diffIds: readonly (string | undefined)[],
): Promise<void> {
  if (!cache || layers.length !== diffIds.length) return;
  for (const [i, { member, parsed }] of layers.entries()) {
    const v1 = v1IdOf(member);
    if (v1 && parsed.tarDigest !== undefined && parsed.tarDigest === diffIds[i]) await cache.alias(v1, parsed.tarDigest);
  }
}
