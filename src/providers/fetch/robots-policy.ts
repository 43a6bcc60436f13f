import robotsParserModule from 'robots-parser';
import { FetchError } from '../spec/fetcher.ts';
import { BlockedDestinationError } from './destination-guard.ts';
import { blockedDestinationError } from './fetch-errors.ts';

// robots-parser is CommonJS and its typings declare an ES default export, but Node hands an ES
// module importing it `module.exports` itself, which is the parser function.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

/** What reading an origin's robots.txt produced. */
export interface RobotsTxtResponse {
  /** Final HTTP status after redirects. */
  status: number;
  /** The body as text (only meaningful for 2xx). */
  text: string;
}

/**
 * Fetches `/robots.txt` of an origin through the safe path; throws `FetchError` on failure,
 * including when `signal` aborts.
 */
export type RobotsTxtReader = (robotsUrl: string, signal: AbortSignal) => Promise<RobotsTxtResponse>;

type RobotsRules = { kind: 'parsed'; isAllowed: (url: string) => boolean } | { kind: 'allow_all' } | { kind: 'unreachable'; reason: string };

interface CacheEntry {
  /** Milliseconds since the epoch; `Infinity` while the robots.txt is still being read. */
  expiresAt: number;
  rules: Promise<RobotsRules>;
}

/** How many origins keep their robots.txt in memory; the oldest is dropped beyond this. */
const MAX_CACHED_ORIGINS = 1_000;

/**
 * Answers "may this URL be fetched?" from each origin's robots.txt, read once per origin and
 * cached (concurrent callers share one read). Following RFC 9309: a 4xx robots.txt (or more than
 * the allowed redirects) allows everything; a 5xx one, or one whose redirect leads somewhere
 * unreachable, disallows the whole site for `unreachableTtlMs`, after which it is read again.
 * When the origin itself cannot be reached, that failure is passed on unchanged.
 */
export class RobotsPolicy {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly options: {
      readRobotsTxt: RobotsTxtReader;
      /** The product token matched against `User-agent:` lines ("FathomBot"). */
      agentToken: string;
      ttlMs: number;
      unreachableTtlMs: number;
      /** Deadline for reading one robots.txt. */
      readTimeoutMs: number;
      now: () => Date;
    },
  ) {}

  /**
   * Resolves when robots.txt allows `url`; rejects with `robots_disallowed`, or with
   * `blocked_address` when the origin itself may not be contacted (phrased for `url`).
   */
  async assertAllowed(url: URL, signal: AbortSignal, redirectedFrom?: string): Promise<void> {
    let rules: RobotsRules;
    try {
      rules = await waitUnlessAborted(this.rulesFor(url.origin), signal);
    } catch (error) {
      // The refusal was met reading robots.txt, but it is the page that cannot be fetched.
      if (error instanceof FetchError && error.cause instanceof BlockedDestinationError) {
        throw blockedDestinationError(url.href, error.cause, redirectedFrom);
      }
      throw error;
    }
    if (rules.kind === 'allow_all') return;
    if (rules.kind === 'unreachable') {
      throw new FetchError({
        code: 'robots_disallowed',
        url: url.href,
        isRetryable: true,
        message: `robots.txt of ${url.origin} ${rules.reason}, so the site is treated as closed for now; try again later`,
      });
    }
    if (!rules.isAllowed(url.href)) {
      throw new FetchError({
        code: 'robots_disallowed',
        url: url.href,
        message: `robots.txt of ${url.origin} disallows ${url.pathname}${url.search} for ${this.options.agentToken}; the page was not fetched (find the information on another page or source)`,
      });
    }
  }

  private async rulesFor(origin: string): Promise<RobotsRules> {
    const now = this.options.now().getTime();
    const cached = this.cache.get(origin);
    if (cached && cached.expiresAt > now) return cached.rules;

    // The read has its own deadline rather than the first caller's signal: other callers share
    // it, and one caller giving up must not fail them all.
    const signal = AbortSignal.timeout(this.options.readTimeoutMs);
    const entry: CacheEntry = { expiresAt: Number.POSITIVE_INFINITY, rules: this.readRules(origin, signal) };
    this.cache.set(origin, entry);
    this.evictOldest();
    try {
      const rules = await entry.rules;
      const ttl = rules.kind === 'unreachable' ? this.options.unreachableTtlMs : this.options.ttlMs;
      entry.expiresAt = this.options.now().getTime() + ttl;
      return rules;
    } catch (error) {
      // A failure to reach the origin says nothing lasting about the site's rules: forget it.
      if (this.cache.get(origin) === entry) this.cache.delete(origin);
      throw error;
    }
  }

  private async readRules(origin: string, signal: AbortSignal): Promise<RobotsRules> {
    const robotsUrl = `${origin}/robots.txt`;
    let response: RobotsTxtResponse;
    try {
      response = await this.options.readRobotsTxt(robotsUrl, signal);
    } catch (error) {
      if (!(error instanceof FetchError)) throw error;
      if (error.code === 'too_many_redirects') return { kind: 'allow_all' };
      // Failing to reach the origin at all (refused address, unknown name, timeout) is the
      // page's failure as much as robots.txt's: report it as it is, and cache nothing.
      if (error.url === robotsUrl) throw error;
      return { kind: 'unreachable', reason: `could not be read (${error.message})` };
    }
    if (response.status >= 500) return { kind: 'unreachable', reason: `answered ${response.status}` };
    if (response.status >= 400) return { kind: 'allow_all' };
    if (response.status < 200 || response.status >= 300) return { kind: 'unreachable', reason: `answered ${response.status}` };
    const robots = robotsParser(robotsUrl, response.text);
    const agentToken = this.options.agentToken;
    // The parser answers undefined for URLs of another origin; rules are only ever asked for their own.
    return { kind: 'parsed', isAllowed: (url) => robots.isAllowed(url, agentToken) !== false };
  }

  private evictOldest(): void {
    while (this.cache.size > MAX_CACHED_ORIGINS) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) return;
      this.cache.delete(oldest);
    }
  }
}

/** Resolves like `promise`, or rejects with the signal's reason as soon as `signal` aborts. */
function waitUnlessAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** The robots.txt product token of a User-Agent: its first word, without version ("FathomBot"). */
export function robotsAgentToken(userAgent: string): string {
  return userAgent.trim().split(/[\s/]/)[0] ?? userAgent;
}
