// The Authorization header a registry's 401 challenge asks for: Basic with the password, or a bearer
// token from the challenge's realm for `repository:NAME:pull` (anonymous, with Basic credentials, or an
// OAuth2 refresh token when docker login stored an identity token).
import type { Credentials } from './credentials.js';
import { discard, readBody, type HttpResponse } from './http-request.js';
import { accessDenied, loginFailed, unexpected } from './registry-errors.js';
import type { Challenge } from './www-authenticate.js';

export interface LoginContext {
  readonly registry: string;
  readonly repository: string;
  /** The registry's base URL (a relative realm resolves against it). */
  readonly base: URL;
  readonly send: (url: URL, headers: Record<string, string>, extra?: { method?: 'POST'; body?: string }) => Promise<HttpResponse>;
}

const basic = (c: { username: string; password: string }): string =>
  `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;

export async function authorizationFor(challenge: Challenge, creds: Credentials | undefined, ctx: LoginContext): Promise<string> {
  if (challenge.scheme === 'basic') {
    if (creds?.kind !== 'password') throw accessDenied(ctx.registry, ctx.repository, 401, false);
    return basic(creds);
  }
  const realm = challenge.params.realm;
  if (!realm) throw unexpected(ctx.registry, 'login (no token realm)', 401);
  const url = new URL(realm, ctx.base);
  const form = new URLSearchParams({
    scope: `repository:${ctx.repository}:pull`,
    ...(challenge.params.service ? { service: challenge.params.service } : {}),
  });
  let res: HttpResponse;
  if (creds?.kind === 'identity-token') {
    form.set('grant_type', 'refresh_token');
    form.set('refresh_token', creds.token);
    form.set('client_id', 'layerscope');
    res = await ctx.send(url, { 'content-type': 'application/x-www-form-urlencoded' }, { method: 'POST', body: form.toString() });
  } else {
    form.forEach((value, key) => url.searchParams.set(key, value));
    res = await ctx.send(url, creds ? { authorization: basic(creds) } : {});
  }
  if (res.status === 401 || res.status === 403) {
    discard(res);
    throw creds ? loginFailed(ctx.registry, res.status) : accessDenied(ctx.registry, ctx.repository, res.status, false);
  }
  if (res.status !== 200) {
    discard(res);
    throw unexpected(ctx.registry, 'a token', res.status);
  }
  let token: unknown;
  try {
    const body = JSON.parse((await readBody(res, 1 << 20)).toString('utf8')) as { token?: unknown; access_token?: unknown };
    token = typeof body.token === 'string' ? body.token : body.access_token;
  } catch {
    token = undefined;
  }
  if (typeof token !== 'string' || !token) throw unexpected(ctx.registry, 'a token (no token in the answer)', res.status);
  return `Bearer ${token}`;
}
