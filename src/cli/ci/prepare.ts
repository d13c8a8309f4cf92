// Everything about a CI run that can be checked before the image is read: the rules file, the rule
// flags, the report format and where reports go. A bad config must not wait for a 500 MB read, and
// it reports every problem at once (one line, problems separated by '; ').
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { resolveSettings, type CiSettings, type RuleValues } from '../../core/ci/config.js';
import { RULES } from '../../core/ci/rules.js';
import { EMPTY_POLICY, type CiPolicy } from '../../core/ci/policy.js';
import { LayerscopeError } from '../../core/errors.js';
import { CI_FORMATS, type CiFormat } from '../../presentation/ci/index.js';
import { loadConfigFile } from './config-file.js';

export interface PreparedCi {
  /** One threshold per rule, defaults overridden by the file, then by flags. */
  readonly settings: CiSettings;
  /** The report format: on stdout, or in reportPath when one is given. */
  readonly format: CiFormat;
  /** --ci-report, absolute; stdout then gets the text report. */
  readonly reportPath?: string;
  /** $GITHUB_STEP_SUMMARY: the markdown report is appended there too. */
  readonly summaryPath?: string;
  /** The rules file read, if any (absolute). */
  readonly configPath?: string;
  /** secrets.allow and paths rules from the rules file. */
  readonly policy: CiPolicy;
}

const FORMAT_ALIASES: Record<string, CiFormat> = { md: 'markdown', xml: 'junit' };
const FORMAT_BY_EXTENSION: Record<string, CiFormat> = {
  '.json': 'json',
  '.xml': 'junit',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'text',
};

function chooseFormat(opts: Record<string, unknown>, reportPath: string | undefined, problems: string[]): CiFormat {
  const given = opts.ciFormat;
  if (typeof given === 'string') {
    const wanted = given.trim().toLowerCase();
    const format = (CI_FORMATS as readonly string[]).includes(wanted) ? (wanted as CiFormat) : FORMAT_ALIASES[wanted];
    if (format) return format;
    problems.push(`--ci-format: '${given}' is not one of ${CI_FORMATS.join(', ')}`);
    return 'text';
  }
  return (reportPath && FORMAT_BY_EXTENSION[extname(reportPath).toLowerCase()]) || 'text';
}

async function checkWritableTarget(path: string, shown: string, problems: string[]): Promise<void> {
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory()) {
    problems.push(`${shown}: is a directory`);
    return;
  }
  const target = existing ? path : dirname(path);
  const ok = await access(target, constants.W_OK).then(
    () => true,
    () => false,
  );
  if (!ok) problems.push(`${shown}: ${existing ? 'not writable' : `directory ${dirname(path)} does not exist or is not writable`}`);
}

function flagValues(opts: Record<string, unknown>): RuleValues {
  const values: Array<[string, unknown]> = [];
  for (const rule of RULES) {
    if (opts[rule.id] !== undefined) values.push([`--${rule.id}`, opts[rule.id]]);
  }
  return { origin: 'command line', values };
}

/** $GITHUB_STEP_SUMMARY as a path (relative to `cwd`), undefined when unset or empty. Shared with diff. */
export const stepSummaryPath = (env: NodeJS.ProcessEnv, cwd: string): string | undefined =>
  env.GITHUB_STEP_SUMMARY?.trim() ? resolve(cwd, env.GITHUB_STEP_SUMMARY) : undefined;

export async function prepareCi(opts: Record<string, unknown>, env: NodeJS.ProcessEnv, cwd: string): Promise<PreparedCi> {
  const problems: string[] = [];
  const explicit = typeof opts.ciConfig === 'string' ? opts.ciConfig : undefined;
  const file = await loadConfigFile(explicit, cwd);
  problems.push(...file.problems);
  const sources = file.values ? [file.values, flagValues(opts)] : [flagValues(opts)];
  const settings = resolveSettings(sources, problems);

  const reportArg = typeof opts.ciReport === 'string' && opts.ciReport !== '-' ? opts.ciReport : undefined;
  const reportPath = reportArg !== undefined ? resolve(cwd, reportArg) : undefined;
  const formatProblems: string[] = [];
  const format = chooseFormat(opts, reportPath, formatProblems);
  const allProblems = [...settings.problems, ...formatProblems];
  if (reportPath) await checkWritableTarget(reportPath, `--ci-report ${reportArg}`, allProblems);
  const summary = stepSummaryPath(env, cwd);

  if (allProblems.length > 0) {
    const count = allProblems.length === 1 ? '1 problem' : `${allProblems.length} problems`;
    throw new LayerscopeError(
      'config',
      `invalid CI configuration (${count}): ${allProblems.join('; ')}`,
      'fix them all and run again; rules, values and files are described in docs/ci.md',
    );
  }
  return {
    settings,
    format,
    policy: file.policy ?? EMPTY_POLICY,
    ...(reportPath ? { reportPath } : {}),
    ...(summary ? { summaryPath: summary } : {}),
    ...(file.path ? { configPath: file.path } : {}),
  };
}
