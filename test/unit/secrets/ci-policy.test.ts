// The secrets and path rules of the CI gate on a hand-worked image:
//   layer 0: /root/.ssh/id_rsa (secret), /app/.git/config, /app/test/key.pem (secret), /var/cache/apt/a.bin
//   layer 1: deletes /root/.ssh/id_rsa and /var/cache/apt (a whole directory)
// So: id_rsa's secret is removed in layer 2 but readable from layer 1; key.pem's is in the final image.
import { describe, expect, it } from 'vitest';
import { analyzeImage } from '../../../src/core/analyze.js';
import { resolveSettings } from '../../../src/core/ci/config.js';
import { evaluateRules } from '../../../src/core/ci/evaluate.js';
import { EMPTY_POLICY, policyFromDocument } from '../../../src/core/ci/policy.js';
import type { ImageModel } from '../../../src/core/model.js';
import { buildModel } from '../../helpers/model-builder.js';

function image(): ImageModel {
  const base = buildModel([
    {
      command: 'COPY . /',
      entries: [
        { path: 'root/.ssh/id_rsa', size: 1700 },
        { path: 'app/.git/config', size: 90 },
        { path: 'app/test/key.pem', size: 800 },
        { path: 'var/cache/apt/a.bin', size: 5000 },
      ],
    },
    {
      command: 'RUN rm -rf /root/.ssh/id_rsa /var/cache/apt',
      entries: [
        { path: 'root/.ssh/id_rsa', kind: 'whiteout' },
        { path: 'var/cache/apt', kind: 'whiteout' },
      ],
    },
  ]);
  const id = (p: string) => base.paths.find(p)!;
  return {
    ...base,
    secrets: {
      findings: [
        { rule: 'private-key-pem', path: id('root/.ssh/id_rsa'), layer: 0, redacted: 'MIIE…(1600 chars)' },
        { rule: 'private-key-pem', path: id('app/test/key.pem'), layer: 0, redacted: 'MIIC…(700 chars)' },
      ],
      configFindings: [],
      scannedFiles: 4,
      skippedBinary: 0,
      skippedLarge: 0,
      skippedSystem: 0,
    },
  };
}

function gate(doc: unknown, rules: Record<string, unknown> = {}) {
  const { policy, problems } = policyFromDocument(doc, 'ci.yaml');
  expect(problems).toEqual([]);
  const settings = resolveSettings([
    { origin: 'test', values: Object.entries({ lowestEfficiency: 'off', highestUserWastedPercent: 'off', ...rules }) },
  ]);
  const img = image();
  return evaluateRules(settings, analyzeImage(img), img, policy);
}

const status = (result: ReturnType<typeof gate>, id: string) => result.results.find((r) => r.id === id)!;

describe('CI secrets rule', () => {
  it('fails on any finding by default, removed later or not, and says where each lives', () => {
    const result = gate({});
    expect(status(result, 'secrets')).toMatchObject({ status: 'fail', actual: 2 });
    expect(result.pass).toBe(false);
    expect(result.findings.secrets!.map((s) => s.place)).toEqual([
      { inFinalImage: true },
      { inFinalImage: false, goneAt: 1, how: 'removed' },
    ]);
  });

  it('passes when the allow-list covers every finding (a path glob, a rule id)', () => {
    expect(status(gate({ secrets: { allow: { paths: ['/app/test/**', '/root/.ssh/*'] } } }), 'secrets')).toMatchObject({
      status: 'pass',
      actual: 0,
    });
    const byPath = gate({ secrets: { allow: { paths: ['/app/test/**'] } } });
    expect(status(byPath, 'secrets')).toMatchObject({ status: 'fail', actual: 1 });
    expect(byPath.findings.allowedSecrets).toBe(1);
    expect(status(gate({ secrets: { allow: { rules: ['private-key-pem'] } } }), 'secrets').status).toBe('pass');
  });

  it('is skipped, not passed, when the image was read without the scan', () => {
    const settings = resolveSettings([]);
    const img = { ...image(), secrets: undefined };
    expect(
      status({ ...evaluateRules(settings, analyzeImage(img), img, EMPTY_POLICY) } as ReturnType<typeof gate>, 'secrets'),
    ).toMatchObject({ status: 'skip', message: 'secrets not scanned (--no-secret-scan)' });
  });
});

describe('CI path rules', () => {
  it('block: only paths still in the final image fail', () => {
    const result = gate({
      secrets: { allow: { rules: ['private-key-pem'] } },
      paths: { block: ['**/.git/**', '**/*.pem', '/root/.ssh/**'] },
    });
    // /root/.ssh/id_rsa was deleted: not in the final image. Directories (/app/.git) are not counted.
    expect(result.findings.blockedPaths).toEqual(['app/.git/config', 'app/test/key.pem']);
    expect(status(result, 'blockedPaths')).toMatchObject({ status: 'fail', actual: 2 });
  });

  it('no-waste: a matching wasted path fails, others do not', () => {
    expect(status(gate({ paths: { 'no-waste': ['/var/cache/**'] } }), 'noWastePaths')).toMatchObject({ status: 'fail', actual: 1 });
    expect(status(gate({ paths: { 'no-waste': ['/usr/**'] } }), 'noWastePaths')).toMatchObject({ status: 'pass', actual: 0 });
    expect(status(gate({}), 'noWastePaths').status).toBe('skip');
  });

  it('reports every problem in the policy sections', () => {
    const { problems } = policyFromDocument(
      {
        secrets: { allow: { rules: ['privat-key'], path: ['x'] } },
        paths: { block: [3], nowaste: ['/x'] },
      },
      'ci.yaml',
    );
    expect(problems).toEqual([
      "ci.yaml: secrets.allow: unknown key 'path' (expected paths, names, rules)",
      expect.stringMatching(/^ci\.yaml: secrets\.allow\.rules: unknown rule "privat-key" \(rules: private-key-pem, /),
      "ci.yaml: paths: unknown key 'nowaste' (expected block, no-waste)",
      'ci.yaml: paths.block: expected path globs (strings), got 3',
    ]);
  });
});
