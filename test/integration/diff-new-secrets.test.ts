// `layerscope diff --fail-on new-secrets` through the BUILT CLI, on archives written in code: B adds a
// file with a fake AWS key id → exit 1 and the finding named (redacted); the same key in both → 0.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImageSpec, LayerSpec } from '../../src/io/archive-writer/image-spec.js';
import { writeImageArchive } from '../../src/io/archive-writer/write-image-archive.js';
import { cli, expectOneLineError } from '../helpers/run-cli.js';
import { FAKE_CASES } from '../unit/secrets/fake-secrets.js';

const aws = FAKE_CASES.find((c) => c.rule === 'aws-access-key-id')!;
const github = FAKE_CASES.find((c) => c.rule === 'github-token')!;
const base: LayerSpec = { command: 'COPY rootfs /', entries: [{ path: 'etc/os', content: 'debian\n' }] };
const app: LayerSpec = { command: 'COPY app /app', entries: [{ path: 'app/main.js', content: 'console.log(1)\n' }] };
const withKey = (command: string): LayerSpec => ({ command, entries: [{ path: aws.path.slice(1), content: aws.content }] });
const image = (tag: string, layers: LayerSpec[]): ImageSpec => ({ repoTags: [tag], layers });
// The redacted form the CI report shows: the first four characters and the length (20 for a key id).
const REDACTED = `${aws.secret.slice(0, 4)}…(${aws.secret.length} chars)`;

let dir: string;
const at = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ls-diff-secrets-'));
  await writeFile(at('clean.tar'), writeImageArchive(image('app:1', [base, app]), 'docker-legacy'));
  await writeFile(at('leaky.tar'), writeImageArchive(image('app:2', [base, app, withKey('COPY aws /root/.aws')]), 'docker-oci'));
  // The same key, written by another layer (a rebuild that moved the step): not new.
  await writeFile(at('leaky-rebuilt.tar'), writeImageArchive(image('app:3', [base, withKey('COPY aws /root/.aws'), app]), 'docker-oci'));
  // Written, then deleted by the next layer: still readable from the layer that wrote it, so new.
  const deleted: LayerSpec = { command: 'RUN rm -rf /root/.aws', entries: [{ path: 'root/.aws', type: 'whiteout' }] };
  await writeFile(at('deleted.tar'), writeImageArchive(image('app:4', [base, app, withKey('COPY aws /root/.aws'), deleted]), 'podman'));
  await writeFile(
    at('two.tar'),
    writeImageArchive(
      image('app:5', [
        base,
        app,
        withKey('COPY aws'),
        { command: 'COPY gh', entries: [{ path: github.path.slice(1), content: github.content }] },
      ]),
      'docker-legacy',
    ),
  );
  await writeFile(at('allow-path.yaml'), 'secrets:\n  allow:\n    paths:\n      - /root/.aws/**\n');
  await writeFile(at('allow-rule.yaml'), 'secrets:\n  allow:\n    rules: [aws-access-key-id]\n');
});

describe('layerscope diff --fail-on new-secrets', () => {
  it('B adds a file with an AWS key id: exit 1, the finding named and redacted', async () => {
    const run = await cli(['diff', '--fail-on', 'new-secrets', at('clean.tar'), at('leaky.tar')]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain('New secrets in B (not in A): 1');
    expect(run.stdout).toContain(`  aws-access-key-id  /root/.aws/config  [${REDACTED}]  layer 3: still in the final image`);
    expect(run.stdout).toContain('  FAIL: new-secrets 1 new (limit 0)');
    expect(run.stdout).not.toContain(aws.secret);
  });

  it('the same key in A and B (in another layer of B): exit 0; and A → clean B has no new secret', async () => {
    const same = await cli(['diff', '--fail-on', 'new-secrets', at('leaky.tar'), at('leaky-rebuilt.tar')]);
    expect(same.code, same.stdout).toBe(0);
    expect(same.stdout).toContain('New secrets in B: none');
    expect(same.stdout).toContain('  PASS: new-secrets 0 new (limit 0)');
    expect((await cli(['diff', '--fail-on', 'new-secrets=0', at('leaky.tar'), at('clean.tar')])).code).toBe(0);
  });

  it('a key deleted by a later layer of B is still new (readable from its layer)', async () => {
    const run = await cli(['diff', '--fail-on', 'new-secrets', at('clean.tar'), at('deleted.tar')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `  aws-access-key-id  /root/.aws/config  [${REDACTED}]  layer 3: deleted in layer 4, still readable from layer 3`,
    );
  });

  it('new-secrets=N allows N; two new findings cross 1', async () => {
    expect((await cli(['diff', '--fail-on', 'new-secrets=1', at('clean.tar'), at('leaky.tar')])).code).toBe(0);
    const two = await cli(['diff', '--fail-on', 'new-secrets=1', at('clean.tar'), at('two.tar')]);
    expect(two.code).toBe(1);
    expect(two.stdout).toContain('  FAIL: new-secrets 2 new (limit 1)');
    expect(two.stdout).toContain(`  github-token  ${github.path}  [ghp_…(40 chars)]  layer 4: still in the final image`);
  });

  it('--json and markdown show the new findings redacted, as the CI report does', async () => {
    const json = await cli(['diff', '--json', '-', '--fail-on', 'new-secrets', at('clean.tar'), at('deleted.tar')]);
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.stdout);
    expect(doc.newSecrets).toEqual([
      {
        rule: 'aws-access-key-id',
        path: '/root/.aws/config',
        layerIndex: 2,
        redacted: REDACTED,
        inFinalImage: false,
        removedInLayer: 3,
        removedBy: 'removed',
      },
    ]);
    expect(doc.gate).toEqual([{ rule: 'new-secrets', limit: 0, relative: false, actual: 1, failed: true }]);
    const md = await cli(['diff', '--format', 'markdown', '--fail-on', 'new-secrets', at('clean.tar'), at('leaky.tar')]);
    expect(md.stdout).toContain(`| aws-access-key-id | /root/.aws/config | ${REDACTED} | 3 | still in the final image |`);
    expect(md.stdout).toContain('| new-secrets | 1 new | 0 | FAIL |');
    expect(json.stdout + md.stdout).not.toContain(aws.secret);
  });

  it("--ci-config's secrets.allow (by path or by rule) lets a finding through", async () => {
    for (const file of ['allow-path.yaml', 'allow-rule.yaml']) {
      const run = await cli(['diff', '--fail-on', 'new-secrets', '--ci-config', at(file), at('clean.tar'), at('leaky.tar')]);
      expect(run.code, `${file}: ${run.stdout}`).toBe(0);
      expect(run.stdout).toContain('New secrets in B: none');
    }
  });

  it('without the rule, diff does not scan: no secrets section', async () => {
    const run = await cli(['diff', at('clean.tar'), at('leaky.tar')]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('New secrets');
  });

  it('bad input: one line, a hint, exit 2', async () => {
    expectOneLineError(
      await cli(['diff', '--fail-on', 'new-secrets=some', at('clean.tar'), at('leaky.tar')]),
      /bad --fail-on: new-secrets: 'some' is not a count/,
    );
    expectOneLineError(
      await cli(['diff', '--ci-config', at('allow-rule.yaml'), at('clean.tar'), at('leaky.tar')]),
      /--ci-config in diff only gives the secrets allow list of --fail-on new-secrets/,
    );
    expectOneLineError(
      await cli(['diff', '--fail-on', 'new-secrets', '--ci-config', at('missing.yaml'), at('clean.tar'), at('leaky.tar')]),
      /invalid CI configuration: .*missing\.yaml: file not found/,
    );
  });
});
