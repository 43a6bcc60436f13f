import { Agent, buildConnector, ProxyAgent, request } from 'undici';
import type { Dispatcher } from 'undici';
import { createAllowList } from './allow-list.ts';
import { createDestinationGuard } from './destination-guard.ts';
import type { DestinationGuard } from './destination-guard.ts';
import { toFetchError } from './fetch-errors.ts';
import type { ResolvedFetcherOptions } from './fetcher-options.ts';
import { HostConcurrencyLimiter } from './host-concurrency-limiter.ts';
import { createProxySelector } from './proxy-selection.ts';
import type { ProxySelector } from './proxy-selection.ts';
import { ACCEPTED_ENCODINGS } from './response-body.ts';

/** A response whose body the handler must consume or destroy before returning. */
export type OutboundResponse = Dispatcher.ResponseData;

/** Destroys a body we will not read; the abort error that destroying raises is our own doing. */
function discardBody(body: OutboundResponse['body']): void {
  body.once('error', () => undefined);
  body.destroy();
}

const ACCEPT = 'text/html,application/xhtml+xml,text/plain;q=0.9,application/json;q=0.8,*/*;q=0.1';

/**
 * Sends single GET requests, and nothing reaches the network any other way:
 *
 * - Direct connections resolve names through the destination guard inside undici's
 *   `connect.lookup`, so the socket opens to exactly the addresses that were checked; a DNS
 *   answer that changes between check and connect (rebinding) is never consulted.
 * - Proxied connections (per `ProxyOptions`) cannot be pinned: the proxy resolves the name. For
 *   them the guard refuses IP literals and names that resolve *locally* to non-public addresses;
 *   names this machine cannot resolve are refused too, unless `isProxySsrfBoundary` says the
 *   proxy itself refuses private destinations.
 * - Every request holds one of its host's concurrency slots until its body is consumed.
 */
export class OutboundTransport {
  private readonly guard: DestinationGuard;
  private readonly limiter: HostConcurrencyLimiter;
  private readonly proxySelector: ProxySelector;
  private readonly directAgent: Agent;
  private readonly proxyAgents = new Map<string, ProxyAgent>();

  constructor(private readonly options: ResolvedFetcherOptions) {
    this.guard = createDestinationGuard({
      allowList: createAllowList(options.allowHosts),
      lookup: options.lookup,
      isProxySsrfBoundary: options.isProxySsrfBoundary,
    });
    this.limiter = new HostConcurrencyLimiter(options.perHostConcurrency);
    this.proxySelector = createProxySelector(options.proxy);
    // One connector per destination port, each resolving through the guard for that port: the
    // allow list can be limited to ports, and net.connect does not tell a lookup the port.
    const connectors = new Map<number, buildConnector.connector>();
    const guard = this.guard;
    this.directAgent = new Agent({
      connect(connectOptions, callback) {
        const port = Number(connectOptions.port) || (connectOptions.protocol === 'https:' ? 443 : 80);
        let connector = connectors.get(port);
        if (!connector) {
          connector = buildConnector({ timeout: options.connectTimeoutMs, lookup: guard.connectLookupFor(port) });
          connectors.set(port, connector);
        }
        connector(connectOptions, callback);
      },
      headersTimeout: options.headersTimeoutMs,
      bodyTimeout: options.bodyTimeoutMs,
    });
  }

  /**
   * Sends `GET url` and passes the response to `handle` while holding the host's slot.
   * Failures become `FetchError`s, except that an aborted `signal` rethrows what undici threw,
   * for the caller to tell its own cancellation from its deadline. `redirectedFrom` only
   * improves refusal messages.
   */
  async exchange<T>(url: URL, signal: AbortSignal, redirectedFrom: string | undefined, handle: (response: OutboundResponse) => Promise<T>): Promise<T> {
    try {
      const proxyUrl = this.proxySelector.proxyFor(url);
      const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
      if (proxyUrl) await this.guard.checkIfResolvableLocally(url.hostname, port);
      // Literals and metadata names are refused here, before a slot or a socket is taken.
      else this.guard.checkHostName(url.hostname, port);
      const dispatcher = proxyUrl ? this.proxyAgentFor(proxyUrl) : this.directAgent;
      return await this.limiter.run(
        url.hostname,
        async () => {
          const response = await request(url, {
            method: 'GET',
            dispatcher,
            signal,
            headers: {
              'user-agent': this.options.userAgent,
              accept: ACCEPT,
              'accept-encoding': ACCEPTED_ENCODINGS,
              'accept-language': this.options.acceptLanguage,
            },
          });
          try {
            return await handle(response);
          } finally {
            // Whatever the handler did, an unread body must not keep the socket busy.
            if (!response.body.destroyed && !response.body.readableEnded) discardBody(response.body);
          }
        },
        signal,
      );
    } catch (error) {
      if (signal.aborted) throw error;
      throw toFetchError(error, url.href, this.options, redirectedFrom);
    }
  }

  /** Closes every connection; in-flight requests fail. */
  async close(): Promise<void> {
    await Promise.all([this.directAgent.destroy(), ...[...this.proxyAgents.values()].map((agent) => agent.destroy())]);
  }

  private proxyAgentFor(proxyUrl: string): ProxyAgent {
    let agent = this.proxyAgents.get(proxyUrl);
    if (!agent) {
      agent = new ProxyAgent({
        uri: proxyUrl,
        headersTimeout: this.options.headersTimeoutMs,
        bodyTimeout: this.options.bodyTimeoutMs,
        proxyTls: { timeout: this.options.connectTimeoutMs },
        requestTls: { timeout: this.options.connectTimeoutMs },
      });
      this.proxyAgents.set(proxyUrl, agent);
    }
    return agent;
  }
}
