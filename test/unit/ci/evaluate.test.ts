import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../../src/core/ci/config.js';
import { evaluateRules } from '../../../src/core/ci/evaluate.js';
import { RULES, type RuleId } from '../../../src/core/ci/rules.js';
import type { ImageAnalysis } from '../../../src/core/tree-types.js';
import { analysisOf, imageOf } from './fixtures.js';

function run(rules: Record<string, unknown>, analysis: ImageAnalysis, layers = 2) {
  const settings = resolveSettings([{ origin: 'test', values: Object.entries(rules) }]);
  expect(settings.problems).toEqual([]);
  return evaluateRules(settings, analysis, imageOf(layers));
}

const only = (id: RuleId) => Object.fromEntries(RULES.map((r) => [r.id, r.id === id ? undefined : 'disabled']));

/** For each rule: a threshold as written, and analyses at / just below / just above it. */
const cases: Array<{
  id: RuleId;
  written: string;
  at: () => [ImageAnalysis, number?];
  below: () => [ImageAnalysis, number?];
  above: () => [ImageAnalysis, number?];
  failsWhen: 'below' | 'above';
}> = [
  {
    id: 'lowestEfficiency',
    written: '0.9',
    failsWhen: 'below',
    at: () => [analysisOf({ efficiency: 9 / 10 })],
    below: () => [analysisOf({ efficiency: 0.8999 })],
    above: () => [analysisOf({ efficiency: 0.9001 })],
  },
  {
    id: 'highestWastedBytes',
    written: '20MB',
    failsWhen: 'above',
    at: () => [analysisOf({ wastedBytes: 20_000_000 })],
    below: () => [analysisOf({ wastedBytes: 19_999_999 })],
    above: () => [analysisOf({ wastedBytes: 20_000_001 })],
  },
  {
    id: 'highestUserWastedPercent',
    written: '0.1',
    failsWhen: 'above',
    at: () => [analysisOf({ userWastedPercent: 1000 / 10000 })],
    below: () => [analysisOf({ userWastedPercent: 0.0999 })],
    above: () => [analysisOf({ userWastedPercent: 0.1001 })],
  },
  {
    id: 'highestHonestWastedBytes',
    written: '1KiB',
    failsWhen: 'above',
    at: () => [analysisOf({ waste: { totalBytes: 1024 } })],
    below: () => [analysisOf({ waste: { totalBytes: 1023 } })],
    above: () => [analysisOf({ waste: { totalBytes: 1025 } })],
  },
  {
    id: 'highestHonestWastedPercent',
    written: '25%',
    failsWhen: 'above',
    at: () => [analysisOf({ sizeBytes: 10_000, waste: { totalBytes: 2500 } })],
    below: () => [analysisOf({ sizeBytes: 10_000, waste: { totalBytes: 2499 } })],
    above: () => [analysisOf({ sizeBytes: 10_000, waste: { totalBytes: 2501 } })],
  },
  {
    id: 'highestImageSize',
    written: '10kB',
    failsWhen: 'above',
    at: () => [analysisOf({ sizeBytes: 10_000 })],
    below: () => [analysisOf({ sizeBytes: 9_999 })],
    above: () => [analysisOf({ sizeBytes: 10_001 })],
  },
  {
    id: 'highestLayerCount',
    written: '3',
    failsWhen: 'above',
    at: () => [analysisOf(), 3],
    below: () => [analysisOf(), 2],
    above: () => [analysisOf(), 4],
  },
];

describe.each(cases)('$id $written', ({ id, written, at, below, above, failsWhen }) => {
  const status = (make: () => [ImageAnalysis, number?]) => {
    const [analysis, layers] = make();
    const result = run({ ...only(id), [id]: written }, analysis, layers ?? 2);
    return result.results.find((r) => r.id === id)!.status;
  };
  it('passes at the threshold (strict comparison)', () => expect(status(at)).toBe('pass'));
  it(`${failsWhen === 'below' ? 'fails' : 'passes'} just below`, () => expect(status(below)).toBe(failsWhen === 'below' ? 'fail' : 'pass'));
  it(`${failsWhen === 'above' ? 'fails' : 'passes'} just above`, () => expect(status(above)).toBe(failsWhen === 'above' ? 'fail' : 'pass'));
  it('is skipped when disabled', () =>
    expect(run({ ...only(id), [id]: 'off' }, at()[0]).results.find((r) => r.id === id)!.status).toBe('skip'));
});

describe('evaluateRules', () => {
  it('applies dive defaults: efficiency 0.9, user waste 0.1, wasted bytes off; ours off', () => {
    const result = run({}, analysisOf({ efficiency: 0.95, userWastedPercent: 0.05 }));
    expect(result.results.map((r) => [r.id, r.status])).toEqual([
      ['blockedPaths', 'skip'],
      ['highestHonestWastedBytes', 'skip'],
      ['highestHonestWastedPercent', 'skip'],
      ['highestImageSize', 'skip'],
      ['highestLayerCount', 'skip'],
      ['highestUserWastedPercent', 'pass'],
      ['highestWastedBytes', 'skip'],
      ['lowestEfficiency', 'pass'],
      ['noWastePaths', 'skip'],
      ['secrets', 'skip'],
    ]);
    expect(result.tally).toEqual({ total: 10, passed: 2, failed: 0, warned: 0, skipped: 8 });
    expect(result.pass).toBe(true);
  });

  it("fails with dive's messages", () => {
    const result = run({ highestWastedBytes: '1000' }, analysisOf({ efficiency: 0.5, wastedBytes: 2000, userWastedPercent: 0.2 }));
    const messages = Object.fromEntries(result.results.map((r) => [r.id, r.message]));
    expect(messages.lowestEfficiency).toBe('image efficiency is too low (efficiency=0.5 < threshold=0.9)');
    expect(messages.highestWastedBytes).toBe('too many bytes wasted (wasted-bytes=2000 > threshold=1000)');
    expect(messages.highestUserWastedPercent).toBe(
      'too many bytes wasted, relative to the user bytes added (%-user-wasted-bytes=0.2 > threshold=0.1)',
    );
    expect(messages.highestImageSize).toBe('rule disabled');
    expect(result.pass).toBe(false);
    expect(result.tally.failed).toBe(3);
  });

  it('measures disabled rules too, so reports can show them', () => {
    const result = run({}, analysisOf({ wastedBytes: 1234 }));
    const wasted = result.results.find((r) => r.id === 'highestWastedBytes')!;
    expect(wasted).toMatchObject({ status: 'skip', actual: 1234, threshold: undefined, configured: 'disabled', origin: 'default' });
  });

  it('counts honest waste of an empty image as 0 %', () => {
    const result = run({ highestHonestWastedPercent: '0' }, analysisOf({ sizeBytes: 0 }));
    expect(result.results.find((r) => r.id === 'highestHonestWastedPercent')!.status).toBe('pass');
  });
});
