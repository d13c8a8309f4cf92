// Secrets in the image config, end to end on the real daemon: an image built with a build argument
// (which Docker records in the history of every RUN that uses it), a secret ENV and a token in a label.
// The CLI must name each once, from the daemon and from `docker save`, print none of them, fail CI on
// them, let `secrets.allow.names` allow them, and count them in `diff --fail-on new-secrets`.
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerAvailable, requireOrSkip } from '../helpers/integration.js';
import { FAKE_CASES } from '../unit/secrets/fake-secrets.js';
import { BUSYBOX, removeImages, saveImage } from './daemon-support/busybox-image.js';
import { cliBuilt, runCli } from './daemon-support/cli.js';
import { run } from './daemon-support/commands.js';

const enabled = requireOrSkip('docker daemon and the built CLI (npm run build)', dockerAvailable() && cliBuilt());
const secretOf = (rule: string): string => FAKE_CASES.find((c) => c.rule === rule)!.secret;
const npm = secretOf('npm-token');
const glpat = secretOf('gitlab-token');
const PASSWORD = 'Zq7vR2mK9pLx4T';

const dockerfile = (leaky: boolean): string =>
  [
    'FROM scratch',
    'COPY busybox /bin/busybox',
    'ARG NPM_TOKEN',
    ...(leaky ? [`ENV API_PASSWORD=${PASSWORD}`, `LABEL org.example.token=${glpat}`] : []),
    'RUN ["/bin/busybox", "touch", "/built"]',
    'CMD ["/bin/busybox", "sh"]',
  ].join('\n');

// Worked from the Dockerfile: the classic builder's history is COPY, ARG, ENV, LABEL, RUN (the second
// layer), CMD, and the RUN records `|1 NPM_TOKEN=…` because the argument is set for it.
const EXPECTED = [
  { rule: 'dotenv-secret', field: 'env', name: 'API_PASSWORD', redacted: '…(14 chars)' },
  { rule: 'gitlab-token', field: 'label', name: 'org.example.token', redacted: 'glpa…(26 chars)' },
  { rule: 'npm-token', field: 'history', name: 'NPM_TOKEN', historyIndex: 4, layerIndex: 1, redacted: 'npm_…(40 chars)' },
];

describe.skipIf(!enabled)('secrets in the image config (real daemon)', () => {
  const id = randomBytes(4).toString('hex');
  const clean = `lstest-config-clean-${id}:v1`;
  const leaky = `lstest-config-leaky-${id}:v1`;
  const work = mkdtempSync(join(tmpdir(), 'ls-config-secrets-'));
  const archive = join(work, 'leaky.tar');
  const outputs: string[] = [];
  const cli = async (args: string[]) => {
    const r = await runCli(args, {});
    outputs.push(r.stdout + r.stderr);
    return r;
  };

  beforeAll(async () => {
    copyFileSync(BUSYBOX, join(work, 'busybox'));
    for (const [tag, isLeaky] of [
      [clean, false],
      [leaky, true],
    ] as const) {
      writeFileSync(join(work, 'Dockerfile'), dockerfile(isLeaky));
      await run('docker', ['build', '-q', '--build-arg', `NPM_TOKEN=${isLeaky ? npm : ''}`, '-t', tag, work], { DOCKER_BUILDKIT: '0' });
    }
    await saveImage(leaky, archive);
    writeFileSync(join(work, 'allow.yaml'), "secrets:\n  allow:\n    names: [API_PASSWORD, NPM_TOKEN, 'org.example.*']\n");
  }, 120_000);
  afterAll(async () => {
    await removeImages([clean, leaky]);
    rmSync(work, { recursive: true, force: true });
  });

  it('names each secret once, from the daemon and from its docker save archive', async () => {
    for (const source of [`docker:${leaky}`, archive]) {
      const r = await cli(['--json', '-', source]);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).configSecrets).toEqual(EXPECTED);
    }
    const cleanRun = await cli(['--json', '-', `docker:${clean}`]);
    expect(JSON.parse(cleanRun.stdout).configSecrets).toEqual([]);
  });

  it('fails CI on them, lists them, and allows them by name', async () => {
    const failed = await cli(['--ci', '--ci-config', '/dev/null', archive]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/secrets found in the image's layers or config \(secrets=3 > threshold=0\)/);
    expect(failed.stdout).toContain('Env API_PASSWORD  […(14 chars)]  in the image config (docker inspect shows it)');
    expect(failed.stdout).toContain('history step 5 NPM_TOKEN  [npm_…(40 chars)]  in the image history, the step of layer 2');
    const allowed = await cli(['--ci', '--ci-config', join(work, 'allow.yaml'), '--ci-format', 'json', archive]);
    const report = JSON.parse(allowed.stdout);
    expect(report.rules.find((r: { rule: string }) => r.rule === 'secrets')).toMatchObject({ status: 'pass', actual: 0 });
    expect(report.secretScan.allowed).toBe(3);
  });

  it('counts them as new in diff --fail-on new-secrets, and not when both images have them', async () => {
    const grew = await cli(['diff', `docker:${clean}`, `docker:${leaky}`, '--fail-on', 'new-secrets']);
    expect(grew.code).toBe(1);
    expect(grew.stdout).toContain('New secrets in B (not in A): 3');
    expect(grew.stdout).toContain('Label org.example.token  [glpa…(26 chars)]');
    const json = await cli(['diff', `docker:${clean}`, `docker:${leaky}`, '--fail-on', 'new-secrets', '--json', '-']);
    expect(JSON.parse(json.stdout).newConfigSecrets).toEqual(EXPECTED);
    const markdown = await cli(['diff', `docker:${clean}`, `docker:${leaky}`, '--fail-on', 'new-secrets', '--format', 'markdown']);
    expect(markdown.stdout).toContain('| npm-token | history step 5 NPM\\_TOKEN | npm\\_…(40 chars) | 2 |');
    const same = await cli(['diff', archive, `docker:${leaky}`, '--fail-on', 'new-secrets']);
    expect(same.code, same.stdout).toBe(0);
  });

  it('prints none of the secrets anywhere', () => {
    expect(outputs.length).toBeGreaterThan(0);
    for (const text of outputs) for (const s of [npm, glpat, PASSWORD]) expect(text).not.toContain(s);
  });
});
