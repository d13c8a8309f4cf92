// The CI flags. dive spells its rule flags in camelCase (--lowestEfficiency); we take those as-is and
// the kebab-case forms too (hidden from --help to keep it short; commander maps both to one key).
import { fileValue } from '../file-option.js';
import { Command, Option } from 'commander';
import { RULES, kebabCase } from '../../core/ci/rules.js';

const VALUE_NAME = { ratio: 'ratio', bytes: 'bytes', count: 'n' } as const;
const VALUE_HELP = { ratio: '0..1 or N%', bytes: '20MB, 20MiB…', count: 'a whole number' } as const;

export function registerCiOptions(program: Command): Command {
  program
    .option('--ci', 'analyse without the explorer and pass or fail on the CI rules (also when CI=true|1|yes)')
    .option('--no-ci', 'never run as a CI gate, even when CI=true')
    .option('--ci-config <path>', 'CI rules file (default: .layerscope-ci.yaml, else .dive-ci, in the current directory)')
    .option('--ci-format <format>', 'CI report format: text (default), json, junit or markdown')
    .option(
      '--ci-report <file>',
      'write the CI report to FILE (stdout then gets the text report); format from --ci-format or the extension',
      fileValue,
    );
  for (const rule of RULES) {
    const value = `<${VALUE_NAME[rule.kind]}>`;
    const when = rule.bound === 'min' ? 'below' : 'above';
    program.option(
      `--${rule.id} ${value}`,
      `CI: fail when ${rule.label} is ${when} this (${VALUE_HELP[rule.kind]}; default ${rule.defaultValue}; 'off' skips)`,
    );
    if (kebabCase(rule.id) !== rule.id) program.addOption(new Option(`--${kebabCase(rule.id)} ${value}`).hideHelp());
  }
  return program;
}

const CI_ENV_TRUE = /^(true|1|yes)$/i;

/** --ci, or CI=true/1/yes in the environment as dive reads it; --no-ci wins over the environment. */
export function ciRequested(opts: Record<string, unknown>, env: NodeJS.ProcessEnv): boolean {
  if (opts.ci === true) return true;
  if (opts.ci === false) return false;
  return CI_ENV_TRUE.test((env.CI ?? '').trim());
}
