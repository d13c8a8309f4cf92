// The connections a registry session makes: direct (keep-alive), or through the environment's proxy:
// HTTPS by a CONNECT tunnel (https-proxy-agent), plain HTTP by absolute-URI requests (http-proxy-agent).
// The proxy's user and password go only into the Proxy-Authorization header: the URL the agents keep
// (and their DEBUG output shows) has none.
import * as http from 'node:http';
import * as https from 'node:https';
import type { SecureContext } from 'node:tls';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import type { ChosenProxy, ProxyRules } from './proxy-rules.js';

export interface Route {
  readonly agent: http.Agent;
  /** Set when the request goes through a proxy. */
  readonly proxy?: ChosenProxy;
}

function proxyAuthorization(url: URL): Record<string, string> {
  if (!url.username && !url.password) return {};
  const pair = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return { 'Proxy-Authorization': `Basic ${Buffer.from(pair).toString('base64')}` };
}

function withoutUserInfo(url: URL): URL {
  const bare = new URL(url.href);
  bare.username = '';
  bare.password = '';
  return bare;
}

export class RegistryAgents {
  private readonly direct = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  private readonly proxied = new Map<string, http.Agent>();

  constructor(
    private readonly rules: ProxyRules | undefined,
    /** Trusted CAs, also for a proxy spoken to over https (built when first asked for). */
    private readonly secureContext: () => SecureContext | undefined,
  ) {}

  route(target: URL): Route {
    const secure = target.protocol === 'https:';
    const proxy = this.rules?.proxyFor(target);
    if (!proxy) return { agent: secure ? this.direct.https : this.direct.http };
    const key = `${secure ? 'tunnel' : 'forward'} ${proxy.url.href}`;
    let agent = this.proxied.get(key);
    if (!agent) {
      const secureContext = proxy.url.protocol === 'https:' ? this.secureContext() : undefined;
      const opts = {
        keepAlive: true,
        headers: proxyAuthorization(proxy.url),
        ...(secureContext ? { secureContext } : {}),
      };
      const bare = withoutUserInfo(proxy.url);
      agent = secure ? new HttpsProxyAgent(bare, opts) : new HttpProxyAgent(bare, opts);
      this.proxied.set(key, agent);
    }
    return { agent, proxy };
  }

  destroy(): void {
    this.direct.http.destroy();
    this.direct.https.destroy();
    for (const agent of this.proxied.values()) agent.destroy();
  }
}
