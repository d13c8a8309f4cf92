// One line per --fail-on threshold, in the words of the CI report: PASS/FAIL, actual against limit.
import type { DiffGateResult } from '../../core/image-diff/index.js';
import { signedBytes, signedPoints } from './diff-format.js';

export function gateValue(result: DiffGateResult, n: number): string {
  const { rule, relative } = result.threshold;
  if (rule === 'new-secrets') return `${n} new`;
  if (rule === 'efficiency-drop' || relative) return signedPoints(n).replace(' pt', rule === 'efficiency-drop' ? ' pt' : ' %');
  return signedBytes(n);
}

export function gateLine(result: DiffGateResult): string {
  const verdict = result.failed ? 'FAIL' : 'PASS';
  return `  ${verdict}: ${result.threshold.rule} ${gateValue(result, result.actual)} (limit ${result.threshold.text.split('=')[1]})`;
}
