// Which requests go through the proxy: Go's rules (golang.org/x/net/http/httpproxy), which the docker CLI
// and dockerd use. Expected values are worked out from that package's documented rules, entry by entry.
import { describe, expect, it } from 'vitest';
import { parseProxyUrl, ProxyRules } from '../../../src/io/registry/proxy-rules.js';

const NO_PROXY =
  'FooBar.com, .barbaz.net, *.wildcard.com, 192.168.1.1, 192.168.1.2:81, 192.168.1.3:80, 10.0.0.0/30, ' +
  '2001:db8::52:0:1, [2001:db8::52:0:2]:443, 2002:db8:a::45/64, bar.example:8443';
const rules = new ProxyRules({
  httpProxy: { value: 'http://forward:3128', from: 'HTTP_PROXY' },
  httpsProxy: { value: 'tunnel:3128', from: 'HTTPS_PROXY' },
  noProxy: NO_PROXY,
});
const via = (url: string): string => rules.proxyFor(new URL(url))?.url.host ?? 'direct';

describe('proxy rules (Go net/http)', () => {
  it.each([
    // loopback and localhost: never proxied, whatever NO_PROXY says
    ['https://localhost:5000/', 'direct'],
    ['https://127.0.0.1/', 'direct'],
    ['https://127.9.8.7:443/', 'direct'],
    ['https://[::1]:5000/', 'direct'],
    ['https://[::ffff:127.0.0.1]/', 'direct'],
    ['https://localhost.localdomain/', 'tunnel:3128'],
    // scheme picks the variable; no fallback from https to HTTP_PROXY
    ['https://registry.io/', 'tunnel:3128'],
    ['http://registry.io/', 'forward:3128'],
    // a domain: itself and its subdomains, case-insensitive
    ['https://foobar.com/', 'direct'],
    ['https://www.FOOBAR.com/', 'direct'],
    ['https://foofoobar.com/', 'tunnel:3128'],
    // .domain and *.domain: subdomains only
    ['https://barbaz.net/', 'tunnel:3128'],
    ['https://www.barbaz.net/', 'direct'],
    ['https://wildcard.com/', 'tunnel:3128'],
    ['https://a.b.wildcard.com/', 'direct'],
    // IPs, with and without a port (the URL's default port counts)
    ['https://192.168.1.1/', 'direct'],
    ['https://192.168.1.2/', 'tunnel:3128'],
    ['http://192.168.1.2:81/', 'direct'],
    ['http://192.168.1.3/', 'direct'],
    ['https://192.168.1.3/', 'tunnel:3128'],
    ['https://192.168.1.4/', 'tunnel:3128'],
    // CIDRs match IP hosts only
    ['https://10.0.0.3/', 'direct'],
    ['https://10.0.0.4/', 'tunnel:3128'],
    ['https://[2001:db8::52:0:1]/', 'direct'],
    ['https://[2001:db8::52:0:2]/', 'direct'],
    ['http://[2001:db8::52:0:2]/', 'forward:3128'],
    ['https://[2002:db8:a::123]:5000/', 'direct'],
    ['https://[2002:db8:b::1]/', 'tunnel:3128'],
    // domain with a port
    ['https://bar.example:8443/', 'direct'],
    ['https://bar.example/', 'tunnel:3128'],
  ])('%s → %s', (url, expected) => expect(via(url)).toBe(expected));

  it('NO_PROXY=* sends nothing through the proxy; no proxy variable sends nothing either', () => {
    const all = new ProxyRules({ httpsProxy: { value: 'http://p:1', from: 'HTTPS_PROXY' }, noProxy: ' * ' });
    expect(all.proxyFor(new URL('https://registry.io/'))).toBeUndefined();
    const onlyHttp = new ProxyRules({ httpProxy: { value: 'http://p:1', from: 'HTTP_PROXY' } });
    expect(onlyHttp.proxyFor(new URL('https://registry.io/'))).toBeUndefined();
  });

  it('reads proxy URLs as Go does: host:port means http, user and password kept for the header', () => {
    expect(parseProxyUrl({ value: 'proxy.corp:3128', from: 'HTTPS_PROXY' }).href).toBe('http://proxy.corp:3128/');
    expect(parseProxyUrl({ value: '10.1.2.3:8080', from: 'HTTPS_PROXY' }).href).toBe('http://10.1.2.3:8080/');
    expect(parseProxyUrl({ value: 'https://u:p%40ss@proxy:443', from: 'HTTPS_PROXY' }).password).toBe('p%40ss');
  });

  it.each([
    ['socks5://127.0.0.1:1080', /HTTPS_PROXY names a SOCKS proxy/],
    ['http://', /HTTPS_PROXY is not an HTTP\(S\) proxy URL/],
    ['ftp://proxy:21', /HTTPS_PROXY is not an HTTP\(S\) proxy URL/],
  ])('refuses %s', (value, message) => {
    expect(() => parseProxyUrl({ value, from: 'HTTPS_PROXY' })).toThrow(message);
  });
});
