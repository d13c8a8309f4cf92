// Applies the resolved thresholds to an analysis. Every rule gets exactly one result; a disabled rule
// is still measured, so reports can show the number a user might want to gate on next.
import type { ImageModel } from '../model.js';
import type { ImageAnalysis } from '../tree-types.js';
import type { CiSettings, SettingOrigin } from './config.js';
import { breaks, type RuleId, type ThresholdKind } from './rules.js';
import { EMPTY_POLICY, policyFindings, type CiPolicy, type PolicyFindings } from './policy.js';

/** dive's statuses; nothing produces 'warn' yet, it is kept so reports and tallies match dive's. */
export type RuleStatus = 'pass' | 'fail' | 'warn' | 'skip';

export interface RuleResult {
  readonly id: RuleId;
  readonly kind: ThresholdKind;
  readonly bound: 'min' | 'max';
  readonly status: RuleStatus;
  /** The measured value (bytes, ratio 0..1, or count). */
  readonly actual: number;
  /** Parsed threshold; undefined when the rule is skipped. */
  readonly threshold: number | undefined;
  /** The threshold as written ('disabled' when skipped). */
  readonly configured: string;
  readonly origin: SettingOrigin;
  /** Why it failed, or 'rule disabled'; '' when it passed. */
  readonly message: string;
}

export interface CiTally {
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly warned: number;
  readonly skipped: number;
}

export interface CiResult {
  readonly pass: boolean;
  /** Sorted by rule id, as dive prints them. */
  readonly results: readonly RuleResult[];
  readonly tally: CiTally;
  /** What the secrets and path rules found, for the reports to list. */
  readonly findings: PolicyFindings;
}

export function evaluateRules(settings: CiSettings, analysis: ImageAnalysis, image: ImageModel, policy: CiPolicy = EMPTY_POLICY): CiResult {
  const findings = policyFindings(image, analysis, policy);
  const results = settings.rules.map((setting): RuleResult => {
    const { rule, threshold } = setting;
    const actual = rule.measure(analysis, image, findings);
    const base = {
      id: rule.id,
      kind: rule.kind,
      bound: rule.bound,
      actual,
      threshold,
      configured: setting.configured,
      origin: setting.origin,
    };
    if (threshold === undefined) return { ...base, status: 'skip', message: 'rule disabled' };
    const unmeasured = rule.unmeasured?.(image, findings);
    if (unmeasured) return { ...base, status: 'skip', message: unmeasured };
    if (breaks(rule, actual, threshold)) return { ...base, status: 'fail', message: rule.failure(actual, threshold) };
    return { ...base, status: 'pass', message: '' };
  });
  results.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const count = (status: RuleStatus) => results.filter((r) => r.status === status).length;
  const tally: CiTally = {
    total: results.length,
    passed: count('pass'),
    failed: count('fail'),
    warned: count('warn'),
    skipped: count('skip'),
  };
  return { pass: tally.failed === 0, results, tally, findings };
}
