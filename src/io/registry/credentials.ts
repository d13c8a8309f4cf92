// Credentials for a registry, found as the docker CLI finds them in $DOCKER_CONFIG/config.json:
// credHelpers[host], then credsStore (both through `docker-credential-NAME get`), then auths[host]
// (`auth` = base64 user:password, or `identitytoken`). Nothing here is ever put into a message.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LayerscopeError } from '../../core/errors.js';
import { isObject } from '../image/json-blob.js';
import { DOCKER_HUB } from './reference.js';

export type Credentials =
  | { readonly kind: 'password'; readonly username: string; readonly password: string }
  | { readonly kind: 'identity-token'; readonly token: string };

/** Docker Hub's key in config.json is the v1 index URL (what `docker login` writes). */
const HUB_KEYS = ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'];

/** `https://host:5000/v2/` → `host:5000`: config.json keys come in URL and bare forms. */
const keyHost = (key: string): string => key.replace(/^https?:\/\//, '').replace(/\/.*$/, '');

const keysFor = (registry: string): string[] => (registry === DOCKER_HUB ? HUB_KEYS : [registry]);

async function readConfig(configDir: string): Promise<Record<string, unknown> | undefined> {
  const path = join(configDir, 'config.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    throw new LayerscopeError('config', `${path} is not valid JSON`, 'fix it, or point DOCKER_CONFIG at another directory');
  }
}

/** Runs `docker-credential-NAME get` with the server on stdin; undefined when it knows none. */
export function runCredentialHelper(name: string, server: string): Promise<Credentials | undefined> {
  const program = `docker-credential-${name}`;
  return new Promise((resolve, reject) => {
    const child = spawn(program, ['get'], { stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.on('error', () =>
      reject(
        new LayerscopeError(
          'config',
          `credential helper ${program} could not be run`,
          `install it, or remove "${name}" from credsStore/credHelpers in your docker config.json`,
        ),
      ),
    );
    child.on('close', (code) => {
      // A helper says "credentials not found" with a non-zero exit: that is no credentials, not an error.
      if (code !== 0) return resolve(undefined);
      try {
        const parsed: unknown = JSON.parse(out);
        if (!isObject(parsed) || typeof parsed.Secret !== 'string' || !parsed.Secret) return resolve(undefined);
        const username = typeof parsed.Username === 'string' ? parsed.Username : '';
        resolve(
          username === '<token>'
            ? { kind: 'identity-token', token: parsed.Secret }
            : { kind: 'password', username, password: parsed.Secret },
        );
      } catch {
        reject(
          new LayerscopeError(
            'config',
            `credential helper ${program} answered something that is not JSON`,
            'check the helper works: echo HOST | ' + program + ' get',
          ),
        );
      }
    });
    child.stdin.on('error', () => undefined).end(server);
  });
}

function fromAuthEntry(entry: unknown): Credentials | undefined {
  if (!isObject(entry)) return undefined;
  if (typeof entry.identitytoken === 'string' && entry.identitytoken) return { kind: 'identity-token', token: entry.identitytoken };
  if (typeof entry.auth === 'string' && entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { kind: 'password', username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (typeof entry.username === 'string' && typeof entry.password === 'string') {
    return { kind: 'password', username: entry.username, password: entry.password };
  }
  return undefined;
}

export type HelperRunner = (name: string, server: string) => Promise<Credentials | undefined>;

/** The credentials docker would use for `registry` (as named in the reference), or undefined. */
export async function findCredentials(
  registry: string,
  configDir: string,
  runHelper: HelperRunner = runCredentialHelper,
): Promise<Credentials | undefined> {
  const config = await readConfig(configDir);
  if (!config) return undefined;
  const keys = keysFor(registry);
  const helpers = isObject(config.credHelpers) ? config.credHelpers : {};
  for (const key of keys) {
    const helper = helpers[key];
    if (typeof helper === 'string' && helper) return runHelper(helper, keys[0]!);
  }
  const auths = isObject(config.auths) ? config.auths : {};
  const entryKey = Object.keys(auths).find((k) => keys.some((want) => k === want || keyHost(k) === keyHost(want)));
  if (typeof config.credsStore === 'string' && config.credsStore) {
    const stored = await runHelper(config.credsStore, entryKey ?? keys[0]!);
    if (stored) return stored;
  }
  return entryKey === undefined ? undefined : fromAuthEntry(auths[entryKey]);
}
