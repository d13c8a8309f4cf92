// Finds and reads the CI rules file. Explicit --ci-config wins; otherwise the current directory's
// .layerscope-ci.yaml (or .yml), else a dive user's .dive-ci read as-is. Problems are returned, not
// thrown, so prepareCi can report them together with the flags' problems.
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parseYamlDocument } from '../lazy-yaml.js';
import { ruleValuesFromDocument, type RuleValues } from '../../core/ci/config.js';
import { EMPTY_POLICY, policyFromDocument, type CiPolicy } from '../../core/ci/policy.js';

export const CONFIG_CANDIDATES = ['.layerscope-ci.yaml', '.layerscope-ci.yml', '.dive-ci'] as const;

export interface LoadedConfigFile {
  /** The file read (absolute), or undefined when none was given or found. */
  readonly path: string | undefined;
  readonly values: RuleValues | undefined;
  readonly problems: readonly string[];
  /** secrets.allow and paths.block/no-waste (empty when the file has none). */
  readonly policy?: CiPolicy;
}

async function readText(path: string): Promise<{ text?: string; code?: string }> {
  try {
    return { text: await readFile(path, 'utf8') };
  } catch (err) {
    return { code: (err as NodeJS.ErrnoException).code ?? String(err) };
  }
}

function describeReadFailure(shown: string, code: string): string {
  if (code === 'ENOENT') return `${shown}: file not found`;
  if (code === 'EISDIR') return `${shown}: is a directory, not a file`;
  if (code === 'EACCES' || code === 'EPERM') return `${shown}: permission denied`;
  return `${shown}: cannot read (${code})`;
}

/** Parse one rules file; `shown` is how problems name it (as the user wrote it, or its base name). */
export function parseConfigText(text: string, shown: string): { values: RuleValues; problems: string[]; policy?: CiPolicy } {
  const doc = parseYamlDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => {
      const at = e.linePos?.[0];
      const where = at ? `${shown}:${at.line}:${at.col}` : shown;
      const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      return `${where}: ${message}`;
    });
    return { values: { origin: shown, values: [] }, problems };
  }
  const flavour = basename(shown).startsWith('.layerscope') ? 'layerscope' : 'dive';
  // toJS expands aliases, and refuses a file whose aliases would expand past its limit (an alias bomb).
  let js: unknown;
  try {
    js = doc.toJS();
  } catch (error) {
    return { values: { origin: shown, values: [] }, problems: [`${shown}: ${(error as Error).message}`] };
  }
  const rules = ruleValuesFromDocument(js, shown, flavour);
  const policy = policyFromDocument(js, shown);
  return { values: rules.values, problems: [...rules.problems, ...policy.problems], policy: policy.policy };
}

export async function loadConfigFile(explicit: string | undefined, cwd: string): Promise<LoadedConfigFile> {
  const candidates = explicit !== undefined ? [explicit] : [...CONFIG_CANDIDATES];
  for (const candidate of candidates) {
    const path = resolve(cwd, candidate);
    const { text, code } = await readText(path);
    if (text === undefined) {
      if (explicit === undefined && code === 'ENOENT') continue;
      return { path, values: undefined, problems: [describeReadFailure(candidate, code ?? 'unknown')] };
    }
    const { values, problems, policy } = parseConfigText(text, candidate);
    return { path, values, problems, policy: policy ?? EMPTY_POLICY };
  }
  return { path: undefined, values: undefined, problems: [] };
}
