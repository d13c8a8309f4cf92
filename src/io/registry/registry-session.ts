// Talking to one registry about one repository: scheme (https, or http where allowed), auth (anonymous
// or credentialed bearer token, or basic), redirects (Authorization never follows to another host) and
// bounded retries with backoff on 429, 5xx and dropped connections; through the environment's proxy.
import { setTimeout as delay } from 'node:timers/promises';
import { createSecureContext, type SecureContext } from 'node:tls';
import type { Credentials } from './credentials.js';
import { discard, httpRequest, IdleTimeoutError, type HttpResponse } from './http-request.js';
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
  /** No answer in this long is a dropped connection (default 20 s; tests shorten it). */
  readonly idleTimeoutMs?: number;
}

const DEFAULT_RETRY = { tries: 5, firstDelayMs: 250 };
/**
 * Tries of a request that got no answer at all within the idle timeout: a registry that accepts the
 * connection and then says nothing for 20 s twice is stuck, and five such tries would keep the user
 * waiting 100 s for the same error (dropped connections and 5xx answers keep their five).
 */
const TRIES_AFTER_TIMEOUT = 2;
const MAX_DELAY_MS = 8_000;
const MAX_REDIRECTS = 5;
/** How long a loopback registry has to answer plain HTTP before it is tried over https. */
const PLAIN_PING_MS = 2_000;
const RETRY_STATUS = new Set([429, 500, 502, 503, 504]);

export class RegistrySession {
  private authorization: string | undefined;
  private withCredentials = false;
  private readonly agents: RegistryAgents;
  private base!: URL;
  private tls: SecureContext | undefined;

  private constructor(
    readonly registry: string,
    readonly repository: string,
    private readonly opts: SessionOptions,
  ) {
    this.agents = new RegistryAgents(opts.proxy ? new ProxyRules(opts.proxy) : undefined, () => this.secureContext());
  }

  /**
   * Built on the first https request: a context with every trusted CA costs 25-60 ms of CPU (OpenSSL
   * parses each certificate), which a plain-HTTP registry on loopback never needs.
   */
  private secureContext(): SecureContext | undefined {
    if (!this.opts.ca) return undefined;
    return (this.tls ??= createSecureContext({ ca: [...this.opts.ca] }));
  }

  /**
   * A registry on loopback is asked over plain HTTP first, once: when it answers as a registry does
   * (200, 401 with a challenge, or a status that is retried: the first try of those) it does not speak
   * TLS, so docker's rule ends at plain HTTP anyway, and the TLS context and the failed handshake are
   * saved (~60 ms of a 0.25 s warm read). Any other answer or failure (a TLS server answers plain HTTP
   * with 400 or hangs up) goes the docker way, https first. Loopback traffic does not leave the machine;
   * an --insecure-registry host is still tried over https first.
   */
  private async plainRegistryPing(host: string): Promise<HttpResponse | undefined> {
    // A TLS server that waits for a handshake instead of answering is not waited for long.
    const signal = AbortSignal.any([AbortSignal.timeout(PLAIN_PING_MS), ...(this.opts.signal ? [this.opts.signal] : [])]);
    const res = await this.request(new URL(`http://${host}/v2/`), {}, {}, signal).catch(() => undefined);
    const registryAnswer = (r: HttpResponse): boolean =>
      r.status === 200 || RETRY_STATUS.has(r.status) || (r.status === 401 && parseChallenge(r.headers['www-authenticate']) !== undefined);
    if (res && registryAnswer(res)) {
      this.base = new URL(`http://${host}/`);
      return res;
    }
    if (res) discard(res);
    return undefined;
  }

  /** docker's rule: https; plain HTTP for loopback and --insecure-registry hosts only when the server does not speak TLS at all. */
  private async pingHttpsFirst(host: string, plainAllowed: boolean): Promise<HttpResponse> {
    this.base = new URL(`https://${host}/`);
    try {
      return await this.send(new URL('/v2/', this.base), {});
    } catch (error) {
      // A certificate we cannot verify stays an error.
      if (!plainAllowed || !isNotTls(error)) throw networkFailure(this.registry, error);
      this.base = new URL(`http://${host}/`);
      return await this.send(new URL('/v2/', this.base), {}).catch((e: unknown) => {
        throw networkFailure(this.registry, e);
      });
    }
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
    const loopback = isLoopback(this.registry);
    const plainAllowed = loopback || (this.opts.insecureRegistries ?? []).includes(this.registry);
    const plain = loopback ? await this.plainRegistryPing(host) : undefined;
    const ping = plain
      ? await this.send(new URL('/v2/', this.base), {}, {}, plain).catch((e: unknown) => {
          throw networkFailure(this.registry, e);
        })
      : await this.pingHttpsFirst(host, plainAllowed);
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
  /** With retries and redirects; `first`: the answer to a first try already made. */
  private async send(
    url: URL,
    headers: Record<string, string>,
    extra: { method?: 'POST'; body?: string } = {},
    first?: HttpResponse,
  ): Promise<HttpResponse> {
    const { tries, firstDelayMs } = this.opts.retry ?? DEFAULT_RETRY;
    let timeouts = 0;
    for (let attempt = 1; ; attempt++) {
      let res: HttpResponse;
      try {
        res = attempt === 1 && first ? first : await this.follow(url, headers, extra);
      } catch (error) {
        if (error instanceof IdleTimeoutError && ++timeouts >= TRIES_AFTER_TIMEOUT) throw error;
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
  private async request(
    url: URL,
    headers: Record<string, string>,
    extra: { method?: 'POST'; body?: string },
    signal = this.opts.signal,
  ): Promise<HttpResponse> {
    const { agent, proxy } = this.agents.route(url);
    let res: HttpResponse;
    try {
      const secureContext = url.protocol === 'https:' ? this.secureContext() : undefined;
      const idleTimeoutMs = this.opts.idleTimeoutMs;
      res = await httpRequest(url, { ...extra, headers, secureContext, agent, signal, ...(idleTimeoutMs ? { idleTimeoutMs } : {}) });
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
