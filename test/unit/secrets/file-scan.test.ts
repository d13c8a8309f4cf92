// The per-layer scan as the parser drives it: bytes in chunks from reused buffers, binary and large
// files skipped and counted.
import { describe, expect, it } from 'vitest';
import { LayerSecretScan } from '../../../src/core/secrets/file-scan.js';
import { FAKE_CASES } from './fake-secrets.js';

const github = FAKE_CASES.find((c) => c.rule === 'github-token')!;

function feed(scan: LayerSecretScan, path: string, bytes: Buffer, chunk: number): void {
  const sink = scan.file(path, bytes.length);
  if (!sink) return;
  const ring = Buffer.alloc(chunk);
  for (let at = 0; at < bytes.length; at += chunk) {
    const n = bytes.copy(ring, 0, at, at + chunk);
    sink.data(ring.subarray(0, n));
    ring.fill(0x2e); // the parser reuses its buffers: what was handed over must have been copied
  }
  sink.end();
}

describe('LayerSecretScan', () => {
  it('finds a secret split across chunks of a reused buffer', () => {
    const scan = new LayerSecretScan();
    feed(scan, 'app/deploy.sh', Buffer.from(github.content), 7);
    expect(scan.result()).toEqual({
      findings: [{ rule: 'github-token', path: 'app/deploy.sh', redacted: `ghp_…(40 chars)` }],
      scannedFiles: 1,
      skippedBinary: 0,
      skippedLarge: 0,
      skippedSystem: 0,
    });
  });

  it('skips and counts binary files (a NUL in the first 8000 bytes) and files over the limit', () => {
    const scan = new LayerSecretScan(undefined, 1000);
    feed(scan, 'bin/tool', Buffer.concat([Buffer.from('\x7fELF\0'), Buffer.from(github.content)]), 64);
    const late = Buffer.concat([Buffer.alloc(8000, 0x61), Buffer.from('\0'), Buffer.from(github.content)]);
    const lateScan = new LayerSecretScan();
    feed(lateScan, 'data/text-then-nul', late, 4096);
    feed(scan, 'big.txt', Buffer.concat([Buffer.from(github.content), Buffer.alloc(1001 - github.content.length, 0x61)]), 512);
    feed(scan, 'fits.txt', Buffer.from(github.content), 512);
    expect(scan.result()).toMatchObject({ scannedFiles: 1, skippedBinary: 1, skippedLarge: 1 });
    expect(scan.result().findings.map((f) => f.path)).toEqual(['fits.txt']);
    // A NUL past the first 8000 bytes does not make a file binary (git's rule).
    expect(lateScan.result()).toMatchObject({ scannedFiles: 1, skippedBinary: 0 });
    expect(lateScan.result().findings).toHaveLength(1);
  });

  it("skips the package manager's trees (trivy's system-dir allow rules, dpkg/rpm/apk databases) and counts them", () => {
    const scan = new LayerSecretScan();
    for (const path of [
      'usr/share/doc/x/README',
      'usr/lib/python3/dist-packages/x.py',
      'var/lib/dpkg/info/x.list',
      'app/locale/en.json',
      'usr/local/lib/python3.12/x.py',
    ]) {
      expect(scan.file(path, 100), path).toBeUndefined();
    }
    for (const path of ['usr/local/bin/deploy.sh', 'usr/sharez/x', 'app/usr/share/x', 'root/.npmrc'])
      expect(scan.file(path, 100), path).toBeDefined();
    expect(scan.result()).toMatchObject({ skippedSystem: 5 });
  });

  it('takes a whole file in one call', () => {
    const scan = new LayerSecretScan();
    scan.file('app/deploy.sh', github.content.length)!.whole(Buffer.from(github.content));
    expect(scan.result().findings).toHaveLength(1);
  });
});
