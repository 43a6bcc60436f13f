import { normaliseHostName } from './allow-list.ts';

/**
 * Proxy settings, as the `HTTP_PROXY`, `HTTPS_PROXY` and `NO_PROXY` variables would give them.
 * The fetcher never reads the environment itself; `config.ts` passes these in.
 */
export interface ProxyOptions {
  /** Proxy URL for `http:` pages (`http://proxy.internal:3128`). */
  httpProxy?: string;
  /** Proxy URL for `https:` pages; falls back to `httpProxy`, as undici's `EnvHttpProxyAgent` does. */
  httpsProxy?: string;
  /** Comma- or space-separated hosts that bypass the proxy (`localhost,.internal.example:8080`, or `*`). */
  noProxy?: string;
}

interface NoProxyEntry {
  hostname: string;
  port: number;
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/** Picks the proxy for each URL, or none. */
export interface ProxySelector {
  /** The proxy URL to send `url` through, or null to connect directly. */
  proxyFor(url: URL): string | null;
}

/**
 * Builds a selector with the semantics of undici's `EnvHttpProxyAgent` (which we cannot use
 * directly because it falls back to `process.env`): a `NO_PROXY` entry matches its host and every
 * subdomain, a leading `.` or `*.` is ignored, `:port` restricts the entry to that port, and `*`
 * alone disables the proxy.
 */
export function createProxySelector(options: ProxyOptions): ProxySelector {
  for (const name of ['httpProxy', 'httpsProxy'] as const) {
    const value = options[name];
    const parsed = value ? URL.parse(value) : null;
    if (value && (!parsed || !/^(https?|socks5?):$/.test(parsed.protocol))) {
      throw new Error(`fetcher proxy option ${name} must be an http, https or socks5 URL such as http://proxy.internal:3128, got "${value}"`);
    }
  }
  const httpProxy = options.httpProxy || null;
  const httpsProxy = options.httpsProxy || httpProxy;
  const noProxyText = options.noProxy?.trim() ?? '';
  const bypassesAll = noProxyText === '*';
  const entries = parseNoProxy(noProxyText);

  return {
    proxyFor(url) {
      const proxy = url.protocol === 'https:' ? httpsProxy : url.protocol === 'http:' ? httpProxy : null;
      if (!proxy || bypassesAll) return null;
      const hostname = normaliseHostName(url.hostname);
      const port = Number.parseInt(url.port, 10) || DEFAULT_PORTS[url.protocol] || 0;
      const bypassed = entries.some(
        (entry) => (entry.port === 0 || entry.port === port) && (hostname === entry.hostname || hostname.endsWith(`.${entry.hostname}`)),
      );
      return bypassed ? null : proxy;
    },
  };
}

function parseNoProxy(text: string): NoProxyEntry[] {
  return text
    .split(/[,\s]/)
    .filter((entry) => entry !== '')
    .map((entry) => {
      const { host, port } = splitHostAndPort(entry);
      return { hostname: normaliseHostName(host.replace(/^\*?\./, '')), port };
    });
}

// `host:8080` and `[::1]:8080` carry a port; a bare IPv6 address such as `::1` does not.
function splitHostAndPort(entry: string): { host: string; port: number } {
  const bracketed = /^(\[[^\]]+\])(?::(\d+))?$/.exec(entry);
  if (bracketed) return { host: bracketed[1] ?? entry, port: Number(bracketed[2] ?? 0) };
  const colonCount = entry.split(':').length - 1;
  const withPort = colonCount === 1 ? /^(.+):(\d+)$/.exec(entry) : null;
  return withPort ? { host: withPort[1] ?? entry, port: Number(withPort[2]) } : { host: entry, port: 0 };
}
