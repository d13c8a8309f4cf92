// importUi: what the UI's modules see while they load (no CI variables, no fetch) and that all of it
// is put back afterwards, when the import fails too.
import { afterEach, describe, expect, it } from 'vitest';
import { importUi } from '../../../src/cli/explore/run-explore.js';

const originalFetch = globalThis.fetch;
const originalCi = process.env.CI;

afterEach(() => {
  globalThis.fetch = originalFetch;
  if (originalCi === undefined) delete process.env.CI;
  else process.env.CI = originalCi;
});

describe('importUi', () => {
  it('hides fetch and CI while the UI loads, and puts them back', async () => {
    process.env.CI = 'true';
    const seen = await importUi(async () => ({ fetch: typeof globalThis.fetch, ci: process.env.CI }));
    expect(seen).toEqual({ fetch: 'undefined', ci: undefined });
    expect(globalThis.fetch).toBe(originalFetch);
    expect(process.env.CI).toBe('true');
  });

  it('puts them back when the import fails', async () => {
    process.env.CI = '1';
    await expect(
      importUi(async () => {
        throw new Error('no ui');
      }),
    ).rejects.toThrow('no ui');
    expect(typeof globalThis.fetch).toBe('function');
    expect(globalThis.fetch).toBe(originalFetch);
    expect(process.env.CI).toBe('1');
  });
});
