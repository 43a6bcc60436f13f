import type { LookupAddress } from 'node:dns';
import { describe, expect, it, vi } from 'vitest';
import { FetchError } from '../spec/fetcher.ts';
import { useFetcherHarness } from '../../../test/fixtures/fixture-web/fetcher-harness.ts';
import type { HostLookup } from './destination-guard.ts';

const harness = useFetcherHarness();

/** A lookup answering from a fixed table; names outside it fail like a missing DNS name. */
function tableLookup(table: Record<string, LookupAddress[] | (() => LookupAddress[])>) {
  return vi.fn<HostLookup>(async (hostname) => {
    const answer = table[hostname];
    if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return typeof answer === 'function' ? answer() : answer;
  });
}

async function fetchError(promise: Promise<unknown>): Promise<FetchError> {
  const error = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  if (!(error instanceof FetchError)) throw new Error(`expected a FetchError, got ${String(error)}`);
  return error;
}

describe('SafeFetcher destination checks', () => {
  it('fetches 127.0.0.1 when it is allow-listed', async () => {
    const page = await harness.fetcher({ allowHosts: ['127.0.0.1'] }).fetchPage(`${harness.web().baseUrl}/`);
    expect(page).toMatchObject({ status: 200, title: 'Fixture web', contentType: 'text/html' });
  });

  it('refuses 127.0.0.1 without an allow-list, before sending anything', async () => {
    const url = `${harness.web().baseUrl}/`;
    const error = await fetchError(harness.fetcher({ allowHosts: [] }).fetchPage(url));
    expect(error).toMatchObject({ code: 'blocked_address', url, isRetryable: false });
    expect(error.message).toBe(
      `refused to fetch ${url}: 127.0.0.1 is a loopback address; add it to FATHOM_FETCH_ALLOW_HOSTS to allow it (127.0.0.1:${new URL(url).port} allows this port only)`,
    );
    expect(harness.web().requestLog).toHaveLength(0);
  });

  it('refuses a name that resolves to 10.0.0.1, whether or not robots.txt is read first', async () => {
    const lookup = tableLookup({ 'intranet.test': [{ address: '10.0.0.1', family: 4 }] });
    for (const respectRobotsTxt of [true, false]) {
      const url = `http://intranet.test:${harness.web().port}/wiki`;
      const error = await fetchError(harness.fetcher({ lookup, allowHosts: ['127.0.0.1'], respectRobotsTxt }).fetchPage(url));
      expect(error.code).toBe('blocked_address');
      expect(error.message).toBe(
        `refused to fetch ${url}: intranet.test resolves to 10.0.0.1, a private address; add intranet.test or 10.0.0.1 to FATHOM_FETCH_ALLOW_HOSTS to allow it (intranet.test:${new URL(url).port} allows this port only)`,
      );
    }
    expect(lookup).toHaveBeenCalledTimes(2);
  });

  it.each([
    ['an IPv6 loopback literal', 'http://[::1]:9/'],
    ['an IPv4-mapped IPv6 literal', 'http://[::ffff:127.0.0.1]:9/'],
    ['a hexadecimal IPv4 literal', 'http://0x7f.1:9/'],
    ['a decimal IPv4 literal', 'http://2130706433:9/'],
    ['the metadata address', 'http://169.254.169.254/latest/meta-data/'],
    ['the GCP metadata name', 'http://metadata.google.internal/computeMetadata/v1/'],
    ['the GCP metadata name with a root dot', 'http://metadata.google.internal./'],
    ['localhost', 'http://localhost:9/'],
  ])('refuses %s without resolving or connecting', async (_label, url) => {
    const lookup = tableLookup({});
    const error = await fetchError(harness.fetcher({ lookup, allowHosts: [] }).fetchPage(url));
    expect(error.code).toBe('blocked_address');
    expect(lookup).not.toHaveBeenCalled();
  });

  it('connects to the address it checked, so a DNS answer that changes afterwards is never used', async () => {
    const answers = [[{ address: '127.0.0.1', family: 4 }], [{ address: '127.0.0.2', family: 4 }]];
    // Only 127.0.0.1 is allowed and listening; a second resolution would answer 127.0.0.2.
    const lookup = tableLookup({ 'acme.test': () => answers.shift() ?? [] });
    const page = await harness.fetcher({ lookup, allowHosts: ['127.0.0.1'], respectRobotsTxt: false }).fetchPage(harness.web().urlFor('acme', '/about'));
    expect(page.title).toBe('About Acme Robotics');
    expect(lookup).toHaveBeenCalledTimes(1);
  });

  it('allows a name on the allow list whatever it resolves to', async () => {
    const page = await harness.fetcher({ allowHosts: ['*.test'] }).fetchPage(harness.web().urlFor('initech'));
    expect(page.title).toBe('Initech');
  });

  it.each([
    ['not a URL', 'acme.test/about', 'it is not an absolute URL'],
    ['another scheme', 'file:///etc/passwd', 'only http and https URLs can be fetched, not file:'],
    ['credentials', 'http://admin:secret@acme.test/', 'URLs with a user name or password are not fetched'],
  ])('refuses %s as invalid_url', async (_label, url, reason) => {
    const error = await fetchError(harness.fetcher().fetchPage(url));
    expect(error.code).toBe('invalid_url');
    expect(error.message).toContain(reason);
    expect(harness.web().requestLog).toHaveLength(0);
  });

  it('reports a name that does not exist as a permanent network error', async () => {
    const error = await fetchError(harness.fetcher().fetchPage('http://no-such-company.example/'));
    expect(error).toMatchObject({ code: 'network_error', isRetryable: false });
    expect(error.message).toContain('could not resolve no-such-company.example');
  });
});
