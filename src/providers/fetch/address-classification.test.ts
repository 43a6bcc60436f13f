import { describe, expect, it } from 'vitest';
import { classifyAddress } from './address-classification.ts';
import { parseIpAddress } from './ip-address.ts';

function classify(text: string): string | null {
  const address = parseIpAddress(text);
  if (!address) throw new Error(`test address ${text} did not parse`);
  return classifyAddress(address)?.kind ?? null;
}

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.0', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.10', 'private'],
    ['169.254.169.254', 'link_local'],
    ['0.0.0.0', 'unspecified'],
    ['100.64.0.1', 'shared'],
    ['100.127.255.255', 'shared'],
    ['100.100.100.200', 'shared'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['192.0.2.10', 'reserved'],
  ])('classifies IPv4 %s as %s', (address, kind) => {
    expect(classify(address)).toBe(kind);
  });

  it.each(['8.8.8.8', '172.15.255.255', '172.32.0.0', '100.63.255.255', '100.128.0.0', '192.169.0.1', '1.1.1.1'])('treats IPv4 %s as public', (address) => {
    expect(classify(address)).toBeNull();
  });

  it.each([
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'private'],
    ['fd00:ec2::254', 'private'],
    ['fe80::1', 'link_local'],
    ['febf:ffff::1', 'link_local'],
    ['fec0::1', 'private'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['[::1]', 'loopback'],
    ['fe80::1%eth0', 'link_local'],
  ])('classifies IPv6 %s as %s', (address, kind) => {
    expect(classify(address)).toBe(kind);
  });

  it.each([
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:a9fe:a9fe', 'link_local'],
    ['::ffff:0.0.0.0', 'unspecified'],
    ['::ffff:100.64.0.1', 'shared'],
    ['::10.0.0.1', 'private'],
    ['64:ff9b::a9fe:a9fe', 'link_local'],
    ['0:0:0:0:0:ffff:c0a8:0101', 'private'],
  ])('classifies the IPv4-carrying IPv6 form %s as %s', (address, kind) => {
    expect(classify(address)).toBe(kind);
  });

  it('names the embedded IPv4 address of a mapped form', () => {
    const address = parseIpAddress('::ffff:a9fe:a9fe');
    expect(address && classifyAddress(address)).toEqual({ kind: 'link_local', range: '169.254.0.0/16', embeddedIpv4: '169.254.169.254' });
  });

  it.each(['2606:4700:4700::1111', '2a00:1450:4001::200e', '::ffff:8.8.8.8', '64:ff9b::808:808'])('treats IPv6 %s as public', (address) => {
    expect(classify(address)).toBeNull();
  });
});

describe('parseIpAddress', () => {
  it('returns null for names and malformed literals', () => {
    expect(parseIpAddress('example.com')).toBeNull();
    expect(parseIpAddress('256.1.1.1')).toBeNull();
    expect(parseIpAddress('1.2.3')).toBeNull();
    expect(parseIpAddress('::g')).toBeNull();
  });

  it('parses IPv6 with a compressed middle and a dotted tail into 16 bytes', () => {
    expect(Array.from(parseIpAddress('1:2::ffff:1.2.3.4')?.bytes ?? [])).toEqual([0, 1, 0, 2, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2, 3, 4]);
  });
});
