// The built CLI as the daemon tests run it: a clean environment (no docker config or context of the
// machine's leaking in) plus what each test sets. The error contract lives in test/helpers/run-cli.ts.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT, runCommand, type CliRun } from '../../helpers/run-cli.js';

export { expectOneLineError, type CliRun } from '../../helpers/run-cli.js';

export const cliBuilt = (): boolean => existsSync(join(ROOT, 'dist/cli/main.js'));

/** Runs the CLI with a clean environment plus `env`; `uid` runs it as another user. */
export function runCli(args: readonly string[], env: Record<string, string>, uid?: number): Promise<CliRun> {
  const clean = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent', DOCKER_CONFIG: '/nonexistent', ...env };
  return runCommand(process.execPath, [BIN, ...args], { env: clean, uid });
}
