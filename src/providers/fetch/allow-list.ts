import { embeddedIpv4Address } from './address-classification.ts';
import { isInNetwork, isSameAddress, parseIpAddress, parseIpNetwork } from './ip-address.ts';
import type { IpAddress, IpNetwork } from './ip-address.ts';

/** Destinations an operator has allowed even though they are not public. */
export interface AllowList {
  /** True when the host name matches an exact or wildcard entry. */
  allowsHostName(hostname: string): boolean;
  /** True when the address matches an address or CIDR entry. */
  allowsAddress(address: IpAddress): boolean;
}

/**
 * Builds an allow list from entries such as `127.0.0.1`, `::1`, `10.0.0.0/8`, `localhost` and
 * `*.internal.example` (which matches any name below `internal.example`, not the name itself).
 * Throws on an entry that is none of these, so a typo in configuration stops start-up instead
 * of silently allowing nothing. A bare `*` is refused: allowing everything should be spelled out
 * as `0.0.0.0/0` and `::/0`.
 */
export function createAllowList(entries: readonly string[]): AllowList {
  const hostNames = new Set<string>();
  const domainSuffixes: string[] = [];
  const addresses: IpAddress[] = [];
  const networks: IpNetwork[] = [];

  for (const rawEntry of entries) {
    const entry = normaliseHostName(rawEntry.trim());
    if (entry === '') continue;
    const address = parseIpAddress(entry);
    const network = entry.includes('/') ? parseIpNetwork(entry) : null;
    if (address) addresses.push(address);
    else if (network) networks.push(network);
    else if (entry.startsWith('*.') && isHostName(entry.slice(2))) domainSuffixes.push(entry.slice(1));
    else if (isHostName(entry)) hostNames.add(entry);
    else throw new Error(`invalid fetch allow-list entry "${rawEntry}": expected an IP address, a CIDR such as 10.0.0.0/8, a host name, or *.domain`);
  }

  function matchesAddress(address: IpAddress): boolean {
    return addresses.some((allowed) => isSameAddress(allowed, address)) || networks.some((network) => isInNetwork(address, network));
  }

  return {
    allowsHostName(hostname) {
      const name = normaliseHostName(hostname);
      return hostNames.has(name) || domainSuffixes.some((suffix) => name.endsWith(suffix));
    },
    allowsAddress(address) {
      // `::ffff:127.0.0.1` is 127.0.0.1 on the wire, so an IPv4 entry covers its mapped forms.
      const embedded = embeddedIpv4Address(address);
      return matchesAddress(address) || (embedded !== null && matchesAddress(embedded));
    },
  };
}

/** Lower-cases a host name and drops brackets and a trailing root dot (`example.com.`). */
export function normaliseHostName(hostname: string): string {
  const lower = hostname.toLowerCase();
  const unbracketed = lower.startsWith('[') && lower.endsWith(']') ? lower.slice(1, -1) : lower;
  return unbracketed.endsWith('.') ? unbracketed.slice(0, -1) : unbracketed;
}

function isHostName(text: string): boolean {
  return /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/.test(text);
}
