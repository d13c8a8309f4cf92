// Secrets in the image config. Anyone who can pull an image reads its config without a single layer:
// `docker inspect` shows Env, Labels, Cmd and Entrypoint, and `docker history` every step's command,
// where a RUN that used a build argument records its value (`RUN |1 NPM_TOKEN=npm_… /bin/sh -c npm ci`).
// The rules are the files' rules: every token rule on all of it, and the .env rule on each NAME=value
// (an ENV variable, a build argument, a label), which is what a .env line is in a file.
import type { HistoryStep } from '../model.js';
import { SECRET_RULES, type SecretRule } from './rules.js';
import { redactText, scanText } from './scan-text.js';
import type { ConfigField, ConfigSecretFinding } from './secret-types.js';

const TOKEN_RULES = SECRET_RULES.filter((r) => !r.fileName);
const ASSIGNMENT_RULES = [...TOKEN_RULES, ...SECRET_RULES.filter((r) => r.id === 'dotenv-secret')];
/** NAME=value words of a command: build arguments (`|2 A=1 B=2 /bin/sh -c …`), ENV and LABEL steps. */
const ASSIGNMENT = /(?:^|\s)([A-Za-z_][A-Za-z0-9_.-]*)=("[^"]*"|'[^']*'|\S*)/g;

type Where = Omit<ConfigSecretFinding, 'rule' | 'redacted' | 'name'>;

const record = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

/**
 * The findings of `rules` in `text`. The .env rule says only that a secret-named variable holds a value:
 * when a token rule knows what that value is (NPM_TOKEN=npm_…), that one finding says it better.
 */
function found(text: string, rules: readonly SecretRule[], name: string, where: Where): ConfigSecretFinding[] {
  const raw = scanText(text, rules);
  const known = raw.some((f) => f.rule !== 'dotenv-secret') ? raw.filter((f) => f.rule !== 'dotenv-secret') : raw;
  return known.map((f) => ({ rule: f.rule, name, redacted: f.redacted, ...where }));
}

/** A command's findings: each NAME=value with its name first, then tokens elsewhere in its text. */
function commandFindings(text: string, where: Where): ConfigSecretFinding[] {
  const out: ConfigSecretFinding[] = [];
  for (const [, name, value] of text.matchAll(ASSIGNMENT)) out.push(...found(`${name}=${value}`, ASSIGNMENT_RULES, name!, where));
  for (const f of found(text, TOKEN_RULES, '', where)) {
    if (!out.some((o) => o.rule === f.rule && o.redacted === f.redacted)) out.push(f);
  }
  return out;
}

function fieldFindings(config: Record<string, unknown>): ConfigSecretFinding[] {
  const out: ConfigSecretFinding[] = [];
  for (const entry of strings(config.Env)) {
    const eq = entry.indexOf('=');
    out.push(...found(entry, ASSIGNMENT_RULES, eq < 0 ? entry : entry.slice(0, eq), { field: 'env' }));
  }
  for (const [key, value] of Object.entries(record(config.Labels) ?? {})) {
    if (typeof value === 'string') out.push(...found(`${key}=${value}`, ASSIGNMENT_RULES, key, { field: 'label' }));
  }
  const commands: [ConfigField, unknown][] = [
    ['cmd', config.Cmd],
    ['entrypoint', config.Entrypoint],
  ];
  for (const [field, value] of commands) out.push(...commandFindings(strings(value).join(' '), { field }));
  return out;
}

/**
 * The config's findings: Env, Labels, Cmd and Entrypoint (`config` of the image config), then history.
 * A secret is listed once: an ENV step repeats what Env holds, and every RUN after an ARG repeats the
 * argument, so a history finding already seen (same rule, name and redacted form) is left out.
 */
export function scanImageConfig(imageConfig: unknown, history: readonly HistoryStep[]): ConfigSecretFinding[] {
  const out = fieldFindings(record(record(imageConfig)?.config) ?? {});
  const seen = new Set(out.map((f) => `${f.rule}\0${f.redacted}`));
  history.forEach((step, index) => {
    const where: Where = { field: 'history', step: index, ...(step.layerIndex !== undefined ? { layer: step.layerIndex } : {}) };
    for (const f of commandFindings(step.createdBy, where)) {
      const key = `${f.rule}\0${f.redacted}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(f);
    }
  });
  return out;
}

/**
 * A history command as it may be shown: each NAME=value that holds a secret as NAME=<its redacted form>,
 * and any other token redacted where it is. What the scan finds is never printed, in the config as in files.
 */
export function redactCommand(text: string): string {
  const assigned = text.replace(ASSIGNMENT, (whole: string, name: string, value: string) => {
    const first = found(`${name}=${value}`, ASSIGNMENT_RULES, name, { field: 'history' })[0];
    return first ? `${whole.slice(0, whole.length - name.length - value.length - 1)}${name}=${first.redacted}` : whole;
  });
  return redactText(assigned, TOKEN_RULES);
}
