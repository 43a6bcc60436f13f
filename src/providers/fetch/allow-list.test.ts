import { describe, expect, it } from 'vitest';
import { createAllowList } from './allow-list.ts';
import { parseIpAddress } from './ip-address.ts';
import type { IpAddress } from './ip-address.ts';

function ip(text: string): IpAddress {
  const address = parseIpAddress(text);
  if (!address) throw new Error(`test address ${text} did not parse`);
  return address;
}

describe('createAllowList', () => {
  it('allows exact addresses, including their IPv4-mapped forms', () => {
    const allowList = createAllowList(['127.0.0.1']);
    expect(allowList.allowsAddress(ip('127.0.0.1'))).toBe(true);
    expect(allowList.allowsAddress(ip('::ffff:127.0.0.1'))).toBe(true);
    expect(allowList.allowsAddress(ip('127.0.0.2'))).toBe(false);
  });

  it('allows addresses inside a CIDR and nothing outside it', () => {
    const allowList = createAllowList(['10.0.0.0/8', 'fd00::/8']);
    expect(allowList.allowsAddress(ip('10.255.1.1'))).toBe(true);
    expect(allowList.allowsAddress(ip('11.0.0.1'))).toBe(false);
    expect(allowList.allowsAddress(ip('fd12::1'))).toBe(true);
    expect(allowList.allowsAddress(ip('fc00::1'))).toBe(false);
  });

  it('matches exact names and wildcard subdomains, case- and trailing-dot-insensitively', () => {
    const allowList = createAllowList(['localhost', '*.internal.example']);
    expect(allowList.allowsHostName('LOCALHOST.')).toBe(true);
    expect(allowList.allowsHostName('wiki.internal.example')).toBe(true);
    expect(allowList.allowsHostName('a.b.internal.example')).toBe(true);
    expect(allowList.allowsHostName('internal.example')).toBe(false);
    expect(allowList.allowsHostName('evilinternal.example')).toBe(false);
  });

  it('ignores blank entries and rejects malformed ones with the entry in the message', () => {
    expect(() => createAllowList(['', '  '])).not.toThrow();
    expect(() => createAllowList(['10.0.0.0/33'])).toThrow(/"10\.0\.0\.0\/33"/);
    expect(() => createAllowList(['http://intranet'])).toThrow(/invalid fetch allow-list entry/);
    expect(() => createAllowList(['*'])).toThrow(/invalid fetch allow-list entry "\*"/);
  });
});

describe('createAllowList with ports', () => {
  it('limits host, address, IPv6 and CIDR entries to their port', () => {
    const allowList = createAllowList(['localhost:8080', '127.0.0.1:9000', '[::1]:9001', '10.0.0.0/8:5432', '[fd00::/8]:443', '*.corp.example:443', '::2']);
    expect(allowList.allowsHostName('localhost', 8080)).toBe(true);
    expect(allowList.allowsHostName('localhost', 8081)).toBe(false);
    expect(allowList.allowsHostName('localhost')).toBe(false);
    expect(allowList.allowsAddress(ip('127.0.0.1'), 9000)).toBe(true);
    expect(allowList.allowsAddress(ip('::ffff:127.0.0.1'), 9000)).toBe(true);
    expect(allowList.allowsAddress(ip('127.0.0.1'), 9001)).toBe(false);
    expect(allowList.allowsAddress(ip('::1'), 9001)).toBe(true);
    expect(allowList.allowsAddress(ip('::1'), 9000)).toBe(false);
    expect(allowList.allowsAddress(ip('10.20.30.40'), 5432)).toBe(true);
    expect(allowList.allowsAddress(ip('10.20.30.40'), 22)).toBe(false);
    expect(allowList.allowsAddress(ip('fd12::1'), 443)).toBe(true);
    expect(allowList.allowsAddress(ip('fd12::1'), 80)).toBe(false);
    expect(allowList.allowsHostName('wiki.corp.example', 443)).toBe(true);
    expect(allowList.allowsHostName('wiki.corp.example', 80)).toBe(false);
    // A bare IPv6 address has no port: its colons belong to the address.
    expect(allowList.allowsAddress(ip('::2'), 1234)).toBe(true);
  });

  it('refuses ports that are not 1–65535', () => {
    expect(() => createAllowList(['localhost:0'])).toThrow(/port must be a number from 1 to 65535/);
    expect(() => createAllowList(['localhost:70000'])).toThrow(/port must be a number from 1 to 65535/);
    expect(() => createAllowList(['localhost:http'])).toThrow(/port must be a number/);
    expect(() => createAllowList(['[::1]:x'])).toThrow(/invalid fetch allow-list entry/);
  });
});
