// diff's new-secrets: which of B's findings A does not have (same rule, path, redacted form; any layer),
// less what secrets.allow lets through; and the rule's count parsed as written.
import { describe, expect, it } from 'vitest';
import { EMPTY_POLICY, pathGlob } from '../../../src/core/ci/index.js';
import { newSecrets, parseDiffThreshold } from '../../../src/core/image-diff/index.js';
import type { ImageModel } from '../../../src/core/model.js';
import { buildModel, type LayerSpec } from '../../helpers/model-builder.js';

type Found = [rule: string, path: string, layer: number, redacted: string];

/** A model with these findings (the files they are in written by the layers named). */
function withSecrets(layers: LayerSpec[], found: Found[]): ImageModel {
  const image = buildModel(layers);
  const findings = found.map(([rule, path, layer, redacted]) => ({ rule, path: image.paths.find(path)!, layer, redacted }));
  return { ...image, secrets: { findings, configFindings: [], scannedFiles: 1, skippedBinary: 0, skippedLarge: 0, skippedSystem: 0 } };
}

const env = { entries: [{ path: 'app/.env', size: 40 }] };
const base = { entries: [{ path: 'etc/os', size: 10 }] };
const KEY: Found = ['aws-access-key-id', 'app/.env', 1, 'AKIA…(20 chars)'];

describe('newSecrets', () => {
  it.each<[string, Found[], Found[], string[]]>([
    ['B adds one', [], [KEY], ['aws-access-key-id app/.env']],
    ['the same in both', [KEY], [KEY], []],
    ['the same, written by another layer of B', [KEY], [[KEY[0], KEY[1], 0, KEY[3]]], []],
    ['another redacted form at the path', [KEY], [[KEY[0], KEY[1], 1, 'AKIA…(24 chars)']], ['aws-access-key-id app/.env']],
    ['another rule at the path', [KEY], [['dotenv-secret', 'app/.env', 1, 'abcd…(32 chars)']], ['dotenv-secret app/.env']],
    ['B lost one', [KEY], [], []],
  ])('%s', (_case, inA, inB, expected) => {
    const a = withSecrets([base, env], inA);
    const b = withSecrets([env, env], inB);
    expect(newSecrets(a, b).map((s) => `${s.rule} ${s.pathText}`)).toEqual(expected);
  });

  it('secrets.allow (by rule or by path glob) lets a new finding through', () => {
    const a = withSecrets([base], []);
    const b = withSecrets([base, env], [KEY]);
    expect(newSecrets(a, b, { ...EMPTY_POLICY, allowSecretRules: ['aws-access-key-id'] })).toEqual([]);
    expect(newSecrets(a, b, { ...EMPTY_POLICY, allowSecretPaths: [pathGlob('/app/**')] })).toEqual([]);
    expect(newSecrets(a, b, { ...EMPTY_POLICY, allowSecretPaths: [pathGlob('/srv/**')] })).toHaveLength(1);
  });
});

describe('parseDiffThreshold new-secrets', () => {
  it.each([
    ['new-secrets', 0, 'new-secrets=0'],
    ['new-secrets=0', 0, 'new-secrets=0'],
    ['new-secrets=3', 3, 'new-secrets=3'],
  ])('%s → limit %d', (text, limit, shown) => {
    expect(parseDiffThreshold(text)).toEqual({ rule: 'new-secrets', limit, relative: false, text: shown });
  });
  it.each(['new-secrets=-1', 'new-secrets=1.5', 'new-secrets=1MB'])('%s is refused', (text) => {
    expect(parseDiffThreshold(text)).toMatch(/is not a count/);
  });
});
