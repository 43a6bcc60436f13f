import { FetchError } from '../spec/fetcher.ts';
import type { FetchedPage, FetchPageOptions, PageFetcher } from '../spec/fetcher.ts';
import { buildFetchedPage } from './build-fetched-page.ts';
import { decodeText } from './decode-text.ts';
import { deadlineError, invalidUrlError, toFetchError } from './fetch-errors.ts';
import { resolveFetcherOptions } from './fetcher-options.ts';
import type { ResolvedFetcherOptions, SafeFetcherOptions } from './fetcher-options.ts';
import { assertFetchableUrl, followRedirects } from './follow-redirects.ts';
import { OutboundTransport } from './outbound-transport.ts';
import { readPageResponse } from './read-page-response.ts';
import { readResponseBody } from './response-body.ts';
import { RobotsPolicy, robotsAgentToken } from './robots-policy.ts';
import type { RobotsTxtResponse } from './robots-policy.ts';

// Google reads the first 500 KiB of a robots.txt and ignores the rest; so do we.
const ROBOTS_TXT_MAX_BYTES = 512 * 1024;

/**
 * The `PageFetcher` every outbound page fetch in Fathom goes through. Per call it: validates the
 * URL; checks robots.txt; sends the request through `OutboundTransport` (destination checks with
 * the connection pinned to the checked address, per-host concurrency, timeouts); follows up to
 * `maxRedirects` redirects, checking each hop again; refuses non-2xx answers, unsupported types
 * and bodies over `maxBytes`; and extracts readable text and metadata. The whole call is bounded
 * by `totalTimeoutMs`.
 */
export class SafeFetcher implements PageFetcher {
  private readonly options: ResolvedFetcherOptions;
  private readonly transport: OutboundTransport;
  private readonly robots: RobotsPolicy | null;

  constructor(options: SafeFetcherOptions = {}) {
    this.options = resolveFetcherOptions(options);
    this.transport = new OutboundTransport(this.options);
    this.robots = this.options.respectRobotsTxt
      ? new RobotsPolicy({
          readRobotsTxt: (robotsUrl, signal) => this.readRobotsTxt(robotsUrl, signal),
          agentToken: robotsAgentToken(this.options.userAgent),
          ttlMs: this.options.robotsCacheTtlMs,
          unreachableTtlMs: this.options.robotsUnreachableTtlMs,
          readTimeoutMs: this.options.totalTimeoutMs,
          now: this.options.now,
        })
      : null;
  }

  /** {@inheritDoc PageFetcher.fetchPage} */
  async fetchPage(url: string, callOptions: FetchPageOptions = {}): Promise<FetchedPage> {
    const startedAt = performance.now();
    const callerSignal = callOptions.signal;
    const deadline = AbortSignal.timeout(this.options.totalTimeoutMs);
    const signal = callerSignal ? AbortSignal.any([callerSignal, deadline]) : deadline;
    try {
      callerSignal?.throwIfAborted();
      const startUrl = URL.parse(url);
      if (!startUrl) throw invalidUrlError(url, 'it is not an absolute URL');
      assertFetchableUrl(startUrl);
      const outcome = await followRedirects(
        startUrl,
        { transport: this.transport, robots: this.robots, maxRedirects: this.options.maxRedirects, signal },
        (response, hopUrl) => readPageResponse(response, hopUrl, { maxBytes: this.options.maxBytes, now: this.options.now }),
      );
      const page = buildFetchedPage(
        { requestedUrl: url, finalUrl: outcome.finalUrl, redirects: outcome.redirects, body: outcome.result },
        { maxTextLength: this.options.maxTextLength, keepHtml: this.options.keepHtml },
      );
      this.options.logger?.info(
        {
          url,
          finalUrl: page.finalUrl,
          status: page.status,
          redirects: page.redirects.length,
          bytes: outcome.result.bytes.length,
          durationMs: elapsedSince(startedAt),
          purpose: callOptions.purpose,
        },
        'page-fetched',
      );
      return page;
    } catch (error) {
      // The caller's own cancellation is not a fetch failure: hand back exactly what they aborted with.
      if (callerSignal?.aborted) throw callerSignal.reason;
      // When the deadline fires, the layers below rethrow the raw abort; every other request failure
      // is a FetchError by now, and anything else is a bug that travels unchanged.
      const failure = deadline.aborted && !(error instanceof FetchError) ? deadlineError(url, this.options.totalTimeoutMs) : error;
      this.options.logger?.warn(
        {
          url,
          code: failure instanceof FetchError ? failure.code : 'unexpected',
          isRetryable: failure instanceof FetchError ? failure.isRetryable : undefined,
          durationMs: elapsedSince(startedAt),
          purpose: callOptions.purpose,
          error: failure instanceof Error ? failure.message : String(failure),
        },
        'page-fetch-failed',
      );
      throw failure;
    }
  }

  /** Closes all connections. Fetches still running fail; the fetcher must not be used afterwards. */
  async close(): Promise<void> {
    await this.transport.close();
  }

  private async readRobotsTxt(robotsUrl: string, signal: AbortSignal): Promise<RobotsTxtResponse> {
    try {
      const outcome = await followRedirects(
        new URL(robotsUrl),
        { transport: this.transport, robots: null, maxRedirects: this.options.maxRedirects, signal },
        async (response) => {
          if (response.statusCode < 200 || response.statusCode >= 300) return { status: response.statusCode, text: '' };
          const encoding = response.headers['content-encoding'];
          const { bytes } = await readResponseBody(response.body, {
            contentEncoding: Array.isArray(encoding) ? encoding[0] : encoding,
            maxBytes: ROBOTS_TXT_MAX_BYTES,
            onOverflow: 'truncate',
          });
          // RFC 9309 requires robots.txt to be UTF-8.
          return { status: response.statusCode, text: decodeText(bytes, { headerCharset: 'utf-8', isHtml: false }).text };
        },
      );
      return outcome.result;
    } catch (error) {
      if (signal.aborted) throw deadlineError(robotsUrl, this.options.totalTimeoutMs);
      throw error instanceof FetchError ? error : toFetchError(error, robotsUrl, this.options);
    }
  }
}

/** Creates the safe fetcher; see `SafeFetcherOptions` for the knobs and their defaults. */
export function createSafeFetcher(options: SafeFetcherOptions = {}): SafeFetcher {
  return new SafeFetcher(options);
}

function elapsedSince(startedAt: number): number {
  return Math.round(performance.now() - startedAt);
}
