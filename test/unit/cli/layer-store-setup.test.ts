// The layer cache's cap: --cache-max, else LAYERSCOPE_CACHE_MAX, else 5G (sizes in powers of 1024).
import { describe, expect, it } from 'vitest';
import { capText } from '../../../src/cli/commands/cache-command.js';
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

// Sizes are read in powers of 1024, so the cap shows in them: 5G is 5 GiB (it showed as "5.4 GB").
describe('the cap as cache ls shows it', () => {
  it.each([
    [5 * 1024 ** 3, '5 GiB'],
    [512 * 1024 ** 2, '512 MiB'],
    [1024, '1 KiB'],
    [1500, '1.5 kB'],
  ])('%d bytes: %s', (bytes, shown) => {
    expect(capText(bytes)).toBe(shown);
  });
});
