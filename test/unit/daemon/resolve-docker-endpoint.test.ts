// The docker CLI's endpoint order, checked against temp DOCKER_CONFIG dirs (no daemon needed).
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveDockerEndpoint } from '../../../src/io/daemon/resolve-docker-endpoint.js';
import { isLayerscopeError } from '../../../src/core/errors.js';

let config: string;
const home = '/nonexistent-home';

function addContext(name: string, host: string | undefined, opts: { skipVerify?: boolean; tls?: Record<string, string> } = {}): void {
  const key = createHash('sha256').update(name).digest('hex');
  const meta = join(config, 'contexts', 'meta', key);
  mkdirSync(meta, { recursive: true });
  const docker = host === undefined ? {} : { Host: host, SkipTLSVerify: opts.skipVerify ?? false };
  writeFileSync(join(meta, 'meta.json'), JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker } }));
  if (opts.tls) {
    const tlsDir = join(config, 'contexts', 'tls', key, 'docker');
    mkdirSync(tlsDir, { recursive: true });
    for (const [file, text] of Object.entries(opts.tls)) writeFileSync(join(tlsDir, file), text);
  }
}

const useContext = (name: string): void => writeFileSync(join(config, 'config.json'), JSON.stringify({ auths: {}, currentContext: name }));

beforeEach(() => {
  config = mkdtempSync(join(tmpdir(), 'ls-dockercfg-'));
  addContext('ctx-a', 'unix:///run/a.sock');
  addContext('ctx-b', 'tcp://10.0.0.2:2376', { tls: { 'ca.pem': 'CA', 'cert.pem': 'CERT', 'key.pem': 'KEY' } });
  addContext('ctx-c', 'ssh://me@box:2200');
});
afterEach(() => rmSync(config, { recursive: true, force: true }));

const resolve = (input: { host?: string; context?: string; env?: Record<string, string> }) =>
  resolveDockerEndpoint({ host: input.host, context: input.context, env: { DOCKER_CONFIG: config, ...input.env }, home });

describe('resolveDockerEndpoint order', () => {
  it('uses the default socket when nothing is set', async () => {
    expect(await resolve({})).toMatchObject({ kind: 'unix', socketPath: '/var/run/docker.sock', origin: 'default socket' });
  });
  it('uses config.json currentContext', async () => {
    useContext('ctx-a');
    expect(await resolve({})).toMatchObject({ kind: 'unix', socketPath: '/run/a.sock' });
  });
  it('prefers DOCKER_CONTEXT over currentContext', async () => {
    useContext('ctx-a');
    expect(await resolve({ env: { DOCKER_CONTEXT: 'ctx-c' } })).toMatchObject({ kind: 'ssh', user: 'me', host: 'box', port: 2200 });
  });
  it('prefers DOCKER_HOST over DOCKER_CONTEXT and currentContext', async () => {
    useContext('ctx-a');
    const ep = await resolve({ env: { DOCKER_CONTEXT: 'ctx-c', DOCKER_HOST: 'tcp://h:1234' } });
    expect(ep).toMatchObject({ kind: 'tcp', host: 'h', port: 1234, origin: 'DOCKER_HOST' });
  });
  it('prefers -H over DOCKER_HOST', async () => {
    const ep = await resolve({ host: 'unix:///x.sock', env: { DOCKER_HOST: 'tcp://h:1234' } });
    expect(ep).toMatchObject({ kind: 'unix', socketPath: '/x.sock', origin: '--host' });
  });
  it('prefers --context over DOCKER_HOST and DOCKER_CONTEXT', async () => {
    const ep = await resolve({ context: 'ctx-a', env: { DOCKER_HOST: 'tcp://h:1', DOCKER_CONTEXT: 'ctx-c' } });
    expect(ep).toMatchObject({ kind: 'unix', socketPath: '/run/a.sock' });
  });
  it('treats the context named default as env and socket defaults', async () => {
    useContext('ctx-a');
    expect(await resolve({ context: 'default' })).toMatchObject({ kind: 'unix', socketPath: '/var/run/docker.sock' });
    expect(await resolve({ env: { DOCKER_CONTEXT: 'default' } })).toMatchObject({ socketPath: '/var/run/docker.sock' });
  });
  it('refuses --host together with --context', async () => {
    await expect(resolve({ host: 'unix:///x', context: 'ctx-a' })).rejects.toMatchObject({ kind: 'usage' });
  });
  it('names docker context ls for an unknown context', async () => {
    const err = await resolve({ context: 'nope' }).catch((e: unknown) => e);
    expect(isLayerscopeError(err) && err.kind === 'source' && err.hint === 'docker context ls').toBe(true);
    expect((err as Error).message).toContain('"nope"');
  });
  it('fails the same way for an unknown currentContext', async () => {
    useContext('gone');
    await expect(resolve({})).rejects.toMatchObject({ kind: 'source', hint: 'docker context ls' });
  });
  it('uses the default socket for a context without a host', async () => {
    addContext('ctx-empty', undefined);
    expect(await resolve({ context: 'ctx-empty' })).toMatchObject({ kind: 'unix', socketPath: '/var/run/docker.sock' });
  });
  it('defaults DOCKER_CONFIG to ~/.docker', async () => {
    const ep = await resolveDockerEndpoint({ env: {}, home: '/nonexistent-home' });
    expect(ep).toMatchObject({ socketPath: '/var/run/docker.sock' });
  });
  it('reports a broken config.json as a config error', async () => {
    writeFileSync(join(config, 'config.json'), '{ not json');
    await expect(resolve({})).rejects.toMatchObject({ kind: 'config' });
  });
});

describe('TLS material', () => {
  it('reads a context TLS folder and verifies by default', async () => {
    const ep = await resolve({ context: 'ctx-b' });
    expect(ep).toMatchObject({ kind: 'tcp', host: '10.0.0.2', port: 2376, tls: { ca: 'CA', cert: 'CERT', key: 'KEY', verify: true } });
  });
  it('honours SkipTLSVerify (TLS without verification)', async () => {
    addContext('ctx-skip', 'tcp://h:2376', { skipVerify: true });
    expect(await resolve({ context: 'ctx-skip' })).toMatchObject({ tls: { verify: false } });
  });
  it('reads DOCKER_CERT_PATH when DOCKER_TLS_VERIFY is set', async () => {
    const certs = join(config, 'certs');
    mkdirSync(certs);
    for (const f of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(join(certs, f), f);
    const ep = await resolve({ env: { DOCKER_HOST: 'tcp://h', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs } });
    expect(ep).toMatchObject({ kind: 'tcp', port: 2376, tls: { ca: 'ca.pem', cert: 'cert.pem', key: 'key.pem', verify: true } });
  });
  it('fails clearly when DOCKER_TLS_VERIFY is set but ca.pem is missing', async () => {
    const err = resolve({ env: { DOCKER_HOST: 'tcp://h', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/nonexistent' } });
    await expect(err).rejects.toMatchObject({ kind: 'config' });
  });
  it('uses plain tcp on 2375 without TLS variables', async () => {
    expect(await resolve({ env: { DOCKER_HOST: 'tcp://h' } })).toMatchObject({ port: 2375, tls: undefined });
  });
});
