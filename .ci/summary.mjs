// Turns vitest's JSON reports (npm test, npm run test:pack) into the closing line CI reads:
// "N passed, N failed" (lint/typecheck failures count as one failed test so that they cannot pass
// unnoticed). Usage: summary.mjs LINT_FAILED REPORT...
import { readFileSync } from 'node:fs';

const [lintFailed, ...files] = process.argv.slice(2);
let passed = 0;
let failed = Number(lintFailed === '1');
let skipped = 0;
for (const file of files) {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0) + (r.success === false && r.numFailedTests === 0 ? 1 : 0);
    skipped += r.numPendingTests + r.numTodoTests;
  } catch {
    failed += 1; // a run that wrote no report (crashed, or never started) counts as a failure
  }
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
