// `layerscope diff --fail-on`: thresholds on how much B may be worse than A. Parsed with the CI rules'
// value parsers, so sizes and ratios are written the same way as in .layerscope-ci.yaml.
import { parseByteSize, parseRatio, type ParsedThreshold } from '../ci/thresholds.js';
import type { ImageSide } from './diff-summary.js';

export const DIFF_GATE_RULES = ['size-growth', 'efficiency-drop', 'new-waste', 'new-secrets'] as const;
export type DiffGateRule = (typeof DIFF_GATE_RULES)[number];

export interface DiffThreshold {
  readonly rule: DiffGateRule;
  /** size-growth: bytes, or a fraction of A's size when `relative`; efficiency-drop: a ratio (0.02 = 2 points); new-waste: bytes; new-secrets: a count. */
  readonly limit: number;
  readonly relative: boolean;
  /** As the user wrote it, for the report. */
  readonly text: string;
}

export interface DiffGateResult {
  readonly threshold: DiffThreshold;
  readonly actual: number;
  readonly failed: boolean;
}

/**
 * `size-growth=10MB`, `size-growth=5%`, `efficiency-drop=0.02` (or `2%`), `new-waste=1MB`, `new-secrets`
 * (= `new-secrets=0`: any new finding fails); a reason when invalid.
 */
export function parseDiffThreshold(text: string): DiffThreshold | string {
  const eq = text.indexOf('=');
  const rule = (eq < 0 ? text : text.slice(0, eq)).trim() as DiffGateRule;
  const value = eq < 0 ? '' : text.slice(eq + 1).trim();
  if (!DIFF_GATE_RULES.includes(rule)) return `unknown rule '${rule}' (rules: ${DIFF_GATE_RULES.join(', ')})`;
  if (rule === 'new-secrets') {
    if (value !== '' && !/^\d+$/.test(value))
      return `new-secrets: '${value}' is not a count (a whole number of findings, e.g. new-secrets=0)`;
    return { rule, limit: value === '' ? 0 : Number(value), relative: false, text: `new-secrets=${value === '' ? '0' : value}` };
  }
  if (value === '') return `'${rule}' needs a value, e.g. ${rule}=${rule === 'efficiency-drop' ? '0.02' : '10MB'}`;
  const relative = rule === 'size-growth' && value.endsWith('%');
  // A size may grow by more than 100% (fail when it more than doubles: 100%); an efficiency cannot drop by more than 1.
  const parsed: ParsedThreshold =
    rule === 'efficiency-drop' ? parseRatio(value) : relative ? parseRatio(value, true) : parseByteSize(value);
  if (parsed.kind === 'invalid') return `${rule}: ${parsed.reason}`;
  if (parsed.kind === 'disabled') return `${rule}: '${value}' turns nothing on; leave the rule out instead`;
  return { rule, limit: parsed.value, relative, text: `${rule}=${value}` };
}

function actual(threshold: DiffThreshold, a: ImageSide, b: ImageSide, newSecretCount: number): number {
  switch (threshold.rule) {
    case 'size-growth':
      return threshold.relative
        ? a.sizeBytes === 0
          ? b.sizeBytes > 0
            ? Infinity
            : 0
          : (b.sizeBytes - a.sizeBytes) / a.sizeBytes
        : b.sizeBytes - a.sizeBytes;
    case 'efficiency-drop':
      return a.efficiency - b.efficiency;
    case 'new-waste':
      return b.honestWasteBytes - a.honestWasteBytes;
    case 'new-secrets':
      return newSecretCount;
  }
}

/**
 * Each threshold with B's actual change; a rule fails when the change is strictly above its limit.
 * `newSecretCount`: how many of B's secret findings A does not have (see new-secrets.ts).
 */
export function evaluateDiffGate(thresholds: readonly DiffThreshold[], a: ImageSide, b: ImageSide, newSecretCount = 0): DiffGateResult[] {
  return thresholds.map((threshold) => {
    const value = actual(threshold, a, b, newSecretCount);
    return { threshold, actual: value, failed: value > threshold.limit + 1e-12 };
  });
}
