import { embeddedIpv4Address } from './address-classification.ts';
import { isInNetwork, isSameAddress, parseIpAddress, parseIpNetwork } from './ip-address.ts';
import type { IpAddress, IpNetwork } from './ip-address.ts';

/** Destinations an operator has allowed even though they are not public. */
export interface AllowList {
  /**
   * True when the host name matches an exact or wildcard entry for `port`. Entries without a
   * port match every port; with `port` undefined only such entries match.
   */
  allowsHostName(hostname: string, port?: number): boolean;
  /** True when the address matches an address or CIDR entry for `port` (same port rule). */
  allowsAddress(address: IpAddress, port?: number): boolean;
}

/** An allow-list entry with the port it is limited to (null: every port). */
interface PortScoped<T> {
  value: T;
  port: number | null;
}

/**
 * Builds an allow list from entries such as `127.0.0.1`, `::1`, `10.0.0.0/8`, `localhost` and
 * `*.internal.example` (which matches any name below `internal.example`, not the name itself).
 * Any entry can be limited to one port: `localhost:8080`, `127.0.0.1:8080`, `[::1]:8080`,
 * `10.0.0.0/8:8080`, `[fd00::/8]:8080`, `*.internal.example:443`. Allowing one service on a
 * machine then does not allow every other service on it (a redirect to another port is
 * checked again). Throws on an entry that is none of these, so a typo in configuration stops
 * start-up instead of silently allowing nothing. A bare `*` is refused: allowing everything
 * should be spelled out as `0.0.0.0/0` and `::/0`.
 */
export function createAllowList(entries: readonly string[]): AllowList {
  const hostNames: PortScoped<string>[] = [];
  const domainSuffixes: PortScoped<string>[] = [];
  const addresses: PortScoped<IpAddress>[] = [];
  const networks: PortScoped<IpNetwork>[] = [];

  for (const rawEntry of entries) {
    const trimmed = rawEntry.trim();
    if (trimmed === '') continue;
    const { host, port } = splitEntryPort(trimmed, rawEntry);
    const entry = normaliseHostName(host);
    const address = parseIpAddress(entry);
    const network = entry.includes('/') ? parseIpNetwork(entry) : null;
    if (address) addresses.push({ value: address, port });
    else if (network) networks.push({ value: network, port });
    else if (entry.startsWith('*.') && isHostName(entry.slice(2))) domainSuffixes.push({ value: entry.slice(1), port });
    else if (isHostName(entry)) hostNames.push({ value: entry, port });
    else {
      throw new Error(
        `invalid fetch allow-list entry "${rawEntry}": expected an IP address, a CIDR such as 10.0.0.0/8, a host name, or *.domain, ` +
          'optionally with :port (IPv6 in brackets: [::1]:8080)',
      );
    }
  }

  const coversPort = (entry: PortScoped<unknown>, port: number | undefined) => entry.port === null || entry.port === port;

  function matchesAddress(address: IpAddress, port: number | undefined): boolean {
    return (
      addresses.some((allowed) => coversPort(allowed, port) && isSameAddress(allowed.value, address)) ||
      networks.some((network) => coversPort(network, port) && isInNetwork(address, network.value))
    );
  }

  return {
    allowsHostName(hostname, port) {
      const name = normaliseHostName(hostname);
      return (
        hostNames.some((entry) => coversPort(entry, port) && entry.value === name) ||
        domainSuffixes.some((entry) => coversPort(entry, port) && name.endsWith(entry.value))
      );
    },
    allowsAddress(address, port) {
      // `::ffff:127.0.0.1` is 127.0.0.1 on the wire, so an IPv4 entry covers its mapped forms.
      const embedded = embeddedIpv4Address(address);
      return matchesAddress(address, port) || (embedded !== null && matchesAddress(embedded, port));
    },
  };
}

/**
 * `host:8080`, `10.0.0.0/8:8080` and `[::1]:8080` carry a port; a bare IPv6 address or network
 * (`::1`, `fd00::/8`) does not, since its colons are part of the address.
 */
function splitEntryPort(entry: string, rawEntry: string): { host: string; port: number | null } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { host: bracketed[1]!, port: parsePort(bracketed[2], rawEntry) };
  const colonCount = entry.split(':').length - 1;
  const withPort = colonCount === 1 ? /^(.+):(\d+)$/.exec(entry) : null;
  if (colonCount === 1 && !withPort) throw new Error(`invalid fetch allow-list entry "${rawEntry}": the port must be a number from 1 to 65535`);
  return withPort ? { host: withPort[1]!, port: parsePort(withPort[2], rawEntry) } : { host: entry, port: null };
}

function parsePort(text: string | undefined, rawEntry: string): number | null {
  if (text === undefined) return null;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new Error(`invalid fetch allow-list entry "${rawEntry}": the port must be a number from 1 to 65535`);
  return port;
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
