import { describe, expect, it } from 'vitest';
import { createProxySelector } from './proxy-selection.ts';

const proxy = 'http://proxy.internal:3128';

describe('createProxySelector', () => {
  it('connects directly when no proxy is configured', () => {
    expect(createProxySelector({}).proxyFor(new URL('https://example.com/'))).toBeNull();
  });

  it('uses httpProxy for https pages when httpsProxy is not set, as EnvHttpProxyAgent does', () => {
    const selector = createProxySelector({ httpProxy: proxy });
    expect(selector.proxyFor(new URL('http://example.com/'))).toBe(proxy);
    expect(selector.proxyFor(new URL('https://example.com/'))).toBe(proxy);
  });

  it('picks the proxy by scheme', () => {
    const selector = createProxySelector({ httpProxy: 'http://plain:1', httpsProxy: 'http://secure:2' });
    expect(selector.proxyFor(new URL('http://example.com/'))).toBe('http://plain:1');
    expect(selector.proxyFor(new URL('https://example.com/'))).toBe('http://secure:2');
  });

  it('bypasses NO_PROXY hosts, their subdomains, and leading-dot or wildcard entries', () => {
    const selector = createProxySelector({ httpProxy: proxy, noProxy: 'localhost, .corp.example *.lan.example' });
    expect(selector.proxyFor(new URL('http://localhost/'))).toBeNull();
    expect(selector.proxyFor(new URL('http://corp.example/'))).toBeNull();
    expect(selector.proxyFor(new URL('http://wiki.corp.example/'))).toBeNull();
    expect(selector.proxyFor(new URL('http://printer.lan.example/'))).toBeNull();
    expect(selector.proxyFor(new URL('http://notcorp.example/'))).toBe(proxy);
  });

  it('honours ports in NO_PROXY entries, including bracketed IPv6 ones', () => {
    const selector = createProxySelector({ httpProxy: proxy, noProxy: 'example.com:8080,[::1]:9000,::2' });
    expect(selector.proxyFor(new URL('http://example.com:8080/'))).toBeNull();
    expect(selector.proxyFor(new URL('http://example.com/'))).toBe(proxy);
    expect(selector.proxyFor(new URL('http://[::1]:9000/'))).toBeNull();
    expect(selector.proxyFor(new URL('http://[::1]:9001/'))).toBe(proxy);
    expect(selector.proxyFor(new URL('http://[::2]:1234/'))).toBeNull();
  });

  it('rejects a proxy setting that is not a proxy URL, naming the option', () => {
    expect(() => createProxySelector({ httpsProxy: 'proxy.internal:3128' })).toThrow(/httpsProxy must be an http, https or socks5 URL/);
  });

  it('disables the proxy entirely for NO_PROXY=*', () => {
    expect(createProxySelector({ httpProxy: proxy, noProxy: '*' }).proxyFor(new URL('http://example.com/'))).toBeNull();
  });
});
