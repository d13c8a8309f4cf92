// Secrets in the image config of archives written in code (no daemon): an image with no layer at all is
// still scanned and its history still redacted (an audit found it read as `--no-secret-scan`), and a
// token in Cmd can be allowed by the name Cmd.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeImageArchive } from '../../src/io/archive-writer/write-image-archive.js';
import { cli } from '../helpers/run-cli.js';
import { FAKE_CASES } from '../unit/secrets/fake-secrets.js';

const ghp = FAKE_CASES.find((c) => c.rule === 'github-token')!.secret;
const npm = FAKE_CASES.find((c) => c.rule === 'npm-token')!.secret;
let dir: string;
const at = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ls-config-secrets-'));
  const config = { Env: [`GITHUB_TOKEN=${ghp}`], Cmd: ['serve', `--npm=${npm}`] };
  const noLayers = {
    repoTags: ['empty:1'],
    layers: [],
    config,
    emptySteps: [{ command: `|1 NPM_TOKEN=${npm} /bin/sh -c true`, after: -1 }],
  };
  await writeFile(at('empty.tar'), writeImageArchive(noLayers, 'docker-oci'));
  await writeFile(at('allow.yaml'), 'secrets:\n  allow:\n    names: [GITHUB_TOKEN, Cmd]\n');
});

describe('secrets in the config of an archive', () => {
  it('an image with no layer is scanned, and its history shown redacted', async () => {
    const run = await cli(['--json', '-', at('empty.tar')]);
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.secretScan).toMatchObject({ scanned: true, scannedFiles: 0 });
    expect(doc.configSecrets.map((s: { field: string; name: string }) => `${s.field} ${s.name}`)).toEqual([
      'env GITHUB_TOKEN',
      'cmd ',
      'history NPM_TOKEN',
    ]);
    expect(doc.history[0].createdBy).toBe('|1 NPM_TOKEN=npm_…(40 chars) /bin/sh -c true');
    expect(run.stdout).not.toContain(npm);
    expect(run.stdout).not.toContain(ghp);
  });

  it('--ci counts them; secrets.allow.names takes Cmd for a token in the command', async () => {
    const failed = await cli(['--ci', '--ci-config', '/dev/null', at('empty.tar')]);
    expect(failed.stdout).toMatch(/FAIL: secrets: .*\(secrets=3 > threshold=0\)/);
    expect(failed.stdout).toContain('Secrets: 3 found in 0 text files and the image config');
    const allowed = await cli(['--ci', '--ci-config', at('allow.yaml'), '--ci-format', 'json', at('empty.tar')]);
    const report = JSON.parse(allowed.stdout);
    expect(report.configSecrets.map((s: { name: string }) => s.name)).toEqual(['NPM_TOKEN']);
    expect(report.secretScan.allowed).toBe(2);
  });
});
