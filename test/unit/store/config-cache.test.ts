// Image configs kept by digest: only bytes that hash to the digest are kept, and a kept file that no
// longer hashes to its name is not given back.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigCache } from '../../../src/io/store/config-cache.js';

const root = mkdtempSync(join(tmpdir(), 'ls-configs-'));
const configs = new ConfigCache(join(root, 'config'), join(root, 'tmp'));
const config = Buffer.from('{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}');
const hex = createHash('sha256').update(config).digest('hex');

describe('ConfigCache', () => {
  it('gives back what it kept under its digest, and nothing for another digest', async () => {
    await configs.keep(`sha256:${hex}`, config);
    expect(await configs.get(`sha256:${hex}`)).toEqual(config);
    expect(await configs.get(`sha256:${'0'.repeat(64)}`)).toBeUndefined();
    expect(await configs.get('md5:abc')).toBeUndefined();
  });

  it('does not keep bytes under a digest they do not have', async () => {
    const other = `sha256:${'ab'.repeat(32)}`;
    await configs.keep(other, config);
    expect(readdirSync(join(root, 'config'))).toEqual([hex]);
    expect(await configs.get(other)).toBeUndefined();
  });

  it('does not give back a kept file changed on disk', async () => {
    writeFileSync(join(root, 'config', hex), config.toString().replace('amd64', 'arm64'));
    expect(await configs.get(`sha256:${hex}`)).toBeUndefined();
  });
});
