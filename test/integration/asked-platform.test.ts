// --platform against sources that hold one image: an explicit platform the image is not is an error (as
// docker's "was found but does not match the specified platform"), the host's default platform opens
// any image, and every command (the analysis, cat, diff) treats the default the same way. Archives
// built in code with the platform written into the config (and, for OCI, the index descriptor).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageSpec } from '../../src/io/archive-writer/image-spec.js';
import { writeImageArchive } from '../../src/io/archive-writer/write-image-archive.js';
import { cli, expectOneLineError } from '../helpers/run-cli.js';

const image = (platform: ImageSpec['platform']): ImageSpec => ({
  platform,
  layers: [{ command: 'RUN x', entries: [{ path: 'etc/hello', content: 'hi\n' }] }],
});

describe('--platform on a source that holds one image', () => {
  let dir = '';
  const file = (name: string): string => join(dir, name);
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ls-platform-'));
    writeFileSync(file('amd64.tar'), writeImageArchive(image({ os: 'linux', architecture: 'amd64' }), 'docker-oci'));
    writeFileSync(file('s390x.oci.tar'), writeImageArchive(image({ os: 'linux', architecture: 's390x' }), 'oci-archive'));
    writeFileSync(file('armv7.tar'), writeImageArchive(image({ os: 'linux', architecture: 'arm' }), 'docker-oci'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('an explicit platform the image is not: one line, exit 2', async () => {
    expectOneLineError(
      await cli(['--json', '-', '--platform', 'linux/arm64', file('amd64.tar')]),
      /amd64\.tar is a linux\/amd64 image, not linux\/arm64 as --platform asked$/,
      /leave out --platform/,
    );
    expectOneLineError(
      await cli(['cat', '--platform', 'linux/arm64', file('amd64.tar'), '/etc/hello']),
      /is a linux\/amd64 image, not linux\/arm64/,
    );
  });

  it('the platform it is, and a config without a variant asked with one, open it', async () => {
    const same = await cli(['--json', '-', '--platform', 'linux/amd64', file('amd64.tar')]);
    expect(same.code, same.stderr).toBe(0);
    const arm = await cli(['--json', '-', '--platform', 'linux/arm/v7', file('armv7.tar')]);
    expect(arm.code, arm.stderr).toBe(0);
  });

  it("without --platform, a single image of another platform opens in every command, as the explorer's does", async () => {
    // This host is not s390x: the host's platform is only the default.
    const json = await cli(['--json', '-', file('s390x.oci.tar')]);
    expect(json.code, json.stderr).toBe(0);
    const cat = await cli(['cat', file('s390x.oci.tar'), '/etc/hello']);
    expect(cat.stderr).toBe('');
    expect(cat.stdout).toBe('hi\n');
    const diff = await cli(['diff', '--json', '-', file('amd64.tar'), file('s390x.oci.tar')]);
    expect(diff.code, diff.stderr).toBe(0);
  });
});
