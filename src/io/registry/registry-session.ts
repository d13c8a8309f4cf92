// Talking to one registry about one repository: scheme (https, or http where allowed), auth (anonymous
// or credentialed bearer token, or basic), redirects (Authorization never follows to another host) and
// bounded retries with backoff on 429, 5xx and dropped connections; through the environment's proxy.
import { setTimeout as delay } from 'node:timers/promises';
import { createSecureContext, type SecureContext } from 'node:tls';
import type { Credentials } from './credentials.js';
import { discard, httpRequest, type HttpResponse } from './http-request.js';
import { authorizationFor } from './registry-login.js';
import { apiHost, isLoopback } from './reference.js';
import { proxyAuthRequired, proxyUnreachable, tunnelRefused } from './proxy-errors.js';
import { ProxyRules, type ProxySettings } from './proxy-rules.js';
import { RegistryAgents } from './registry-agents.js';
import { accessDenied, gaveUp, isConnectFailure, isNotTls, isTransient, networkFailure, unexpected } from './registry-errors.js';
import { parseChallenge, type Challenge } from './www-authenticate.js';

export interface SessionOptions {
  /** Registries (host[:port]) that may be spoken to in plain HTTP, beside loopback ones. */
  readonly insecureRegistries?: readonly string[];
  /** Trusted CAs (PEM); undefined = Node's defaults. */
  readonly ca?: readonly string[];
  /** Asked only when the registry wants credentials. */
  readonly credentials: () => Promise<Credentials | undefined>;
  readonly signal?: AbortSignal;
  /** HTTP_PROXY, HTTPS_PROXY, NO_PROXY as the environment has them (none: connect directly). */
  readonly proxy?: ProxySettings;
  /** Tries per request and the first backoff (doubles each time). */
  readonly retry?: { readonly tries: number; readonly firstDelayMs: number };
}

const DEFAULT_RETRY = { tries: 5, firstDelayMs: 250 };
const MAX_DELAY_MS = 8_000;
const MAX_REDIRECTS = 5;
const RETRY_STATUS = new Set([429, 500, 502, 503, 504]);

export class RegistrySession {
  private authorization: string | undefined;
  private withCredentials = false;
  private readonly agents: RegistryAgents;
  private base!: URL;
  private readonly secureContext: SecureContext | undefined;

  private constructor(
    readonly registry: string,
    readonly repository: string,
    private readonly opts: SessionOptions,
  ) {
    this.secureContext = opts.ca ? createSecureContext({ ca: [...opts.ca] }) : undefined;
    this.agents = new RegistryAgents(opts.proxy ? new ProxyRules(opts.proxy) : undefined, this.secureContext);
  }

  /** Finds the scheme and logs in (GET /v2/, then the challenge it answers with). */
  static async open(registry: string, repository: string, opts: SessionOptions): Promise<RegistrySession> {
    const session = new RegistrySession(registry, repository, opts);
    try {
      await session.start();
    } catch (error) {
      session.close();
      throw error;
    }
    return session;
  }

  close(): void {
    this.agents.destroy();
  }

  private async start(): Promise<void> {
    const host = apiHost(this.registry);
    const plainAllowed = isLoopback(this.registry) || (this.opts.insecureRegistries ?? []).includes(this.registry);
    this.base = new URL(`https://${host}/`);
    let ping: HttpResponse;
    try {
      ping = await this.send(new URL('/v2/', this.base), {});
    } catch (error) {
      // docker's rule: plain HTTP for loopback and --insecure-registry hosts, but only when the server
      // does not speak TLS at all. A certificate we cannot verify stays an error.
      if (!plainAllowed || !isNotTls(error)) throw networkFailure(this.registry, error);
      this.base = new URL(`http://${host}/`);
      ping = await this.send(new URL('/v2/', this.base), {}).catch((e: unknown) => {
        throw networkFailure(this.registry, e);
      });
    }
    discard(ping);
    if (ping.status === 200) return;
    const challenge = parseChallenge(ping.headers['www-authenticate']);
    if (ping.status !== 401 || !challenge) throw unexpected(this.registry, '/v2/', ping.status);
    await this.login(challenge).catch((e: unknown) => {
      throw networkFailure(this.registry, e);
    });
  }

  private async login(challenge: Challenge): Promise<void> {
    const creds = await this.opts.credentials();
    this.withCredentials = creds !== undefined;
    this.authorization = await authorizationFor(challenge, creds, {
      registry: this.registry,
      repository: this.repository,
      base: this.base,
      send: (url, headers, extra) => this.send(url, headers, extra),
    });
  }

  /** GET a path of this repository (`manifests/…`, `blobs/…`), authorised; 401/403 are errors. */
  async get(path: string, headers: Record<string, string> = {}): Promise<HttpResponse> {
    const url = new URL(`/v2/${this.repository}/${path}`, this.base);
    const attempt = () =>
      this.send(url, { ...headers, ...(this.authorization ? { authorization: this.authorization } : {}) }).catch((e: unknown) => {
        throw networkFailure(this.registry, e);
      });
    let res = await attempt();
    // A bearer token lives minutes (Docker Hub: 5); a long read outlives it. Log in again, once.
    const challenge = res.status === 401 ? parseChallenge(res.headers['www-authenticate']) : undefined;
    if (challenge?.scheme === 'bearer' && this.authorization?.startsWith('Bearer ')) {
      discard(res);
      await this.login(challenge).catch((e: unknown) => {
        throw networkFailure(this.registry, e);
      });
      res = await attempt();
    }
    if (res.status === 401 || res.status === 403) {
      discard(res);
      throw accessDenied(this.registry, this.repository, res.status, this.withCredentials);
    }
    return res;
  }

  /** One request with redirects and retries. Network errors are thrown raw (the caller names them). */
  private async send(url: URL, headers: Record<string, string>, extra: { method?: 'POST'; body?: string } = {}): Promise<HttpResponse> {
    const { tries, firstDelayMs } = this.opts.retry ?? DEFAULT_RETRY;
    for (let attempt = 1; ; attempt++) {
      let res: HttpResponse;
      try {
        res = await this.follow(url, headers, extra);
      } catch (error) {
        if (attempt >= tries || !isTransient(error) || this.opts.signal?.aborted) throw error;
        await delay(backoff(firstDelayMs, attempt), undefined, { signal: this.opts.signal });
        continue;
      }
      if (!RETRY_STATUS.has(res.status)) return res;
      discard(res);
      if (attempt >= tries) throw gaveUp(this.registry, res.status, attempt);
      await delay(Math.max(backoff(firstDelayMs, attempt), retryAfterMs(res)), undefined, { signal: this.opts.signal });
    }
  }

  private async follow(url: URL, headers: Record<string, string>, extra: { method?: 'POST'; body?: string }): Promise<HttpResponse> {
    let current = url;
    let sent = headers;
    for (let hop = 0; ; hop++) {
      const res = await this.request(current, sent, extra);
      const location = res.headers.location;
      if (![301, 302, 303, 307, 308].includes(res.status) || !location || hop >= MAX_REDIRECTS) return res;
      discard(res);
      const next = new URL(location, current);
      if (next.origin !== current.origin) {
        // Blob storage (S3, a CDN) gets a signed URL; our token is for the registry only.
        const { authorization: _dropped, ...rest } = sent;
        sent = rest;
      }
      current = next;
    }
  }

  /** One request on its route; what the proxy (not the registry) refused becomes the proxy's error. */
  private async request(url: URL, headers: Record<string, string>, extra: { method?: 'POST'; body?: string }): Promise<HttpResponse> {
    const { agent, proxy } = this.agents.route(url);
    let res: HttpResponse;
    try {
      res = await httpRequest(url, { ...extra, headers, secureContext: this.secureContext, agent, signal: this.opts.signal });
    } catch (error) {
      // Through a proxy, the only connection we make is to the proxy.
      throw proxy && isConnectFailure(error) ? proxyUnreachable(proxy, this.registry, error) : error;
    }
    // 407 is the proxy's by definition; a refused tunnel's answer is the proxy's whatever its status
    // (tinyproxy answers a wrong password with 401).
    const authRefused = res.status === 407 || (res.tunnelRefused === true && res.status === 401);
    if (proxy && (authRefused || res.tunnelRefused)) {
      discard(res);
      throw authRefused ? proxyAuthRequired(proxy, this.registry) : tunnelRefused(proxy, this.registry, res.status);
    }
    return res;
  }
}

const backoff = (first: number, attempt: number): number => Math.min(MAX_DELAY_MS, first * 2 ** (attempt - 1));

function retryAfterMs(res: HttpResponse): number {
  const seconds = Number(res.headers['retry-after']);
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(MAX_DELAY_MS, seconds * 1000) : 0;
}
