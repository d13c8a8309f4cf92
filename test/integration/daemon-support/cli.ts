// The built CLI as the daemon tests run it: a clean environment (no docker config or context of the
// machine's leaking in) plus what each test sets. The error contract lives in test/helpers/run-cli.ts.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT, runCommand, withOwnCache, type CliRun } from '../../helpers/run-cli.js';

export { expectOneLineError, type CliRun } from '../../helpers/run-cli.js';

export const cliBuilt = (): boolean => existsSync(join(ROOT, 'dist/cli/main.js'));

// Root passes every permission check; without CAP_DAC_OVERRIDE (dropped with util-linux's setpriv) file
// permissions apply to it as to any user, with no need for the checkout to be readable by another user.
const WITHOUT_PERMISSION_BYPASS = ['--bounding-set=-dac_override,-dac_read_search', '--inh-caps=-dac_override,-dac_read_search'];

/** Runs the CLI with a clean environment plus `env`; `permissionsApply` drops root's permission bypass. */
export function runCli(args: readonly string[], env: Record<string, string>, opts: { permissionsApply?: boolean } = {}): Promise<CliRun> {
  const given = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent', DOCKER_CONFIG: '/nonexistent', ...env };
  // Each run gets an empty layer cache of its own unless the test sets XDG_CACHE_HOME (withOwnCache).
  if (env.XDG_CACHE_HOME) return run(given);
  return withOwnCache(given, run);
  function run(clean: NodeJS.ProcessEnv): Promise<CliRun> {
    if (opts.permissionsApply) return runCommand('setpriv', [...WITHOUT_PERMISSION_BYPASS, process.execPath, BIN, ...args], { env: clean });
    return runCommand(process.execPath, [BIN, ...args], { env: clean });
  }
}
