// Incremental marking is off exactly while images are read (src/cli/reading-gc.ts says why), and back on
// after the last read, whether it succeeded or failed.
import { describe, expect, it, vi } from 'vitest';

const flags = vi.hoisted(() => [] as string[]);
vi.mock('node:v8', async (original) => ({
  ...(await original<typeof import('node:v8')>()),
  setFlagsFromString: (f: string) => flags.push(f),
}));

const { withReadingGc } = await import('../../../src/cli/reading-gc.js');
const { loadImage } = await import('../../../src/cli/load-image.js');

describe('withReadingGc', () => {
  it('turns incremental marking off for the read and on after it', async () => {
    flags.length = 0;
    const seen = await withReadingGc(async () => [...flags]);
    expect(seen).toEqual(['--no-incremental-marking']);
    expect(flags).toEqual(['--no-incremental-marking', '--incremental-marking']);
  });

  it('turns it back on when the read fails', async () => {
    flags.length = 0;
    await expect(withReadingGc(() => Promise.reject(new Error('broken archive')))).rejects.toThrow('broken archive');
    expect(flags).toEqual(['--no-incremental-marking', '--incremental-marking']);
  });

  it('two reads at once (a diff): on again only when both are done', async () => {
    flags.length = 0;
    let finishA!: () => void;
    const a = withReadingGc(() => new Promise<void>((resolve) => (finishA = resolve)));
    const b = withReadingGc(async () => undefined);
    await b;
    expect(flags).toEqual(['--no-incremental-marking']);
    finishA();
    await a;
    expect(flags).toEqual(['--no-incremental-marking', '--incremental-marking']);
  });

  it('loadImage reads with it off', async () => {
    flags.length = 0;
    const image = await loadImage({ kind: 'demo', location: 'demo' }, { env: {}, stdin: process.stdin, pull: false }, {});
    expect(image.layers.length).toBeGreaterThan(0);
    expect(flags).toEqual(['--no-incremental-marking', '--incremental-marking']);
  });
});
