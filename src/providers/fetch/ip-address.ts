import { isIPv4, isIPv6 } from 'node:net';

/** An IP address as bytes: 4 for IPv4, 16 for IPv6. */
export interface IpAddress {
  version: 4 | 6;
  bytes: Uint8Array;
}

/** A network in CIDR notation: the first `prefixLength` bits of `network` are fixed. */
export interface IpNetwork {
  network: IpAddress;
  prefixLength: number;
}

/**
 * Parses an IPv4 or IPv6 literal (brackets and an IPv6 zone such as `%eth0` are accepted).
 * Returns null for anything else, including host names.
 */
export function parseIpAddress(text: string): IpAddress | null {
  const unbracketed = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  // A zone names the interface, not part of the address; the range checks ignore it.
  const withoutZone = unbracketed.split('%')[0] ?? '';
  if (isIPv4(withoutZone)) return { version: 4, bytes: parseIpv4Bytes(withoutZone) };
  if (isIPv6(withoutZone)) return { version: 6, bytes: parseIpv6Bytes(withoutZone) };
  return null;
}

/** Parses `address/prefix` (for example `10.0.0.0/8`, `fc00::/7`); null when malformed. */
export function parseIpNetwork(text: string): IpNetwork | null {
  const [addressText, prefixText, ...rest] = text.split('/');
  if (addressText === undefined || prefixText === undefined || rest.length > 0) return null;
  if (!/^\d{1,3}$/.test(prefixText)) return null;
  const network = parseIpAddress(addressText);
  const prefixLength = Number(prefixText);
  if (!network || prefixLength > network.bytes.length * 8) return null;
  return { network, prefixLength };
}

/** True when `address` lies inside `network`; an IPv4 network never contains an IPv6 address. */
export function isInNetwork(address: IpAddress, network: IpNetwork): boolean {
  if (address.version !== network.network.version) return false;
  let remainingBits = network.prefixLength;
  for (let index = 0; remainingBits > 0; index += 1) {
    const bitsInByte = Math.min(8, remainingBits);
    const mask = (0xff << (8 - bitsInByte)) & 0xff;
    if (((address.bytes[index] ?? 0) & mask) !== ((network.network.bytes[index] ?? 0) & mask)) return false;
    remainingBits -= bitsInByte;
  }
  return true;
}

/** True when both values are the same address (same version, same bytes). */
export function isSameAddress(left: IpAddress, right: IpAddress): boolean {
  return left.version === right.version && left.bytes.every((byte, index) => byte === right.bytes[index]);
}

/** Formats an IPv4 address's bytes as dotted decimal. */
export function formatIpv4(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 4)).join('.');
}

function parseIpv4Bytes(text: string): Uint8Array {
  return Uint8Array.from(text.split('.').map(Number));
}

function parseIpv6Bytes(text: string): Uint8Array {
  const bytes = new Uint8Array(16);
  let body = text;
  // A dotted IPv4 tail (`::ffff:10.0.0.1`) supplies the last four bytes.
  const dottedTail = /(\d+\.\d+\.\d+\.\d+)$/.exec(body);
  let groupCount = 8;
  if (dottedTail?.[1]) {
    bytes.set(parseIpv4Bytes(dottedTail[1]), 12);
    body = body.slice(0, -dottedTail[1].length);
    if (body.endsWith(':') && !body.endsWith('::')) body = body.slice(0, -1);
    groupCount = 6;
  }
  const [headText, tailText] = body.split('::');
  const head = headText ? headText.split(':') : [];
  const tail = tailText ? tailText.split(':') : [];
  const groups = [...head, ...new Array<string>(groupCount - head.length - tail.length).fill('0'), ...tail];
  groups.forEach((group, index) => {
    const value = Number.parseInt(group, 16);
    bytes[index * 2] = value >> 8;
    bytes[index * 2 + 1] = value & 0xff;
  });
  return bytes;
}
