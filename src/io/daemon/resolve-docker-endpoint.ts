// Which Docker daemon the user's docker CLI would talk to, decided in the CLI's own order so that
// `layerscope IMAGE` reads from the same place `docker images` lists:
//   --context, then -H / DOCKER_HOST, then DOCKER_CONTEXT, then config.json currentContext, then default.
import { LayerscopeError } from '../../core/errors.js';
import { DEFAULT_DOCKER_SOCKET, dockerConfigDir, parseDaemonHost, type DaemonEndpoint } from './endpoint.js';
import { envTls, loadDockerContext, readCurrentContext } from './docker-contexts.js';

export interface DockerEndpointInput {
  /** -H / --host */
  readonly host?: string;
  /** --context */
  readonly context?: string;
  readonly env: Record<string, string | undefined>;
  readonly home: string;
}

interface ContextChoice {
  readonly name: string;
  readonly origin: string;
}

async function chooseContext(input: DockerEndpointInput, configDir: string): Promise<ContextChoice> {
  if (input.context) return { name: input.context, origin: `context "${input.context}" (--context)` };
  if (input.host || input.env.DOCKER_HOST) return { name: 'default', origin: 'default context' };
  const fromEnv = input.env.DOCKER_CONTEXT;
  if (fromEnv) return { name: fromEnv, origin: `context "${fromEnv}" (DOCKER_CONTEXT)` };
  const current = await readCurrentContext(configDir);
  if (current) return { name: current, origin: `context "${current}" (docker context use)` };
  return { name: 'default', origin: 'default context' };
}

/** The `default` context: -H, else DOCKER_HOST (with DOCKER_TLS_VERIFY / DOCKER_CERT_PATH), else the socket. */
async function defaultEndpoint(input: DockerEndpointInput, configDir: string): Promise<DaemonEndpoint> {
  const host = input.host || input.env.DOCKER_HOST;
  if (!host) {
    return { kind: 'unix', socketPath: DEFAULT_DOCKER_SOCKET, url: `unix://${DEFAULT_DOCKER_SOCKET}`, origin: 'default socket' };
  }
  const origin = input.host ? '--host' : 'DOCKER_HOST';
  return parseDaemonHost(host, origin, await envTls(input.env, configDir));
}

export async function resolveDockerEndpoint(input: DockerEndpointInput): Promise<DaemonEndpoint> {
  if (input.context && input.host) {
    throw new LayerscopeError('usage', 'conflicting options: either specify --host or --context, not both', 'drop one of them');
  }
  const configDir = dockerConfigDir(input.env, input.home);
  const choice = await chooseContext(input, configDir);
  if (choice.name === 'default') return defaultEndpoint(input, configDir);
  const context = await loadDockerContext(configDir, choice.name);
  if (!context.host) {
    return { kind: 'unix', socketPath: DEFAULT_DOCKER_SOCKET, url: `unix://${DEFAULT_DOCKER_SOCKET}`, origin: choice.origin };
  }
  return parseDaemonHost(context.host, choice.origin, context.tls);
}
