import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../../src/core/ci/config.js';
import { evaluateRules } from '../../../src/core/ci/evaluate.js';
import { renderCiReport, type CiReportInput } from '../../../src/presentation/ci/index.js';
import { escapeName } from '../../../src/presentation/escape-name.js';
import { formatBytes } from '../../../src/presentation/format-bytes.js';
import { analysisOf, imageOf, wastefulAnalysis } from './fixtures.js';

function input(
  analysis = wastefulAnalysis(),
  rules: Record<string, unknown> = { highestWastedBytes: '20MB', highestImageSize: '1MB' },
): CiReportInput {
  const image = imageOf(3, 'lsfix/ci:test');
  const settings = resolveSettings([{ origin: '.dive-ci', values: Object.entries(rules) }]);
  return { image, analysis, result: evaluateRules(settings, analysis, image) };
}

describe('formatBytes in reports (go-humanize Bytes)', () => {
  it.each([
    [0, '0 B'],
    [9, '9 B'],
    [82, '82 B'],
    [999, '999 B'],
    [1000, '1.0 kB'],
    [1500, '1.5 kB'],
    [15_000, '15 kB'],
    [998_500, '998 kB'],
    [999_500, '1000 kB'],
    [20_000_000, '20 MB'],
    [3_500_000, '3.5 MB'],
    [1e9, '1.0 GB'],
  ])('%d → %s', (n, text) => expect(formatBytes(n)).toBe(text));
});

describe('escapeName in reports', () => {
  it('escapes bytes that were not UTF-8, control characters and backslashes', () => {
    expect(escapeName('a\udcffb\u0007c\\d\u00e9')).toBe('a\\xffb\\x07c\\\\d\u00e9');
  });
});

describe('text report', () => {
  it("has dive's shape", () => {
    expect(renderCiReport('text', input(), { color: false })).toBe(`Image: lsfix/ci:test
  efficiency: 50.0000 %
  wastedBytes: 3500000 bytes (3.5 MB)
  userWastedPercent: 43.7500 %
  honestWastedBytes: 2000000 bytes (2.0 MB) [overwritten: 1.5 MB, deleted: 400 kB, hidden by opaque dirs: 100 kB]
  honestWastedPercent: 20.0000 %
  imageSize: 10000000 bytes (10 MB) in 3 layers
Inefficient Files:
Count  Wasted Space  File Path
    2        3.0 MB  /var/cache/apt/pkgcache.bin
    3        400 kB  /etc/a|b<c>&"d'
    2        100 kB  /bad\\xffname\\x07
Results:
  SKIP: blockedPaths: no paths.block globs configured
  SKIP: highestHonestWastedBytes: rule disabled
  SKIP: highestHonestWastedPercent: rule disabled
  FAIL: highestImageSize: image is too large (size-bytes=10000000 > threshold=1000000)
  SKIP: highestLayerCount: rule disabled
  FAIL: highestUserWastedPercent: too many bytes wasted, relative to the user bytes added (%-user-wasted-bytes=0.4375 > threshold=0.1)
  PASS: highestWastedBytes
  FAIL: lowestEfficiency: image efficiency is too low (efficiency=0.5 < threshold=0.9)
  SKIP: noWastePaths: no paths.no-waste globs configured
  SKIP: secrets: secrets not scanned (--no-secret-scan)
Result:FAIL [Total:10] [Passed:1] [Failed:3] [Warn:0] [Skipped:6]
`);
  });

  it('says None when nothing is inefficient, and PASS', () => {
    const text = renderCiReport('text', input(analysisOf(), {}), { color: false });
    expect(text).toContain('Count  Wasted Space  File Path\nNone\n');
    expect(text).toMatch(/\nResult:PASS \[Total:10\] \[Passed:2\] \[Failed:0\] \[Warn:0\] \[Skipped:8\]\n$/);
  });

  it('colours only when asked', () => {
    expect(renderCiReport('text', input(), { color: false })).not.toContain('\u001b[');
    const coloured = renderCiReport('text', input(), { color: true });
    expect(coloured).toContain('\u001b[1;7;31mFAIL\u001b[0m: lowestEfficiency');
    expect(coloured).toContain('\u001b[32mPASS\u001b[0m: highestWastedBytes');
  });

  it('lists at most 50 inefficient files', () => {
    const files = Array.from({ length: 60 }, (_, i) => ({ path: `f${i}`, count: 2, sizeBytes: 100 - i }));
    const text = renderCiReport('text', input(analysisOf({ inefficientFiles: files })), { color: false });
    expect(text).toContain('/f49\n… and 10 more (--ci-format json lists them all)\n');
    expect(text).not.toContain('/f50\n');
  });
});

describe('json report', () => {
  it('parses back with a version, the tally, every rule and every file', () => {
    const doc = JSON.parse(renderCiReport('json', input(), { color: false }));
    expect(doc).toMatchObject({
      schemaVersion: 2,
      generator: 'layerscope',
      report: 'ci',
      result: 'fail',
      tally: { total: 10, passed: 1, failed: 3, warned: 0, skipped: 6 },
      image: { name: 'lsfix/ci:test', layerCount: 3 },
      analysis: { efficiency: 0.5, wastedBytes: 3_500_000, honestWastedBytes: 2_000_000, honestWastedPercent: 0.2, sizeBytes: 10_000_000 },
    });
    expect(doc.rules).toHaveLength(10);
    expect(doc.rules.find((r: { rule: string }) => r.rule === 'highestWastedBytes')).toEqual({
      rule: 'highestWastedBytes',
      status: 'pass',
      actual: 3_500_000,
      threshold: 20_000_000,
      configured: '20MB',
      bound: 'max',
      unit: 'bytes',
      origin: '.dive-ci',
      message: '',
    });
    expect(doc.rules.find((r: { rule: string }) => r.rule === 'highestLayerCount')).toMatchObject({
      status: 'skip',
      threshold: null,
      actual: 3,
    });
    // Absolute, as wasteReasons[] and secrets[] write paths (schema 2).
    expect(doc.inefficientFiles.map((f: { path: string }) => f.path)).toEqual([
      '/var/cache/apt/pkgcache.bin',
      '/etc/a|b<c>&"d\'',
      '/bad\udcffname\u0007',
    ]);
  });
});

describe('junit report', () => {
  const xml = renderCiReport('junit', input(), { color: false });
  const parsed = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => ['testcase', 'property'].includes(name),
  }).parse(xml);

  it('is well-formed XML', () => expect(XMLValidator.validate(xml)).toBe(true));

  it('has one testsuite with one testcase per rule', () => {
    const suite = parsed.testsuites.testsuite;
    expect(Array.isArray(suite)).toBe(false);
    expect(suite).toMatchObject({ name: 'layerscope CI: lsfix/ci:test', tests: '10', failures: '3', skipped: '6', errors: '0' });
    expect(suite.testcase.map((t: { name: string }) => t.name)).toEqual([
      'blockedPaths',
      'highestHonestWastedBytes',
      'highestHonestWastedPercent',
      'highestImageSize',
      'highestLayerCount',
      'highestUserWastedPercent',
      'highestWastedBytes',
      'lowestEfficiency',
      'noWastePaths',
      'secrets',
    ]);
    const byName = Object.fromEntries(suite.testcase.map((t: { name: string }) => [t.name, t]));
    expect(byName.lowestEfficiency.failure.message).toBe('image efficiency is too low (efficiency=0.5 < threshold=0.9)');
    expect(byName.lowestEfficiency.failure['#text']).toContain('threshold 90.0000 %');
    expect(byName.highestLayerCount.skipped.message).toBe('rule disabled');
    expect(byName.highestWastedBytes.failure).toBeUndefined();
    expect(byName.highestWastedBytes.skipped).toBeUndefined();
  });

  it('carries the numbers as properties and escapes hostile names', () => {
    const suite = parsed.testsuites.testsuite;
    const props = Object.fromEntries(suite.properties.property.map((p: { name: string; value: string }) => [p.name, p.value]));
    expect(props).toMatchObject({ image: 'lsfix/ci:test', efficiency: '0.5', wastedBytes: '3500000' });
    expect(suite['system-out']).toContain('/etc/a|b<c>&"d\'');
    expect(suite['system-out']).toContain('/bad\\xffname\\x07');
  });
});

describe('markdown report', () => {
  const md = renderCiReport('markdown', input(), { color: false });
  const tableRows = (text: string) =>
    text
      .split('\n')
      .filter((l) => l.startsWith('| ') && !/^\| -*:?-+:? \|/.test(l))
      .map((l) => l.slice(2, -2).split(/(?<!\\) \| /));

  it('has a verdict and one row per rule', () => {
    expect(md.split('\n')[0]).toBe('### layerscope CI: ❌ FAIL — lsfix/ci:test');
    const rows = tableRows(md);
    expect(rows[0]).toEqual(['Rule', 'Result', 'Measured', 'Threshold', 'Set by']);
    const ruleRows = rows.filter((r) => r.length === 5).slice(1);
    expect(ruleRows.map((r) => [r[0], r[1]])).toEqual([
      ['blockedPaths', '⏭️ SKIP'],
      ['highestHonestWastedBytes', '⏭️ SKIP'],
      ['highestHonestWastedPercent', '⏭️ SKIP'],
      ['highestImageSize', '❌ FAIL'],
      ['highestLayerCount', '⏭️ SKIP'],
      ['highestUserWastedPercent', '❌ FAIL'],
      ['highestWastedBytes', '✅ PASS'],
      ['lowestEfficiency', '❌ FAIL'],
      ['noWastePaths', '⏭️ SKIP'],
      ['secrets', '⏭️ SKIP'],
    ]);
    expect(ruleRows.find((r) => r[0] === 'lowestEfficiency')).toEqual(['lowestEfficiency', '❌ FAIL', '50.00 %', '≥ 90.00 %', 'default']);
  });

  it('shows small sizes once', () => {
    expect(renderCiReport('markdown', input(analysisOf()), { color: false })).toContain('| … deleted later | 0 B |');
  });

  it('keeps hostile file names inside their cell', () => {
    const fileRows = tableRows(md).filter((r) => r.length === 3);
    expect(fileRows.map((r) => r[2])).toEqual([
      'File Path',
      '/var/cache/apt/pkgcache.bin',
      '/etc/a\\|b\\<c\\>\\&"d\'',
      '/bad\\\\xffname\\\\x07',
    ]);
  });
});
