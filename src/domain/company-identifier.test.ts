import { describe, expect, it } from 'vitest';
import { companyNameKey, parseCompanyIdentifier, registrableDomain } from './company-identifier.ts';

describe('parseCompanyIdentifier', () => {
  it.each([
    ['acme.com', { kind: 'site', domain: 'acme.com', url: 'https://acme.com/' }],
    ['  WWW.Acme.com ', { kind: 'site', domain: 'acme.com', url: 'https://www.acme.com/' }],
    ['https://blog.acme.co.uk/post?id=1#top', { kind: 'site', domain: 'acme.co.uk', url: 'https://blog.acme.co.uk/post?id=1' }],
    ['http://acme.test:8123', { kind: 'site', domain: 'acme.test', url: 'http://acme.test:8123/' }],
    ['acme.com/pricing', { kind: 'site', domain: 'acme.com', url: 'https://acme.com/' }],
    ['http://127.0.0.1:9000/', { kind: 'address', host: '127.0.0.1', url: 'http://127.0.0.1:9000/' }],
    ['Acme Robotics', { kind: 'name', name: 'Acme Robotics' }],
    ['Acme', { kind: 'name', name: 'Acme' }],
    ['Acme Robotics, Inc.', { kind: 'name', name: 'Acme Robotics, Inc.' }],
  ])('%s', (raw, expected) => {
    expect(parseCompanyIdentifier(raw)).toEqual(expected);
  });

  it('refuses what names neither a site nor a company', () => {
    expect(parseCompanyIdentifier('   ')).toBeNull();
    expect(parseCompanyIdentifier('ftp://files.acme.com/')).toBeNull();
    expect(parseCompanyIdentifier('https://localhost/')).toBeNull();
  });
});

describe('registrableDomain', () => {
  it('reduces hosts and URLs to the registrable domain', () => {
    expect(registrableDomain('https://docs.Acme.com/x')).toBe('acme.com');
    expect(registrableDomain('shop.acme.co.uk')).toBe('acme.co.uk');
    expect(registrableDomain('http://10.0.0.1/')).toBeNull();
  });
});

describe('companyNameKey', () => {
  it('has no key for text too long to be a name (the key is indexed)', () => {
    expect(companyNameKey(`Acme ${'Robotics '.repeat(30)}`)).toBe(`acme${'robotics'.repeat(30)}`);
    expect(companyNameKey('Acme Robotics '.repeat(400))).toBeNull();
  });

  it('matches spellings of the same name and drops legal suffixes', () => {
    expect(companyNameKey('Acme Robotics, Inc.')).toBe('acmerobotics');
    expect(companyNameKey('ACME robotics')).toBe('acmerobotics');
    expect(companyNameKey('Société Générale SA')).toBe('societegenerale');
    expect(companyNameKey('Inc')).toBe('inc');
    expect(companyNameKey('—')).toBeNull();
  });
});
