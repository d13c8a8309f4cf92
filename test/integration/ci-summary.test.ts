// CI's closing line (.ci/summary.mjs): a test run that exited non-zero counts as failed even when its
// report has no failed test, as vitest's unhandled errors do (a CI run said "1667 passed, 0 failed" and
// exited 1).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'ls-ci-summary-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const report = join(dir, 'report.json');
writeFileSync(report, JSON.stringify({ numPassedTests: 7, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0, success: true }));

const summary = (...args: string[]) => {
  const run = spawnSync(process.execPath, ['.ci/summary.mjs', ...args], { encoding: 'utf8' });
  return { line: run.stdout.trim(), code: run.status };
};

describe('CI summary', () => {
  it('a clean report from a run that exited 0 passes', () => {
    expect(summary('0', `0:${report}`)).toEqual({ line: '7 passed, 0 failed', code: 0 });
  });

  it('the same report from a run that exited 1 (an unhandled error) fails', () => {
    expect(summary('0', `1:${report}`)).toEqual({ line: '7 passed, 1 failed', code: 1 });
  });

  it('a run that wrote no report fails', () => {
    expect(summary('0', `0:${report}`, `1:${join(dir, 'absent.json')}`)).toEqual({ line: '7 passed, 1 failed', code: 1 });
  });
});
