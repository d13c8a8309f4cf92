// The registry flags, named as dockerd names them (`--insecure-registry HOST[:PORT]`, repeatable).
import type { Command } from 'commander';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerRegistryOptions(program: Command): Command {
  return program.option(
    '--insecure-registry <host[:port]>',
    'allow plain HTTP to this registry (loopback registries always may); repeatable',
    collect,
  );
}
