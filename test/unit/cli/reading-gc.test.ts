// Incremental marking is off exactly while images are read (src/cli/reading-gc.ts says why), and back on
// after the last read, whether it succeeded or failed; `--json` and `--ci` keep it off through the
// analysis too (no one waits on a key there).
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const flags = vi.hoisted(() => [] as string[]);
vi.mock('node:v8', async (original) => ({
  ...(await original<typeof import('node:v8')>()),
  setFlagsFromString: (f: string) => flags.push(f),
}));

// What the flags were when `--json` wrote its file (the analysis and the export are done by then).
const atWrite = vi.hoisted(() => ({ flags: [] as string[] }));
vi.mock('../../../src/cli/output-file.js', async (original) => ({
  ...(await original<typeof import('../../../src/cli/output-file.js')>()),
  writeOutputChunks: async () => {
    atWrite.flags = [...flags];
  },
}));

// Reads raise glibc's trim threshold first (src/cli/allocator-threshold.ts; its effect is measured in
// test/integration/allocator-threshold.test.ts).
const kept = vi.hoisted(() => ({ calls: 0 }));
vi.mock('../../../src/cli/allocator-threshold.js', () => ({ keepFreedBuffers: () => void kept.calls++ }));

const { withReadingGc } = await import('../../../src/cli/reading-gc.js');
const { loadImage } = await import('../../../src/cli/load-image.js');

describe('withReadingGc', () => {
  it('turns incremental marking off for the read and on after it', async () => {
    flags.length = 0;
    const seen = await withReadingGc(async () => [...flags]);
    expect(seen).toEqual(['--no-incremental-marking']);
    expect(flags).toEqual(['--no-incremental-marking', '--incremental-marking']);
  });

  it('keeps freed read buffers for reuse before the read starts', async () => {
    kept.calls = 0;
    const seen = await withReadingGc(async () => kept.calls);
    expect(seen).toBe(1);
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

  it('--json keeps it off until the file is written, and turns it on once the command ends', async () => {
    flags.length = 0;
    const { main } = await import('../../../src/cli/main.js');
    const sink = { write: () => true, on: () => sink, isTTY: false } as unknown as NodeJS.WriteStream;
    const code = await main({
      argv: ['node', 'layerscope', '--no-cache', '--json', join(tmpdir(), `ls-reading-gc-${process.pid}.json`), 'demo'],
      env: {},
      stdin: process.stdin,
      stdout: sink,
      stderr: sink,
    });
    expect(code).toBe(0);
    expect(atWrite.flags).toEqual(['--no-incremental-marking']);
    expect(flags).toEqual(['--no-incremental-marking', '--incremental-marking']);
  });

  it('diff --json keeps it off until the file is written, too', async () => {
    flags.length = 0;
    const { runDiff } = await import('../../../src/cli/diff/run-diff.js');
    const sink = {
      write: (_s: string, done?: () => void) => (done?.(), true),
      on: () => sink,
      isTTY: false,
    } as unknown as NodeJS.WriteStream;
    const out = join(tmpdir(), `ls-reading-gc-diff-${process.pid}.json`);
    const code = await runDiff({ argv: [], env: {}, stdin: process.stdin, stdout: sink, stderr: sink }, [
      '--no-cache',
      '--json',
      out,
      'demo',
      'demo',
    ]);
    expect(code).toBe(0);
    expect(atWrite.flags).toEqual(['--no-incremental-marking']);
    expect(flags).toEqual(['--no-incremental-marking', '--incremental-marking']);
  });
});
