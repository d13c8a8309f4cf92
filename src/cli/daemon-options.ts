// The daemon flags every command that reads an image accepts, named as in the docker CLI so that
// `layerscope -H ssh://me@box IMAGE` means what `docker -H ssh://me@box` means.
import type { Command } from 'commander';

export interface DaemonFlags {
  readonly host?: string;
  readonly context?: string;
  readonly pull?: boolean;
}

export function registerDaemonOptions(program: Command): Command {
  return program
    .option(
      '-H, --host <url>',
      'daemon to read from: unix:///path.sock, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] (default: DOCKER_HOST, then the docker context)',
    )
    .option('--context <name>', 'docker context to read from (see docker context ls)')
    .option('--pull', 'pull the image first when the daemon does not have it (never done silently)');
}
