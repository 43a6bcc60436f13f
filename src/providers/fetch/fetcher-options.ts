import { systemHostLookup } from './destination-guard.ts';
import type { HostLookup } from './destination-guard.ts';
import type { ProxyOptions } from './proxy-selection.ts';

/** Where the fetcher writes one line per fetch; a pino logger fits. */
export interface FetchLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

/** Options of `createSafeFetcher`; every one has a default. */
export interface SafeFetcherOptions {
  /** Sent as `User-Agent`; its first token is also the robots.txt agent name. */
  userAgent?: string;
  /** Sent as `Accept-Language`. Default `en-US,en;q=0.9`. */
  acceptLanguage?: string;
  /** Non-public destinations to allow: addresses, CIDRs, host names, `*.domain`, each optionally `:port`. Default none. */
  allowHosts?: readonly string[];
  /** Resolves host names; default `dns.promises.lookup(name, { all: true })`. Tests inject one. */
  lookup?: HostLookup;
  /** Proxy settings (`HTTP_PROXY`, `HTTPS_PROXY`, `NO_PROXY`); default none. */
  proxy?: ProxyOptions;
  /**
   * The proxy refuses private destinations itself (`FATHOM_PROXY_IS_SSRF_BOUNDARY`), so names
   * this machine cannot resolve may be sent to it. Default false: such names are refused.
   */
  isProxySsrfBoundary?: boolean;
  /** Time to establish a connection (TCP and TLS). Default 10 s. */
  connectTimeoutMs?: number;
  /** Time from sending a request to receiving all response headers. Default 15 s. */
  headersTimeoutMs?: number;
  /** Longest silence allowed between two body chunks. Default 15 s. */
  bodyTimeoutMs?: number;
  /** Deadline for a whole `fetchPage`, robots.txt and redirects included. Default 45 s. */
  totalTimeoutMs?: number;
  /** Largest body accepted, counted after decompression; larger pages fail `too_large`. Default 5 MiB. */
  maxBytes?: number;
  /** Redirects followed before failing `too_many_redirects`. Default 5. */
  maxRedirects?: number;
  /** Longest `text` returned, in characters; longer text is cut and flagged. Default 100,000. */
  maxTextLength?: number;
  /** Requests in flight at once per host name. Default 2. */
  perHostConcurrency?: number;
  /** Whether to obey robots.txt. Default true; turn off only for sites you operate. */
  respectRobotsTxt?: boolean;
  /** How long a robots.txt is trusted once read. Default 1 hour. */
  robotsCacheTtlMs?: number;
  /** How long a site stays closed after its robots.txt answered 5xx or could not be read. Default 1 minute. */
  robotsUnreachableTtlMs?: number;
  /** Keep the decoded HTML on `FetchedPage.html`. Default false. */
  keepHtml?: boolean;
  /** The clock, for `fetchedAt` and robots.txt expiry. */
  now?: () => Date;
  /** Receives one line per fetch. Default: no logging. */
  logger?: FetchLogger;
}

/** `SafeFetcherOptions` with every default filled in. */
export type ResolvedFetcherOptions = Required<Omit<SafeFetcherOptions, 'logger' | 'proxy'>> & {
  logger: FetchLogger | null;
  proxy: ProxyOptions;
};

/** The default `User-Agent`: names the bot so site owners can address it in robots.txt. */
export const DEFAULT_USER_AGENT = 'FathomBot/0.1 (self-hosted research tables)';

const MEBIBYTE = 1024 * 1024;

/** Fills in defaults and rejects values that would disable a safety limit. */
export function resolveFetcherOptions(options: SafeFetcherOptions): ResolvedFetcherOptions {
  const resolved: ResolvedFetcherOptions = {
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    acceptLanguage: options.acceptLanguage ?? 'en-US,en;q=0.9',
    allowHosts: options.allowHosts ?? [],
    lookup: options.lookup ?? systemHostLookup,
    proxy: options.proxy ?? {},
    isProxySsrfBoundary: options.isProxySsrfBoundary ?? false,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    headersTimeoutMs: options.headersTimeoutMs ?? 15_000,
    bodyTimeoutMs: options.bodyTimeoutMs ?? 15_000,
    totalTimeoutMs: options.totalTimeoutMs ?? 45_000,
    maxBytes: options.maxBytes ?? 5 * MEBIBYTE,
    maxRedirects: options.maxRedirects ?? 5,
    maxTextLength: options.maxTextLength ?? 100_000,
    perHostConcurrency: options.perHostConcurrency ?? 2,
    respectRobotsTxt: options.respectRobotsTxt ?? true,
    robotsCacheTtlMs: options.robotsCacheTtlMs ?? 60 * 60_000,
    robotsUnreachableTtlMs: options.robotsUnreachableTtlMs ?? 60_000,
    keepHtml: options.keepHtml ?? false,
    now: options.now ?? (() => new Date()),
    logger: options.logger ?? null,
  };
  // Zero or a negative number would mean "no limit" to some libraries; refuse it here.
  const positiveIntegers = [
    'connectTimeoutMs',
    'headersTimeoutMs',
    'bodyTimeoutMs',
    'totalTimeoutMs',
    'maxBytes',
    'maxTextLength',
    'perHostConcurrency',
    'robotsCacheTtlMs',
    'robotsUnreachableTtlMs',
  ] as const;
  for (const name of positiveIntegers) {
    if (!Number.isInteger(resolved[name]) || resolved[name] < 1) {
      throw new Error(`fetcher option ${name} must be a positive integer, got ${String(resolved[name])}`);
    }
  }
  if (!Number.isInteger(resolved.maxRedirects) || resolved.maxRedirects < 0) {
    throw new Error(`fetcher option maxRedirects must be a whole number, got ${String(resolved.maxRedirects)}`);
  }
  if (resolved.userAgent.trim() === '') throw new Error('fetcher option userAgent must not be empty');
  return resolved;
}
