// Whether a layer's tar is the one the image config names. `docker load` refuses an archive whose layer
// does not hash to its diff_id ("invalid diffID for layer N"), so what layerscope would show is no image
// Docker would run: assembleModel warns.
import type { ParsedLayer } from '../archive/parse-layer.js';

/**
 * What the read knows of the layer's tar that the config's diff_id contradicts. Nothing when the read took
 * no hash (ParsedLayer.tarDigest says when). A layer the cache gave by its member's name was not read:
 * the name, not the bytes, disagrees.
 */
export function diffIdDisagreement(parsed: ParsedLayer, diffId: string): string | undefined {
  if (parsed.tarDigest !== undefined && parsed.tarDigest !== diffId) {
    return `its tar hashes to ${parsed.tarDigest}, not to the config's diff_id ${diffId}; docker load would refuse this image`;
  }
  if (parsed.namedAs !== undefined && parsed.namedAs !== diffId) {
    return `its member's name gives ${parsed.namedAs}, not the config's diff_id ${diffId}; shown are the files the layer cache has for that name, not read from the member (--no-cache reads them)`;
  }
  return undefined;
}
