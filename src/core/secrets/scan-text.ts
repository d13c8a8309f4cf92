// Runs the rules over one file's text. The secret itself leaves this function only as its redacted form.
import { SECRET_RULES, type SecretRule } from './rules.js';

export interface RawSecretFinding {
  readonly rule: string;
  /** First characters and length, e.g. 'ghp_…(40 chars)': never the secret itself. */
  readonly redacted: string;
}

/** Characters of a secret that a redacted form shows: enough to tell a key from another, not to use it. */
export const REDACTED_PREFIX = 4;
/**
 * Shorter secrets show no characters at all: 4 of a short password (hunter2, or one of 4 characters) are
 * most or all of it. Tokens and keys are longer, and their first characters are mostly their kind (ghp_).
 */
export const REDACTED_PREFIX_FROM = 16;

export function redact(secret: string): string {
  const compact = secret.replace(/\s+/g, '');
  const shown = compact.length >= REDACTED_PREFIX_FROM ? compact.slice(0, REDACTED_PREFIX) : '';
  return `${shown}…(${compact.length} chars)`;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The rules that can apply to a file of this name (path-specific rules only for their files). */
export function rulesForPath(path: string, rules: readonly SecretRule[] = SECRET_RULES): SecretRule[] {
  const base = baseName(path);
  return rules.filter((rule) => !rule.fileName || rule.fileName.test(base));
}

/** Findings of `rules` in `text` (one per rule at most: the first match that is not an allowed example). */
export function scanText(text: string, rules: readonly SecretRule[]): RawSecretFinding[] {
  const found: RawSecretFinding[] = [];
  for (const rule of rules) {
    if (!rule.keywords.some((k) => text.includes(k))) continue;
    const finding = firstMatch(text, rule);
    if (finding) found.push(finding);
  }
  return found;
}

function firstMatch(text: string, rule: SecretRule): RawSecretFinding | undefined {
  for (const { secret } of ruleMatches(text, rule)) return { rule: rule.id, redacted: redact(secret) };
  return undefined;
}

/** Each secret `rule` finds in `text` that is not an allowed example, and where it lies. */
export function* ruleMatches(text: string, rule: SecretRule): Generator<{ secret: string; start: number; end: number }> {
  const global = new RegExp(rule.pattern.source, `${rule.pattern.flags}g`);
  for (const match of text.matchAll(global)) {
    const secret = match.groups?.secret ?? match[0];
    if (rule.allow?.test(secret)) continue;
    const start = match.index + match[0].indexOf(secret);
    yield { secret, start, end: start + secret.length };
  }
}
