import { formatIpv4, isInNetwork, parseIpNetwork } from './ip-address.ts';
import type { IpAddress, IpNetwork } from './ip-address.ts';

/** Why an address is not on the public internet; each names a family of ranges. */
export type NonPublicAddressKind = 'loopback' | 'private' | 'link_local' | 'unspecified' | 'shared' | 'multicast' | 'reserved';

/** The outcome of classifying an address that is not public. */
export interface NonPublicAddress {
  kind: NonPublicAddressKind;
  /** The range that matched, in CIDR notation ("169.254.0.0/16"). */
  range: string;
  /** The IPv4 address embedded in an IPv6 form, when that is what matched ("10.0.0.1"). */
  embeddedIpv4: string | null;
}

/** Human wording for each kind, used in refusal messages. */
export const NON_PUBLIC_ADDRESS_WORDING: Record<NonPublicAddressKind, string> = {
  loopback: 'a loopback address',
  private: 'a private address',
  link_local: 'a link-local address (where cloud metadata services live)',
  unspecified: 'an unspecified address',
  shared: 'a carrier-grade NAT (shared) address',
  multicast: 'a multicast or broadcast address',
  reserved: 'a reserved address',
};

interface ClassifiedRange {
  kind: NonPublicAddressKind;
  cidr: string;
  network: IpNetwork;
}

function range(kind: NonPublicAddressKind, cidr: string): ClassifiedRange {
  const network = parseIpNetwork(cidr);
  if (!network) throw new Error(`invalid built-in range ${cidr}`);
  return { kind, cidr, network };
}

// Ranges from the IANA special-purpose registries (RFC 6890 and successors). Documentation and
// benchmarking ranges are refused too: nothing legitimate is served from them.
const IPV4_RANGES: ClassifiedRange[] = [
  range('unspecified', '0.0.0.0/8'),
  range('private', '10.0.0.0/8'),
  range('shared', '100.64.0.0/10'),
  range('loopback', '127.0.0.0/8'),
  range('link_local', '169.254.0.0/16'),
  range('private', '172.16.0.0/12'),
  range('reserved', '192.0.0.0/24'),
  range('reserved', '192.0.2.0/24'),
  range('private', '192.168.0.0/16'),
  range('reserved', '198.18.0.0/15'),
  range('reserved', '198.51.100.0/24'),
  range('reserved', '203.0.113.0/24'),
  range('multicast', '224.0.0.0/4'),
  range('reserved', '240.0.0.0/4'),
];

const IPV6_RANGES: ClassifiedRange[] = [
  range('unspecified', '::/128'),
  range('loopback', '::1/128'),
  range('reserved', '100::/64'),
  range('reserved', '2001:db8::/32'),
  range('private', 'fc00::/7'),
  range('link_local', 'fe80::/10'),
  range('private', 'fec0::/10'),
  range('multicast', 'ff00::/8'),
];

// IPv6 forms that carry an IPv4 address in their last 32 bits; the embedded address is what
// the packet finally reaches, so it is classified as IPv4.
const IPV4_EMBEDDING_NETWORKS: IpNetwork[] = ['::ffff:0:0/96', '::/96', '64:ff9b::/96'].map((cidr) => {
  const network = parseIpNetwork(cidr);
  if (!network) throw new Error(`invalid built-in range ${cidr}`);
  return network;
});

/** Returns why `address` is not public, or null when it is a public unicast address. */
export function classifyAddress(address: IpAddress): NonPublicAddress | null {
  if (address.version === 4) return classifyInRanges(address, IPV4_RANGES, null);
  // `::` and `::1` sit inside `::/96`, so the IPv6 list is consulted before unwrapping.
  const direct = classifyInRanges(address, IPV6_RANGES, null);
  if (direct) return direct;
  const embedded = embeddedIpv4Address(address);
  if (!embedded) return null;
  return classifyInRanges(embedded, IPV4_RANGES, formatIpv4(embedded.bytes));
}

/** The IPv4 address inside an IPv4-mapped, IPv4-compatible or NAT64 IPv6 address, else null. */
export function embeddedIpv4Address(address: IpAddress): IpAddress | null {
  if (address.version !== 6) return null;
  if (!IPV4_EMBEDDING_NETWORKS.some((network) => isInNetwork(address, network))) return null;
  return { version: 4, bytes: address.bytes.slice(12, 16) };
}

function classifyInRanges(address: IpAddress, ranges: ClassifiedRange[], embeddedIpv4: string | null): NonPublicAddress | null {
  const match = ranges.find((candidate) => isInNetwork(address, candidate.network));
  return match ? { kind: match.kind, range: match.cidr, embeddedIpv4 } : null;
}
