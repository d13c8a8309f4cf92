// The layer cache's cap: --cache-max, else LAYERSCOPE_CACHE_MAX, else 5G (sizes in powers of 1024).
import { describe, expect, it } from 'vitest';
import { layerStoreFrom } from '../../../src/cli/commands/layer-store-setup.js';

const capOf = (env: NodeJS.ProcessEnv, cacheMax?: string): number | undefined =>
  layerStoreFrom({ XDG_CACHE_HOME: '/tmp/ls-cap-test', ...env }, cacheMax === undefined ? {} : { cacheMax })?.maxBytes;

describe('the layer cache cap', () => {
  it('takes --cache-max, else LAYERSCOPE_CACHE_MAX, else 5G', () => {
    expect(capOf({}, '1G')).toBe(1024 ** 3);
    expect(capOf({ LAYERSCOPE_CACHE_MAX: '2G' })).toBe(2 * 1024 ** 3);
    expect(capOf({})).toBe(5 * 1024 ** 3);
  });
  // An empty variable is an unset one (LAYERSCOPE_CACHE_MAX= in a CI file): it was an error.
  it.each(['', '  '])('an empty LAYERSCOPE_CACHE_MAX (%j) is unset: 5G', (value) => {
    expect(capOf({ LAYERSCOPE_CACHE_MAX: value })).toBe(5 * 1024 ** 3);
  });
});
