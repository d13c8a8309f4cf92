// Turns vitest's JSON reports (npm test, npm run test:pack) into the closing line CI reads:
// "N passed, N failed" (lint/typecheck failures count as one failed test so that they cannot pass
// unnoticed; so does a run that exited non-zero with no test failed: vitest's unhandled errors fail
// the run but no test). Usage: summary.mjs LINT_FAILED EXIT_STATUS:REPORT...
import { readFileSync } from 'node:fs';

const [lintFailed, ...files] = process.argv.slice(2);
let passed = 0;
let failed = Number(lintFailed === '1');
let skipped = 0;
for (const arg of files) {
  const [status, file] = [arg.slice(0, arg.indexOf(':')), arg.slice(arg.indexOf(':') + 1)];
  try {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    passed += r.numPassedTests;
    const runFailed = r.success === false || status !== '0';
    failed += r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0) + (runFailed && r.numFailedTests === 0 ? 1 : 0);
    skipped += r.numPendingTests + r.numTodoTests;
  } catch {
    failed += 1; // a run that wrote no report (crashed, or never started) counts as a failure
  }
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
