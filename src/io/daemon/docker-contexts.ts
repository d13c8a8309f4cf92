// The docker CLI's context store, read the way the CLI reads it: $DOCKER_CONFIG/config.json names the
// current context; contexts/meta/<sha256(name)>/meta.json holds its docker endpoint; the TLS files live
// in contexts/tls/<sha256(name)>/docker/. dockerode knows none of this.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LayerscopeError } from '../../core/errors.js';
import type { TlsMaterial } from './endpoint.js';

export interface DockerContext {
  readonly name: string;
  /** Endpoints.docker.Host; undefined means "the default socket". */
  readonly host?: string;
  readonly tls?: TlsMaterial;
}

const contextKey = (name: string): string => createHash('sha256').update(name).digest('hex');

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new LayerscopeError(
      'config',
      `cannot read ${file}: ${(e as Error).message}`,
      'check the permissions of your docker config directory',
      { cause: e },
    );
  }
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new LayerscopeError('config', `${file} is not valid JSON`, 'fix or remove the file', { cause: e });
  }
}

const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

/** `currentContext` of config.json, or undefined when the file or the field is absent. */
export async function readCurrentContext(configDir: string): Promise<string | undefined> {
  const file = join(configDir, 'config.json');
  const text = await readOptional(file);
  if (text === undefined) return undefined;
  const current = field(parseJson(file, text), 'currentContext');
  return typeof current === 'string' && current !== '' ? current : undefined;
}

/** Loads a named context's docker endpoint; an unknown name is a source error pointing at `docker context ls`. */
export async function loadDockerContext(configDir: string, name: string): Promise<DockerContext> {
  const dirName = contextKey(name);
  const metaFile = join(configDir, 'contexts', 'meta', dirName, 'meta.json');
  const text = await readOptional(metaFile);
  if (text === undefined) {
    throw new LayerscopeError('source', `docker context "${name}" does not exist (in ${configDir})`, 'docker context ls');
  }
  const docker = field(field(parseJson(metaFile, text), 'Endpoints'), 'docker');
  if (docker === undefined) {
    throw new LayerscopeError('source', `docker context "${name}" has no docker endpoint`, 'docker context inspect ' + name);
  }
  const host = field(docker, 'Host');
  const skipVerify = field(docker, 'SkipTLSVerify') === true;
  const tlsDir = join(configDir, 'contexts', 'tls', dirName, 'docker');
  const [ca, cert, clientKey] = await Promise.all(['ca.pem', 'cert.pem', 'key.pem'].map((f) => readOptional(join(tlsDir, f))));
  const hasFiles = ca !== undefined || cert !== undefined || clientKey !== undefined;
  const tls = hasFiles || skipVerify ? { ca, cert, key: clientKey, verify: !skipVerify } : undefined;
  return { name, host: typeof host === 'string' && host !== '' ? host : undefined, tls };
}

/** TLS from DOCKER_TLS_VERIFY / DOCKER_TLS / DOCKER_CERT_PATH (default: the config dir), as the CLI does. */
export async function envTls(env: Record<string, string | undefined>, configDir: string): Promise<TlsMaterial | undefined> {
  const verify = Boolean(env.DOCKER_TLS_VERIFY);
  if (!verify && !env.DOCKER_TLS) return undefined;
  const dir = env.DOCKER_CERT_PATH || configDir;
  const [ca, cert, key] = await Promise.all(['ca.pem', 'cert.pem', 'key.pem'].map((f) => readOptional(join(dir, f))));
  if (verify && ca === undefined) {
    throw new LayerscopeError(
      'config',
      `DOCKER_TLS_VERIFY is set but ${join(dir, 'ca.pem')} does not exist`,
      'set DOCKER_CERT_PATH to the folder holding ca.pem, cert.pem and key.pem',
    );
  }
  return { ca, cert, key, verify };
}
