// Which proxy a registry request goes through, by the rules of Go's net/http (golang.org/x/net/http/
// httpproxy), which the docker CLI, dockerd, skopeo and containerd all use, so one environment means the
// same thing to all of them: https URLs take HTTPS_PROXY (never HTTP_PROXY), http URLs take HTTP_PROXY;
// `localhost` and loopback IPs are never proxied; NO_PROXY is a comma list of `*`, IPs and CIDRs,
// `[ip]:port`, and domains (`example.com` = it and its subdomains, `.example.com` / `*.example.com` =
// subdomains only, optionally `:port`). Unlike Go, a value that is not a usable URL is an error, not
// silently no proxy.
import { BlockList, isIP } from 'node:net';
import { LayerscopeError } from '../../core/errors.js';

/** The environment's proxy settings, as the CLI read them (first of the upper- and lower-case names). */
export interface ProxySettings {
  readonly httpProxy?: ProxySetting;
  readonly httpsProxy?: ProxySetting;
  readonly noProxy?: string;
}

export interface ProxySetting {
  readonly value: string;
  /** The variable it came from (HTTPS_PROXY, https_proxy…), for messages. */
  readonly from: string;
}

export interface ChosenProxy {
  readonly url: URL;
  readonly from: string;
}

interface DomainRule {
  readonly suffix: string; // with its leading dot
  readonly port: string;
  readonly alsoExact: boolean;
}

interface NoProxyRules {
  readonly all: boolean;
  readonly ips: { readonly ip: string; readonly port: string }[];
  readonly cidrs: BlockList;
  readonly domains: DomainRule[];
}

const DEFAULT_PORT: Record<string, string> = { 'http:': '80', 'https:': '443' };

/** A proxy URL as Go reads it: `host:port` without a scheme means http. */
export function parseProxyUrl(setting: ProxySetting): URL {
  const text = setting.value.includes('://') ? setting.value : `http://${setting.value}`;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url && /^socks5h?:$/.test(url.protocol)) {
    throw new LayerscopeError(
      'config',
      `${setting.from} names a SOCKS proxy`,
      'layerscope speaks to HTTP(S) proxies only (http://HOST:PORT)',
    );
  }
  if (!url?.hostname || !(url.protocol in DEFAULT_PORT)) {
    throw new LayerscopeError('config', `${setting.from} is not an HTTP(S) proxy URL`, 'write it as http://[USER:PASSWORD@]HOST:PORT');
  }
  return url;
}

const unbracket = (host: string): string => (host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host);

function addCidr(list: BlockList, entry: string): boolean {
  const slash = entry.indexOf('/');
  if (slash < 0) return false;
  const ip = entry.slice(0, slash);
  const prefix = Number(entry.slice(slash + 1));
  const family = isIP(ip);
  if (!family || !/^\d+$/.test(entry.slice(slash + 1)) || prefix > (family === 4 ? 32 : 128)) return false;
  list.addSubnet(ip, prefix, family === 4 ? 'ipv4' : 'ipv6');
  return true;
}

/** `host:port`, `[v6]:port` or `host` (Go's SplitHostPort, falling back to the whole entry). */
function splitHostPort(entry: string): { host: string; port: string } {
  const bracketed = /^\[([^\]]*)\]:(\d*)$/.exec(entry);
  if (bracketed) return { host: bracketed[1]!, port: bracketed[2]! };
  const plain = /^([^:[\]]*):(\d*)$/.exec(entry);
  return plain ? { host: plain[1]!, port: plain[2]! } : { host: unbracket(entry), port: '' };
}

export function parseNoProxy(text: string | undefined): NoProxyRules {
  const rules: NoProxyRules = { all: false, ips: [], cidrs: new BlockList(), domains: [] };
  for (const raw of (text ?? '').split(',')) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return { ...rules, all: true };
    if (addCidr(rules.cidrs, entry)) continue;
    const { host, port } = splitHostPort(entry);
    if (!host) continue;
    if (isIP(host)) {
      rules.ips.push({ ip: host, port });
      continue;
    }
    const name = host.startsWith('*.') ? host.slice(1) : host;
    const alsoExact = !name.startsWith('.');
    rules.domains.push({ suffix: alsoExact ? `.${name}` : name, port, alsoExact });
  }
  return rules;
}

function isLoopbackIp(host: string): boolean {
  const family = isIP(host);
  if (family === 4) return host.startsWith('127.');
  if (family !== 6) return false;
  const loopback = new BlockList();
  loopback.addAddress('::1', 'ipv6');
  loopback.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');
  return loopback.check(host, 'ipv6');
}

function bypassed(rules: NoProxyRules, host: string, port: string): boolean {
  if (host === 'localhost' || isLoopbackIp(host)) return true;
  if (rules.all) return true;
  const family = isIP(host);
  if (family) {
    if (rules.cidrs.check(host, family === 4 ? 'ipv4' : 'ipv6')) return true;
    if (rules.ips.some((r) => sameIp(r.ip, host) && (r.port === '' || r.port === port))) return true;
  }
  return rules.domains.some(
    (r) => (host.endsWith(r.suffix) || (r.alsoExact && host === r.suffix.slice(1))) && (r.port === '' || r.port === port),
  );
}

function sameIp(a: string, b: string): boolean {
  if (a === b) return true;
  const list = new BlockList();
  list.addAddress(a, isIP(a) === 4 ? 'ipv4' : 'ipv6');
  return list.check(b, isIP(b) === 4 ? 'ipv4' : 'ipv6');
}

/** Decides, once per session, which requests go through which proxy. */
export class ProxyRules {
  private readonly http: ChosenProxy | undefined;
  private readonly https: ChosenProxy | undefined;
  private readonly noProxy: NoProxyRules;

  constructor(settings: ProxySettings) {
    this.http = settings.httpProxy?.value ? { url: parseProxyUrl(settings.httpProxy), from: settings.httpProxy.from } : undefined;
    this.https = settings.httpsProxy?.value ? { url: parseProxyUrl(settings.httpsProxy), from: settings.httpsProxy.from } : undefined;
    this.noProxy = parseNoProxy(settings.noProxy);
  }

  /** The proxy for this URL, or undefined to connect directly. */
  proxyFor(target: URL): ChosenProxy | undefined {
    const proxy = target.protocol === 'https:' ? this.https : target.protocol === 'http:' ? this.http : undefined;
    if (!proxy) return undefined;
    const host = unbracket(target.hostname).toLowerCase();
    const port = target.port || DEFAULT_PORT[target.protocol]!;
    return bypassed(this.noProxy, host, port) ? undefined : proxy;
  }
}

/** A proxy as messages show it: scheme, host and port, never the user or password. */
export const shownProxy = (url: URL): string => `${url.protocol}//${url.host}`;
