// Whether the command line asks for an image from the local Docker daemon, decided from argv and the
// environment alone, before the command line's parser and readers have loaded; and if so, its inspect
// and export sent now (io/daemon/early-requests.ts), so that the daemon works while they load. Only the
// plainest case: the image command, one SOURCE that main would read from the daemon, and nothing that
// points elsewhere (-H, --context, --source, DOCKER_HOST, DOCKER_CONTEXT, a current docker context).
// Anything else is left to main as before; a guess main does not confirm costs one unused request.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import type { EarlyRead } from '../io/daemon/early-requests.js';
import { DEFAULT_DOCKER_SOCKET, dockerConfigDir } from '../io/daemon/endpoint.js';
import { exportRecordsDir } from '../io/store/export-record-path.js';
import { parseSourceSpec } from './source-spec.js';
import { storeRoot } from './store-root.js';
import { COMPLETE_COMMAND, SUBCOMMANDS } from './subcommands.js';

/** The image command's options that take a value (checked against the parser: early-daemon-read.test.ts). */
export const VALUE_OPTIONS: ReadonlySet<string> = new Set([
  ...['--json', '--source', '--platform', '--config', '--cache-max', '--host', '-H', '--context', '--insecure-registry'],
  ...['--ci-config', '--ci-format', '--ci-report', '--secrets'],
  ...['lowest-efficiency', 'highest-wasted-bytes', 'highest-user-wasted-percent', 'highest-honest-wasted-bytes'].map((o) => `--${o}`),
  ...['highest-honest-wasted-percent', 'highest-image-size', 'highest-layer-count', 'blocked-paths', 'no-waste-paths'].map((o) => `--${o}`),
  ...['lowestEfficiency', 'highestWastedBytes', 'highestUserWastedPercent', 'highestHonestWastedBytes'].map((o) => `--${o}`),
  ...['highestHonestWastedPercent', 'highestImageSize', 'highestLayerCount', 'blockedPaths', 'noWastePaths'].map((o) => `--${o}`),
]);

/** Options after which nothing is read: an export asked for would be written for nothing. */
const ONLY_PRINTS = new Set(['--help', '-h', '--version', '-v']);

/** Options that choose the daemon or how SOURCE is read: main decides those. */
const STEERING = new Set(['--host', '-H', '--context', '--source']);

/** What the user typed after `layerscope`, as main would take SOURCE; undefined when not plainly one. */
function plainSource(args: readonly string[]): string | undefined {
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('-') && arg !== '-') {
      const name = arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
      // -Hunix://… as well as -H unix://…
      if (STEERING.has(name) || name.startsWith('-H')) return undefined;
      if (VALUE_OPTIONS.has(name) && !arg.includes('=')) i++;
      continue;
    }
    positional.push(arg);
  }
  return positional.length === 1 ? positional[0] : undefined;
}

/**
 * The early read `args` and `env` ask for, if they plainly ask for one (the daemon's side checks the
 * docker context and the socket: early-requests.ts). Loads nothing of the daemon's: an archive's read
 * decides here, in well under a millisecond, that it has nothing to send.
 */
export function earlyReadFor(
  args: readonly string[],
  env: Record<string, string | undefined>,
  home: string = homedir(),
  exists: (path: string) => boolean = existsSync,
): EarlyRead | undefined {
  const first = args[0];
  if (first === undefined || first === COMPLETE_COMMAND || (SUBCOMMANDS as readonly string[]).includes(first)) return undefined;
  if (env.DOCKER_HOST || env.DOCKER_CONTEXT || args.some((a) => ONLY_PRINTS.has(a))) return undefined;
  const source = plainSource(args);
  if (source === undefined) return undefined;
  let ref: string;
  try {
    const spec = parseSourceSpec(source, undefined, exists);
    if (spec.kind !== 'docker') return undefined;
    ref = spec.location.trim();
  } catch {
    return undefined; // main says why, in its own words
  }
  return {
    ref,
    dockerConfig: dockerConfigDir(env, home),
    socketPath: DEFAULT_DOCKER_SOCKET,
    ...(args.includes('--no-cache') ? {} : { exportRecords: exportRecordsDir(storeRoot(env as NodeJS.ProcessEnv)) }),
    reusePieces: !args.includes('--keep-layers'),
  };
}

/** Starts the early read `args` and `env` ask for, if any. Never throws. */
export async function startEarlyDaemonRead(args: readonly string[], env: Record<string, string | undefined>): Promise<void> {
  const read = earlyReadFor(args, env);
  if (read) await (await import('../io/daemon/early-requests.js')).startEarlyRead(read).catch(() => undefined);
}
