import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress, LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { classifyAddress, NON_PUBLIC_ADDRESS_WORDING } from './address-classification.ts';
import { normaliseHostName } from './allow-list.ts';
import type { AllowList } from './allow-list.ts';
import { parseIpAddress } from './ip-address.ts';

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

/** Decides whether a destination may be contacted, by name and by resolved address. */
export interface DestinationGuard {
  /** Refuses IP literals and names that are not public, without any DNS; throws `BlockedDestinationError`. */
  checkHostName(hostname: string): void;
  /** Resolves a name (or takes a literal), checks every address and returns them; throws when any is refused. */
  resolveCheckedAddresses(hostname: string): Promise<readonly LookupAddress[]>;
  /**
   * A `lookup` for `net.connect`: the connection goes to exactly the addresses that were checked,
   * so a DNS answer that changes between check and connect (rebinding) cannot slip through.
   */
  connectLookup: LookupFunction;
  /**
   * For proxied requests: checks the name's addresses when it resolves locally, and lets it
   * through when it does not, because then only the proxy can say where it points.
   */
  checkIfResolvableLocally(hostname: string): Promise<void>;
}

/** Creates the guard that every outbound connection of the safe fetcher goes through. */
export function createDestinationGuard(options: { allowList: AllowList; lookup: HostLookup }): DestinationGuard {
  const { allowList, lookup } = options;

  function checkHostName(hostname: string): void {
    const name = normaliseHostName(hostname);
    if (allowList.allowsHostName(name)) return;
    const literal = parseIpAddress(name);
    if (literal) {
      if (allowList.allowsAddress(literal)) return;
      const classification = classifyAddress(literal);
      if (classification) {
        const embedded = classification.embeddedIpv4 ? ` (it carries ${classification.embeddedIpv4})` : '';
        throw new BlockedDestinationError(
          name,
          `${name} is ${NON_PUBLIC_ADDRESS_WORDING[classification.kind]}${embedded}; add it to ${ALLOW_LIST_SETTING} to allow it`,
        );
      }
      return;
    }
    if (BLOCKED_HOST_NAMES.has(name) || name.endsWith('.localhost')) {
      throw new BlockedDestinationError(name, `${name} names this machine or a cloud metadata service; add it to ${ALLOW_LIST_SETTING} to allow it`);
    }
  }

  function checkResolvedAddresses(name: string, addresses: readonly LookupAddress[]): void {
    // One refused address refuses the name: a public answer next to a private one is the shape
    // of a rebinding attempt, and connecting "only to the good one" depends on resolver order.
    for (const { address } of addresses) {
      const parsed = parseIpAddress(address);
      // Fail closed: an answer that is not an address cannot be shown to be public.
      if (!parsed) throw new BlockedDestinationError(name, `${name} resolves to "${address}", which is not an IP address`);
      if (allowList.allowsAddress(parsed)) continue;
      const classification = classifyAddress(parsed);
      if (!classification) continue;
      throw new BlockedDestinationError(
        name,
        `${name} resolves to ${address}, ${NON_PUBLIC_ADDRESS_WORDING[classification.kind]}; add ${name} or ${address} to ${ALLOW_LIST_SETTING} to allow it`,
      );
    }
  }

  async function resolveCheckedAddresses(hostname: string): Promise<readonly LookupAddress[]> {
    const name = normaliseHostName(hostname);
    checkHostName(name);
    const literal = parseIpAddress(name);
    if (literal) return [{ address: name, family: literal.version }];
    const addresses = await lookup(name);
    if (addresses.length === 0) throw Object.assign(new Error(`${name} has no addresses`), { code: 'ENOTFOUND' });
    if (!allowList.allowsHostName(name)) checkResolvedAddresses(name, addresses);
    return addresses;
  }

  const connectLookup: LookupFunction = (hostname, lookupOptions: LookupOptions, callback) => {
    resolveCheckedAddresses(hostname).then(
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

  async function checkIfResolvableLocally(hostname: string): Promise<void> {
    const name = normaliseHostName(hostname);
    checkHostName(name);
    if (parseIpAddress(name) || allowList.allowsHostName(name)) return;
    let addresses: readonly LookupAddress[];
    try {
      addresses = await lookup(name);
    } catch {
      // Unknown here (split-horizon DNS, an air-gapped host): the proxy resolves it and decides.
      return;
    }
    checkResolvedAddresses(name, addresses);
  }

  return { checkHostName, resolveCheckedAddresses, connectLookup, checkIfResolvableLocally };
}
