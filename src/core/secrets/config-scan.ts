// Secrets in the image config. Anyone who can pull an image reads its config without a single layer:
// `docker inspect` shows Env, Labels, Cmd and Entrypoint, and `docker history` every step's command,
// where a RUN that used a build argument records its value (`RUN |1 NPM_TOKEN=npm_… /bin/sh -c npm ci`).
// The token rules apply to all of it, and every NAME=value (an ENV variable, a build argument, a label)
// whose name says it holds a secret is one unless its value is plainly not (config-assignments.ts).
// Found where they lie, so that the same finding redacts them in every command shown.
import type { HistoryStep } from '../model.js';
import { buildArguments, namedSecret, wordAssignments, type Assignment } from './config-assignments.js';
import { SECRET_RULES } from './rules.js';
import { redact, ruleMatches } from './scan-text.js';
import type { ConfigField, ConfigSecretFinding } from './secret-types.js';

const TOKEN_RULES = SECRET_RULES.filter((r) => !r.fileName);

/** A secret in a text, where it lies. */
interface Located {
  readonly rule: string;
  readonly name: string;
  readonly redacted: string;
  readonly start: number;
  readonly end: number;
}

/** Every token the rules find in `text[from, to)`, where it lies (allowed examples and fillers left out). */
function tokens(text: string, from = 0, to = text.length, name = ''): Located[] {
  const part = text.slice(from, to);
  const out: Located[] = [];
  for (const rule of TOKEN_RULES) {
    if (!rule.keywords.some((k) => part.includes(k))) continue;
    for (const { secret, start, end } of ruleMatches(part, rule)) {
      out.push({ rule: rule.id, name, redacted: redact(secret), start: from + start, end: from + end });
    }
  }
  return out;
}

/** A pair's secret: a token in its value, or else the value itself when its name says it is a secret. */
function pairSecrets(text: string, a: Assignment): Located[] {
  const found = tokens(text, a.start, a.end, a.name);
  if (found.length > 0) return found;
  const value = namedSecret(a.name, a.value);
  return value === undefined ? [] : [{ rule: 'dotenv-secret', name: a.name, redacted: redact(value), start: a.start, end: a.end }];
}

/** A command's secrets: build arguments, ENV/LABEL words, then tokens anywhere else in it. */
function commandSecrets(text: string): Located[] {
  const { args, rest } = buildArguments(text);
  const found = [...args, ...wordAssignments(text, rest)].flatMap((a) => pairSecrets(text, a));
  const outside = tokens(text).filter((t) => !found.some((f) => t.start < f.end && f.start < t.end));
  return [...found, ...outside].sort((x, y) => x.start - y.start);
}

/** A history command as it may be shown: each secret the scan finds in it as its redacted form. */
export function redactCommand(text: string): string {
  return redacted(text, commandSecrets(text));
}

/** `text` with each of `found` (in order) replaced by its redacted form. */
function redacted(text: string, found: readonly Located[]): string {
  let out = '';
  let at = 0;
  for (const s of found) {
    if (s.start < at) continue;
    out += text.slice(at, s.start) + s.redacted;
    at = s.end;
  }
  return out + text.slice(at);
}

const record = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

/** An Env entry's or a label's pairs: the entry itself, and NAME=value lines a multi-line value hides. */
function entryPairs(name: string, value: string): Located[] {
  const text = `${name}=${value}`;
  const pairs = [{ name, value, start: name.length + 1, end: text.length }, ...wordAssignments(text, name.length + 1)];
  const found = pairs.flatMap((a) => pairSecrets(text, a));
  return found.filter((f, i) => !found.slice(0, i).some((g) => g.start < f.end && f.start < g.end));
}

type Where = Pick<ConfigSecretFinding, 'field' | 'step' | 'layer'>;
const finding = (s: Located, where: Where): ConfigSecretFinding => ({ rule: s.rule, name: s.name, redacted: s.redacted, ...where });

function fieldFindings(config: Record<string, unknown>): ConfigSecretFinding[] {
  const out: ConfigSecretFinding[] = [];
  for (const entry of strings(config.Env)) {
    const eq = entry.indexOf('=');
    out.push(
      ...entryPairs(eq < 0 ? entry : entry.slice(0, eq), eq < 0 ? '' : entry.slice(eq + 1)).map((s) => finding(s, { field: 'env' })),
    );
  }
  for (const [key, value] of Object.entries(record(config.Labels) ?? {})) {
    if (typeof value === 'string') out.push(...entryPairs(key, value).map((s) => finding(s, { field: 'label' })));
  }
  const commands: [ConfigField, unknown][] = [
    ['cmd', config.Cmd],
    ['entrypoint', config.Entrypoint],
  ];
  for (const [field, value] of commands) out.push(...commandSecrets(strings(value).join(' ')).map((s) => finding(s, { field })));
  return out;
}

/** The config's findings, and each history command as it may be shown (redacted where they lie). */
export interface ConfigScan {
  readonly findings: ConfigSecretFinding[];
  readonly commands: string[];
}

/**
 * The config's findings: Env, Labels, Cmd and Entrypoint (`config` of the image config), then history.
 * A secret is listed once per name: an ENV step repeats what Env holds, and every RUN after an ARG
 * repeats the argument, so a history finding with the rule, name and redacted form of one already listed
 * is left out. Two names holding look-alike tokens (the same first characters and length) are two. Each
 * command is scanned once, for its findings and its redacted form.
 */
export function scanImageConfig(imageConfig: unknown, history: readonly HistoryStep[]): ConfigScan {
  const findings = fieldFindings(record(record(imageConfig)?.config) ?? {});
  const key = (f: { rule: string; name: string; redacted: string }): string => `${f.rule}\0${f.name}\0${f.redacted}`;
  const seen = new Set(findings.map(key));
  const commands = history.map((step, index) => {
    const where: Where = { field: 'history', step: index, ...(step.layerIndex !== undefined ? { layer: step.layerIndex } : {}) };
    const found = commandSecrets(step.createdBy);
    for (const s of found) {
      if (seen.has(key(s))) continue;
      seen.add(key(s));
      findings.push(finding(s, where));
    }
    return redacted(step.createdBy, found);
  });
  return { findings, commands };
}
