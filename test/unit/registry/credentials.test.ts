// Where docker keeps credentials (config.json: auths, credsStore, credHelpers) and in which order.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findCredentials, type Credentials } from '../../../src/io/registry/credentials.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function configDir(config: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'ls-creds-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}
const b64 = (s: string) => Buffer.from(s).toString('base64');
const helper = (answers: Record<string, Credentials>) => {
  const calls: string[] = [];
  const run = async (name: string, server: string) => {
    calls.push(`${name} ${server}`);
    return answers[`${name} ${server}`];
  };
  return { calls, run };
};

describe('findCredentials', () => {
  it('decodes auths[host].auth (user:password, the password may hold colons)', async () => {
    const dir = configDir({ auths: { 'reg.example:5000': { auth: b64('bob:pa:ss') } } });
    expect(await findCredentials('reg.example:5000', dir)).toEqual({ kind: 'password', username: 'bob', password: 'pa:ss' });
    expect(await findCredentials('other.example', dir)).toBeUndefined();
  });

  it("matches URL-shaped keys and Docker Hub's v1 index key", async () => {
    const dir = configDir({
      auths: { 'https://reg.example/v2/': { auth: b64('a:b') }, 'https://index.docker.io/v1/': { identitytoken: 'tok' } },
    });
    expect(await findCredentials('reg.example', dir)).toEqual({ kind: 'password', username: 'a', password: 'b' });
    expect(await findCredentials('docker.io', dir)).toEqual({ kind: 'identity-token', token: 'tok' });
  });

  it('credHelpers[host] wins over credsStore and auths', async () => {
    const dir = configDir({
      credHelpers: { 'reg.example': 'pass' },
      credsStore: 'desktop',
      auths: { 'reg.example': { auth: b64('a:b') } },
    });
    const h = helper({ 'pass reg.example': { kind: 'password', username: 'h', password: 'p' } });
    expect(await findCredentials('reg.example', dir, h.run)).toEqual({ kind: 'password', username: 'h', password: 'p' });
    expect(h.calls).toEqual(['pass reg.example']);
  });

  it("credsStore is asked with the auths key (Docker Hub's URL), and auths is the fallback", async () => {
    const dir = configDir({ credsStore: 'desktop', auths: { 'https://index.docker.io/v1/': {}, 'reg.example': { auth: b64('a:b') } } });
    const h = helper({ 'desktop https://index.docker.io/v1/': { kind: 'identity-token', token: 't' } });
    expect(await findCredentials('docker.io', dir, h.run)).toEqual({ kind: 'identity-token', token: 't' });
    expect(await findCredentials('reg.example', dir, h.run)).toEqual({ kind: 'password', username: 'a', password: 'b' });
    expect(h.calls).toEqual(['desktop https://index.docker.io/v1/', 'desktop reg.example']);
  });

  it('no config is no credentials; a broken one is a config error that does not quote it', async () => {
    expect(await findCredentials('reg.example', '/nonexistent')).toBeUndefined();
    const dir = configDir('{"auths": {"reg.example": {"auth": "c2VjcmV0"}');
    await expect(findCredentials('reg.example', dir)).rejects.toThrow(/config\.json is not valid JSON$/);
  });
});
