// Turns what the user wrote (a config document, flags) into one threshold per rule, collecting every
// problem instead of stopping at the first: a CI run that fails on one typo, then on the next, wastes
// a pipeline run each time. Pure: the CLI reads files and flags and hands their contents in.
import { RULES, kebabCase, parseThreshold, ruleForKey, type RuleDefinition, type RuleId } from './rules.js';
import { isUnsetValue } from './thresholds.js';

/** Where a rule's threshold came from, for reports ('default', a file path, or '--flags'). */
export type SettingOrigin = string;

export interface RuleSetting {
  readonly rule: RuleDefinition;
  /** The value as written (or the default), for display; 'disabled' when skipped. */
  readonly configured: string;
  /** Parsed threshold; undefined when the rule is disabled. */
  readonly threshold: number | undefined;
  readonly origin: SettingOrigin;
}

/** Rule values from one place, keyed as the user wrote them. */
export interface RuleValues {
  readonly origin: SettingOrigin;
  readonly values: ReadonlyArray<readonly [key: string, value: unknown]>;
}

export interface CiSettings {
  /** One per rule, in RULES order. */
  readonly rules: readonly RuleSetting[];
  readonly problems: readonly string[];
}

// Top-level sections of dive's own config file: a dive.yaml passed as --ci-config carries them, and
// they mean nothing to the gate, so they are ignored rather than reported.
const DIVE_SECTIONS = new Set([
  'log',
  'keybinding',
  'diff',
  'filetree',
  'layer',
  'container-engine',
  'source',
  'ignore-errors',
  'ci',
  'ci-config',
  'json',
  'export',
  'config',
  'dev',
  'check-for-app-update',
  'ui',
]);

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Rule values from a parsed config document: `rules:` holds the thresholds. Problems name the origin.
 * `dive` documents (a `.dive-ci` or dive.yaml) may carry dive's other sections; ours may not.
 */
export function ruleValuesFromDocument(
  doc: unknown,
  origin: string,
  flavour: 'layerscope' | 'dive',
): { values: RuleValues; problems: string[] } {
  const problems: string[] = [];
  const values: Array<[string, unknown]> = [];
  if (doc === null || doc === undefined) return { values: { origin, values }, problems };
  if (!isMapping(doc)) {
    problems.push(`${origin}: expected a mapping with a 'rules:' section`);
    return { values: { origin, values }, problems };
  }
  for (const [key, value] of Object.entries(doc)) {
    if (key === 'rules') {
      if (value === null || value === undefined) continue;
      if (!isMapping(value)) problems.push(`${origin}: 'rules' must be a mapping of rule: threshold`);
      else values.push(...Object.entries(value));
    } else if (key === 'version' && (flavour === 'layerscope' || typeof value === 'number')) {
      if (value !== 1) problems.push(`${origin}: version ${JSON.stringify(value)} is not supported (this layerscope reads version 1)`);
    } else if (key === 'secrets' || key === 'paths') {
      // The policy sections: read by policyFromDocument (policy.ts).
    } else if (!(flavour === 'dive' && DIVE_SECTIONS.has(key))) {
      problems.push(`${origin}: unknown top-level key '${key}' (rules go under 'rules:')`);
    }
  }
  return { values: { origin, values }, problems };
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

function unknownRule(key: string, origin: string): string {
  const wanted = key.toLowerCase().replace(/[-_]/g, '');
  let best: RuleDefinition | undefined;
  let bestDistance = 4;
  for (const rule of RULES) {
    const d = editDistance(wanted, rule.id.toLowerCase());
    if (d < bestDistance) {
      best = rule;
      bestDistance = d;
    }
  }
  const suggestion = best ? ` (did you mean ${key.includes('-') ? kebabCase(best.id) : best.id}?)` : '';
  return `${origin}: unknown rule '${key}'${suggestion}`;
}

const display = (raw: unknown): string => (raw === null || raw === undefined ? '' : String(raw));

/** Defaults, then each source in order (later wins: file, then flags). */
export function resolveSettings(sources: readonly RuleValues[], earlierProblems: readonly string[] = []): CiSettings {
  const problems = [...earlierProblems];
  const chosen = new Map<RuleId, RuleSetting>();
  for (const rule of RULES) {
    const parsed = parseThreshold(rule.kind, rule.defaultValue);
    chosen.set(rule.id, {
      rule,
      configured: rule.defaultValue,
      origin: 'default',
      threshold: parsed.kind === 'value' ? parsed.value : undefined,
    });
  }
  for (const source of sources) {
    const seen = new Map<RuleId, string>();
    for (const [key, raw] of source.values) {
      const rule = ruleForKey(key);
      if (!rule) {
        problems.push(unknownRule(key, source.origin));
        continue;
      }
      const earlier = seen.get(rule.id);
      if (earlier !== undefined) {
        problems.push(`${source.origin}: rule ${rule.id} is given twice ('${earlier}' and '${key}')`);
        continue;
      }
      seen.set(rule.id, key);
      if (isUnsetValue(raw)) continue;
      const parsed = parseThreshold(rule.kind, raw);
      if (parsed.kind === 'invalid') {
        problems.push(`${source.origin}: ${key}: ${parsed.reason}`);
        continue;
      }
      chosen.set(rule.id, {
        rule,
        origin: source.origin,
        configured: parsed.kind === 'disabled' ? 'disabled' : display(raw).trim(),
        threshold: parsed.kind === 'value' ? parsed.value : undefined,
      });
    }
  }
  return { rules: RULES.map((r) => chosen.get(r.id)!), problems };
}
