// End to end on the real daemon: an image (FROM scratch + busybox) whose COPY layer holds a FAKE secret
// for every rule plus a near miss for each, and whose next RUN deletes or overwrites half of them. The
// CLI must find exactly the secrets (each at its path and layer, still in the final image or removed but
// readable), never print one (every output format, --debug included), gate CI on them with and without
// the allow-list, and explain the waste the image was built to have.
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { analyzeImage } from '../../src/core/analyze.js';
import { ImageTrees } from '../../src/core/image-trees.js';
import { openFileSource } from '../../src/io/open-file-source.js';
import { Explorer } from '../../src/ui/explorer.js';
import { DEFAULT_KEYMAP } from '../../src/ui/keymap.js';
import { dockerAvailable, requireOrSkip } from '../helpers/integration.js';
import { FAKE_CASES } from '../unit/secrets/fake-secrets.js';
import { FakeTerminal } from '../unit/ui/harness.js';
import { BUSYBOX, removeImages, saveImage } from './daemon-support/busybox-image.js';
import { cliBuilt, runCli, type CliRun } from './daemon-support/cli.js';
import { run } from './daemon-support/commands.js';

const enabled = requireOrSkip('docker daemon and the built CLI (npm run build)', dockerAvailable() && cliBuilt());

// Every other secret is deleted by the RUN after the COPY; the .env is overwritten instead.
const removed = FAKE_CASES.filter((_, i) => i % 2 === 0 && FAKE_CASES[i]!.rule !== 'dotenv-secret');
const overwritten = FAKE_CASES.find((c) => c.rule === 'dotenv-secret')!;
const COPY_LAYER = 2; // 0: COPY busybox, 1: busybox --install, 2: COPY the files, 3: rm/overwrite

const DOCKERFILE = [
  'FROM scratch',
  'COPY busybox /bin/busybox',
  'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
  'COPY files/ /',
  `RUN rm -f ${removed.map((c) => c.path).join(' ')} && echo NODE_ENV=production > ${overwritten.path}`,
  // Waste with known shapes: apt lists removed in a later step, a chmod in its own layer.
  'RUN mkdir -p /var/lib/apt/lists && echo "Package: x" > /var/lib/apt/lists/deb_Packages && echo "#!/bin/sh" > /app/run.sh',
  'RUN rm -rf /var/lib/apt/lists',
  'RUN chmod 755 /app/run.sh',
].join('\n');

const secrets = FAKE_CASES.flatMap((c) => [c.secret, c.secret.slice(0, 8)]);
function expectNoSecret(output: string, where: string): void {
  for (const s of secrets) expect(output.includes(s), `${where} shows a secret (${s.slice(0, 4)}…)`).toBe(false);
}

describe.skipIf(!enabled)('secrets in layers (real daemon)', () => {
  const tag = `lstest-secrets-${randomBytes(4).toString('hex')}:v1`;
  const work = mkdtempSync(join(tmpdir(), 'ls-secrets-'));
  const archive = join(work, 'image.tar');
  const allAllowed = join(work, 'allowed.yaml');
  const notAllowed = join(work, 'not-allowed.yaml');
  const blocking = join(work, 'blocking.yaml');
  const cliRuns: Array<[string, CliRun]> = [];
  const cliRun = async (args: string[]) => {
    const result = await runCli(args, {});
    cliRuns.push([args.join(' '), result]);
    return result;
  };

  beforeAll(async () => {
    const context = join(work, 'context');
    for (const c of FAKE_CASES) {
      for (const { path, content } of [c, c.nearMiss]) {
        mkdirSync(dirname(join(context, 'files', path)), { recursive: true });
        writeFileSync(join(context, 'files', path), content);
      }
    }
    // A binary file (NUL first) holding a token: skipped and counted, not scanned.
    writeFileSync(join(context, 'files/app/blob.bin'), `\0${FAKE_CASES.find((c) => c.rule === 'github-token')!.content}`);
    copyFileSync(BUSYBOX, join(context, 'busybox'));
    writeFileSync(join(context, 'Dockerfile'), DOCKERFILE);
    await run('docker', ['build', '-q', '-t', tag, context], { DOCKER_BUILDKIT: '0' });
    await saveImage(tag, archive);
    const rulesOff = 'rules:\n  lowestEfficiency: off\n  highestUserWastedPercent: off\n';
    writeFileSync(notAllowed, rulesOff);
    writeFileSync(
      allAllowed,
      `${rulesOff}secrets:\n  allow:\n    paths: ['/app/**', '/root/**']\n    rules: [dotenv-secret, docker-config-auth]\n`,
    );
    writeFileSync(
      blocking,
      `${rulesOff}secrets:\n  allow:\n    paths: ['/**']\npaths:\n  block: ['**/*.pem', '/root/.ssh/**']\n  no-waste: ['/var/lib/apt/**']\n`,
    );
  }, 300_000);

  afterAll(async () => {
    await removeImages([tag]);
    rmSync(work, { recursive: true, force: true });
  });

  it('--json finds every rule at its path and layer, removed or not, and no near miss', async () => {
    const result = await cliRun(['--json', '-', `docker-archive:${archive}`]);
    expect(result.code, result.stderr).toBe(0);
    const doc = JSON.parse(result.stdout);
    const expected = FAKE_CASES.map((c) => ({
      rule: c.rule,
      path: c.path,
      layerIndex: COPY_LAYER,
      redacted: `${c.secret.slice(0, 4)}…(${c.secret.length} chars)`,
      inFinalImage: !removed.includes(c) && c !== overwritten,
      ...(removed.includes(c)
        ? { removedInLayer: 3, removedBy: 'removed' }
        : c === overwritten
          ? { removedInLayer: 3, removedBy: 'overwritten' }
          : {}),
    }));
    const byPath = (a: { path: string; rule: string }, b: { path: string; rule: string }) =>
      a.path.localeCompare(b.path) || a.rule.localeCompare(b.rule);
    expect([...doc.secrets].sort(byPath)).toEqual(expected.sort(byPath));
    // By hand: 19 secrets + 19 near misses, the .env rewritten, run.sh twice = 41 text files; blob.bin
    // is binary; busybox (about 1 MB) is over the 512 KiB limit; deb_Packages is in apt's lists.
    expect(doc.secretScan).toEqual({ scanned: true, scannedFiles: 41, skippedBinary: 1, skippedLarge: 1, skippedSystem: 1 });
    const reasons = new Map(doc.wasteReasons.map((r: { path: string }) => [r.path, r]));
    expect(reasons.get('/var/lib/apt/lists')).toMatchObject({ scope: 'directory', hint: { id: 'apt-cache' } });
    expect(reasons.get('/app/run.sh')).toMatchObject({ scope: 'file', hint: { id: 'metadata-only' } });
  });

  it('--no-secret-scan reads without scanning', async () => {
    const result = await cliRun(['--json', '-', '--no-secret-scan', `docker-archive:${archive}`]);
    expect(JSON.parse(result.stdout)).toMatchObject({ secrets: [], secretScan: { scanned: false } });
  });

  it('CI fails on the secrets by default (exit 1) in every format, from the daemon too', async () => {
    for (const format of ['text', 'json', 'junit', 'markdown']) {
      const result = await cliRun(['--ci', '--ci-config', notAllowed, '--ci-format', format, '--debug', `docker:${tag}`]);
      expect(result.code, `${format}: ${result.stderr}`).toBe(1);
      expect(result.stdout).toContain(format === 'json' ? '"rule": "npmrc-auth"' : 'npmrc-auth');
      expect(result.stdout).toContain('/app/gcp-key.json');
    }
    const text = cliRuns.at(-4)![1].stdout;
    expect(text).toMatch(/FAIL: secrets: secrets found in the image's layers or config \(secrets=19 > threshold=0\)/);
    expect(text).toContain(
      `/root/.ssh/id_ed25519  [${FAKE_CASES[1]!.secret.slice(0, 4)}…(${FAKE_CASES[1]!.secret.length} chars)]  layer 3: still in the final image`,
    );
    expect(text).toContain('Why bytes are wasted:');
  });

  it('CI passes with the allow-list (exit 0), and path rules fail on block / no-waste globs', async () => {
    const allowed = await cliRun(['--ci', '--ci-config', allAllowed, `docker-archive:${archive}`]);
    expect(allowed.code, allowed.stdout).toBe(0);
    expect(allowed.stdout).toContain('PASS: secrets');
    expect(allowed.stdout).toContain('19 allowed by secrets.allow');
    const blocked = await cliRun(['--ci', '--ci-config', blocking, `docker-archive:${archive}`]);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain('FAIL: blockedPaths');
    expect(blocked.stdout).toMatch(/ {6}\/app\/keys\/server\.pub\.pem\n/);
    expect(blocked.stdout).toMatch(/FAIL: noWastePaths.*\n {6}\/var\/lib\/apt\/lists {2}/);
  });

  it('the explorer lists the findings, and no output shows a secret', async () => {
    const image = await openFileSource('docker-archive', archive, { scanSecrets: true });
    const app = render(
      <Explorer
        image={image}
        trees={new ImageTrees(image)}
        analysis={analyzeImage(image)}
        keymap={DEFAULT_KEYMAP}
        color={false}
        ascii={false}
        columns={200}
        rows={60}
        sizeSource={new FakeTerminal(200, 60)}
        onQuit={() => undefined}
      />,
    );
    const all = app.lastFrame() ?? '';
    app.unmount();
    expect(all).toContain('Secrets: 19 found');
    expectNoSecret(all, 'the explorer');
    for (const [args, result] of cliRuns) expectNoSecret(result.stdout + result.stderr, `layerscope ${args}`);
    expect(cliRuns.length).toBeGreaterThanOrEqual(8);
  });
});
