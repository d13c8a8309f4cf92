// A decompressing read reuses the memory it frees (reuse-freed-memory.ts): counted as the kernel counts
// it, in page faults, in fresh processes (glibc's thresholds are per process and only ever rise). Each
// child inflates the same 96 MiB gzip stream in 1 MiB reads; the one given our decompressor must fault
// far fewer pages than the one given Node's gunzip with the same chunk size. Runs the built code
// (`npm test` builds first).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';

const decompressModule = new URL('../../../dist/io/archive/decompress.js', import.meta.url).pathname;
const glibc = Boolean((process.report.getReport() as { header?: { glibcVersionRuntime?: string } }).header?.glibcVersionRuntime);

const child = `
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
const [, file, which, module] = process.argv;
const { decompressorFor } = await import(module);
const before = process.resourceUsage().minorPageFault;
const unzip = which === 'ours' ? decompressorFor('gzip') : createGunzip({ chunkSize: 1 << 20 });
let bytes = 0;
for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }).pipe(unzip)) bytes += chunk.length;
console.log(JSON.stringify({ bytes, faults: process.resourceUsage().minorPageFault - before }));
`;

describe.skipIf(!glibc || !existsSync(decompressModule))('reading compressed layers on glibc', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ls-faults-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'layer.gz');
  writeFileSync(file, gzipSync(Buffer.alloc(96 << 20, 'layer bytes '), { level: 0 }));
  const run = (which: 'ours' | 'node'): { bytes: number; faults: number } =>
    JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', child, file, which, decompressModule]).toString());

  it('faults in fewer pages than a gunzip that gets a fresh mapping for every MiB', () => {
    const node = run('node');
    const ours = run('ours');
    expect(ours.bytes).toBe(96 << 20);
    expect(node.bytes).toBe(96 << 20);
    // 96 MiB of fresh 1 MiB buffers is 24,576 pages; measured 17-19k for Node's gunzip, 10.7k for ours.
    expect(ours.faults).toBeLessThan(node.faults * 0.75);
  });
});
