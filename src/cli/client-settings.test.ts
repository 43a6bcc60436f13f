import { describe, expect, it } from 'vitest';
import { CliConfigError } from './cli-errors.ts';
import { requireToken, resolveClientSettings } from './client-settings.ts';

describe('resolveClientSettings', () => {
  it('defaults to the local server with a 30 s timeout and no token', () => {
    expect(resolveClientSettings({}, {})).toEqual({ baseUrl: 'http://127.0.0.1:8000', token: undefined, timeoutMs: 30_000 });
  });

  it('takes flags over variables, FATHOM_API_TOKEN over EXTRUCT_API_TOKEN, and ignores empty variables', () => {
    const environment = { FATHOM_BASE_URL: 'http://fathom.internal:8000', FATHOM_API_TOKEN: '', EXTRUCT_API_TOKEN: 'vendor-style-token' };
    expect(resolveClientSettings({ timeout: '2.5' }, environment)).toEqual({
      baseUrl: 'http://fathom.internal:8000',
      token: 'vendor-style-token',
      timeoutMs: 2_500,
    });
    expect(resolveClientSettings({ baseUrl: 'https://fathom.example/v1/' }, { ...environment, FATHOM_API_TOKEN: 'fathom-token' })).toMatchObject({
      baseUrl: 'https://fathom.example',
      token: 'fathom-token',
    });
  });

  it('names the source of a bad base URL or timeout', () => {
    expect(() => resolveClientSettings({}, { FATHOM_BASE_URL: 'fathom.internal' })).toThrow(/FATHOM_BASE_URL "fathom.internal"/);
    expect(() => resolveClientSettings({ baseUrl: 'ftp://x' }, {})).toThrow(/--base-url "ftp:\/\/x" must start with http/);
    expect(() => resolveClientSettings({ timeout: '0' }, {})).toThrow(CliConfigError);
  });

  it('requireToken explains how to provide a token', () => {
    expect(() => requireToken(resolveClientSettings({}, {}))).toThrow(/FATHOM_API_TOKEN \(or EXTRUCT_API_TOKEN\)/);
  });
});
