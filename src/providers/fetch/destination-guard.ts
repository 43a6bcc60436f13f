import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress, LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { classifyAddress, NON_PUBLIC_ADDRESS_WORDING } from './address-classification.ts';
import { normaliseHostName } from './allow-list.ts';
import type { AllowList } from './allow-list.ts';
import { parseIpAddress } from './ip-address.ts';
import { cacheLocalAnswers } from './local-answer-cache.ts';

/** Resolves a host name to every address it has, like `dns.promises.lookup(name, { all: true })`. */
export type HostLookup = (hostname: string) => Promise<readonly LookupAddress[]>;

/** The system resolver, asked for every address so each one can be checked. */
export const systemHostLookup: HostLookup = (hostname) => dnsLookup(hostname, { all: true });

/** The setting operators use to allow destinations; `config.ts` maps it to `allowHosts`. */
export const ALLOW_LIST_SETTING = 'FATHOM_FETCH_ALLOW_HOSTS';

// Names that reach cloud instance metadata or this machine whatever DNS says. They are refused
// by name so that a proxy, which resolves names itself, is never asked for them either.
const BLOCKED_HOST_NAMES = new Set(['localhost', 'metadata', 'metadata.google.internal', 'metadata.goog', 'instance-data', 'instance-data.ec2.internal']);

/** Thrown when a destination is refused; the fetcher adds the URL and turns it into a `FetchError`. */
export class BlockedDestinationError extends Error {
  override readonly name = 'BlockedDestinationError';
  readonly hostname: string;

  /** `reason` completes "refused to fetch <url>: …" and says how to allow the destination. */
  constructor(hostname: string, reason: string) {
    super(reason);
    this.hostname = hostname;
  }
}

/**
 * Decides whether a destination may be contacted, by name and by resolved address. Every check
 * takes the destination port: an allow-list entry can be limited to one port, so allowing one
 * service on a machine does not allow the others. Without a port only entries for every port apply.
 */
export interface DestinationGuard {
  /** Refuses IP literals and names that are not public, without any DNS; throws `BlockedDestinationError`. */
  checkHostName(hostname: string, port?: number): void;
  /** Resolves a name (or takes a literal), checks every address and returns them; throws when any is refused. */
  resolveCheckedAddresses(hostname: string, port?: number): Promise<readonly LookupAddress[]>;
  /**
   * A `lookup` for `net.connect`: the connection goes to exactly the addresses that were checked,
   * so a DNS answer that changes between check and connect (rebinding) cannot slip through.
   */
  connectLookup: LookupFunction;
  /** `connectLookup` for connections to `port` (net.connect does not tell a lookup the port). */
  connectLookupFor(port: number): LookupFunction;
  /**
   * For proxied requests: checks the name's addresses when it resolves locally. A name that does
   * not resolve here is refused, unless the proxy is declared the SSRF boundary
   * (FATHOM_PROXY_IS_SSRF_BOUNDARY): then only the proxy can say where it points, and it decides.
   */
  checkIfResolvableLocally(hostname: string, port?: number): Promise<void>;
}

/** The setting that lets names this machine cannot resolve go to the proxy unchecked. */
export const PROXY_BOUNDARY_SETTING = 'FATHOM_PROXY_IS_SSRF_BOUNDARY';

/** Creates the guard that every outbound connection of the safe fetcher goes through. */
export function createDestinationGuard(options: {
  allowList: AllowList;
  lookup: HostLookup;
  isProxySsrfBoundary?: boolean;
  /** Clock for the proxied-name answer cache (tests). */
  now?: () => number;
}): DestinationGuard {
  const { allowList, lookup } = options;
  const isProxySsrfBoundary = options.isProxySsrfBoundary ?? false;
  // Direct connections resolve afresh and connect to exactly what was checked (no cache may
  // stand between the check and the connect); proxied names are only checked, so their answers
  // can be remembered.
  const proxiedNameLookup = cacheLocalAnswers(lookup, { now: options.now });

  function checkHostName(hostname: string, port?: number): void {
    const name = normaliseHostName(hostname);
    if (allowList.allowsHostName(name, port)) return;
    const literal = parseIpAddress(name);
    if (literal) {
      if (allowList.allowsAddress(literal, port)) return;
      const classification = classifyAddress(literal);
      if (classification) {
        const embedded = classification.embeddedIpv4 ? ` (it carries ${classification.embeddedIpv4})` : '';
        throw new BlockedDestinationError(
          name,
          `${name} is ${NON_PUBLIC_ADDRESS_WORDING[classification.kind]}${embedded}; add it to ${ALLOW_LIST_SETTING} to allow it${portOnlyHint(name, port)}`,
        );
      }
      return;
    }
    if (BLOCKED_HOST_NAMES.has(name) || name.endsWith('.localhost')) {
      throw new BlockedDestinationError(name, `${name} names this machine or a cloud metadata service; add it to ${ALLOW_LIST_SETTING} to allow it`);
    }
  }

  function checkResolvedAddresses(name: string, addresses: readonly LookupAddress[], port: number | undefined): void {
    // One refused address refuses the name: a public answer next to a private one is the shape
    // of a rebinding attempt, and connecting "only to the good one" depends on resolver order.
    for (const { address } of addresses) {
      const parsed = parseIpAddress(address);
      // Fail closed: an answer that is not an address cannot be shown to be public.
      if (!parsed) throw new BlockedDestinationError(name, `${name} resolves to "${address}", which is not an IP address`);
      if (allowList.allowsAddress(parsed, port)) continue;
      const classification = classifyAddress(parsed);
      if (!classification) continue;
      throw new BlockedDestinationError(
        name,
        `${name} resolves to ${address}, ${NON_PUBLIC_ADDRESS_WORDING[classification.kind]}; add ${name} or ${address} to ${ALLOW_LIST_SETTING} to allow it${portOnlyHint(name, port)}`,
      );
    }
  }

  async function resolveCheckedAddresses(hostname: string, port?: number): Promise<readonly LookupAddress[]> {
    const name = normaliseHostName(hostname);
    checkHostName(name, port);
    const literal = parseIpAddress(name);
    if (literal) return [{ address: name, family: literal.version }];
    const addresses = await lookup(name);
    if (addresses.length === 0) throw Object.assign(new Error(`${name} has no addresses`), { code: 'ENOTFOUND' });
    if (!allowList.allowsHostName(name, port)) checkResolvedAddresses(name, addresses, port);
    return addresses;
  }

  const connectLookupFor =
    (port: number | undefined): LookupFunction =>
    (hostname, lookupOptions: LookupOptions, callback) => {
      resolveCheckedAddresses(hostname, port).then(
        (addresses) => {
          const family = lookupOptions.family === 'IPv4' ? 4 : lookupOptions.family === 'IPv6' ? 6 : lookupOptions.family;
          const usable = family ? addresses.filter((entry) => entry.family === family) : addresses;
          const first = usable[0];
          if (!first) {
            callback(Object.assign(new Error(`${hostname} has no IPv${family} address`), { code: 'ENOTFOUND' }), '');
          } else if (lookupOptions.all) {
            callback(null, [...usable]);
          } else {
            callback(null, first.address, first.family);
          }
        },
        (error: unknown) => callback(error as NodeJS.ErrnoException, ''),
      );
    };

  async function checkIfResolvableLocally(hostname: string, port?: number): Promise<void> {
    const name = normaliseHostName(hostname);
    checkHostName(name, port);
    if (parseIpAddress(name) || allowList.allowsHostName(name, port)) return;
    let addresses: readonly LookupAddress[];
    try {
      addresses = await proxiedNameLookup(name);
    } catch {
      // Unknown here (split-horizon DNS, an air-gapped host). Only the proxy could say where the
      // name leads, so it goes there only when the operator declared the proxy the boundary.
      if (isProxySsrfBoundary) return;
      throw new BlockedDestinationError(
        name,
        `${name} does not resolve on this machine, so it cannot be checked before the proxy connects to it; ` +
          `set ${PROXY_BOUNDARY_SETTING}=true if the proxy itself refuses private destinations`,
      );
    }
    checkResolvedAddresses(name, addresses, port);
  }

  return { checkHostName, resolveCheckedAddresses, connectLookup: connectLookupFor(undefined), connectLookupFor, checkIfResolvableLocally };
}

// Shown for explicit ports only: on 80 and 443 the plain entry is what an operator means.
function portOnlyHint(name: string, port: number | undefined): string {
  if (port === undefined || port === 80 || port === 443) return '';
  const host = name.includes(':') ? `[${name}]` : name;
  return ` (${host}:${port} allows this port only)`;
}
