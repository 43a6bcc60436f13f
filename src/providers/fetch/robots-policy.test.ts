import { describe, expect, it, vi } from 'vitest';
import { FetchError } from '../spec/fetcher.ts';
import { BlockedDestinationError } from './destination-guard.ts';
import { blockedDestinationError } from './fetch-errors.ts';
import { RobotsPolicy, robotsAgentToken } from './robots-policy.ts';
import type { RobotsTxtReader, RobotsTxtResponse } from './robots-policy.ts';

const ROBOTS_TXT = ['User-agent: *', 'Disallow: /private/', '', 'User-agent: FathomBot', 'Disallow: /no-fathom'].join('\n');

function createPolicy(read: RobotsTxtReader, agentToken = 'FathomBot') {
  const clock = { now: new Date('2026-01-01T00:00:00Z') };
  const readRobotsTxt = vi.fn(read);
  const policy = new RobotsPolicy({
    readRobotsTxt,
    agentToken,
    ttlMs: 60_000,
    unreachableTtlMs: 5_000,
    readTimeoutMs: 1_000,
    now: () => clock.now,
  });
  const advance = (milliseconds: number) => (clock.now = new Date(clock.now.getTime() + milliseconds));
  return { policy, readRobotsTxt, advance };
}

const answer =
  (response: RobotsTxtResponse): RobotsTxtReader =>
  async () =>
    response;
const signal = () => new AbortController().signal;

describe('RobotsPolicy', () => {
  it('applies the group for its own agent token, which replaces the * group', async () => {
    const { policy } = createPolicy(answer({ status: 200, text: ROBOTS_TXT }));
    await expect(policy.assertAllowed(new URL('https://a.example/no-fathom'), signal())).rejects.toMatchObject({
      code: 'robots_disallowed',
      isRetryable: false,
    });
    await expect(policy.assertAllowed(new URL('https://a.example/private/x'), signal())).resolves.toBeUndefined();

    const other = createPolicy(answer({ status: 200, text: ROBOTS_TXT }), 'OtherBot').policy;
    await expect(other.assertAllowed(new URL('https://a.example/private/x'), signal())).rejects.toThrow(
      'robots.txt of https://a.example disallows /private/x for OtherBot',
    );
  });

  it('reads robots.txt once per origin while cached, and again after the TTL', async () => {
    const { policy, readRobotsTxt, advance } = createPolicy(answer({ status: 200, text: ROBOTS_TXT }));
    for (const path of ['/', '/a', '/b']) await policy.assertAllowed(new URL(`https://a.example${path}`), signal());
    await policy.assertAllowed(new URL('https://b.example/'), signal());
    expect(readRobotsTxt.mock.calls.map(([url]) => url)).toEqual(['https://a.example/robots.txt', 'https://b.example/robots.txt']);
    advance(60_001);
    await policy.assertAllowed(new URL('https://a.example/c'), signal());
    expect(readRobotsTxt).toHaveBeenCalledTimes(3);
  });

  it('shares one read among concurrent callers', async () => {
    let release: (response: RobotsTxtResponse) => void = () => undefined;
    const { policy, readRobotsTxt } = createPolicy(() => new Promise((resolve) => (release = resolve)));
    const checks = ['/1', '/2', '/3'].map((path) => policy.assertAllowed(new URL(`https://a.example${path}`), signal()));
    release({ status: 200, text: '' });
    await Promise.all(checks);
    expect(readRobotsTxt).toHaveBeenCalledTimes(1);
  });

  it('allows everything when robots.txt is missing (4xx)', async () => {
    const { policy } = createPolicy(answer({ status: 404, text: '' }));
    await expect(policy.assertAllowed(new URL('https://a.example/private/x'), signal())).resolves.toBeUndefined();
  });

  it('closes the site for the unreachable TTL when robots.txt answers 5xx, then asks again', async () => {
    const responses = [
      { status: 503, text: '' },
      { status: 200, text: '' },
    ];
    const { policy, readRobotsTxt, advance } = createPolicy(async () => responses.shift() ?? { status: 500, text: '' });
    const refusal = policy.assertAllowed(new URL('https://a.example/'), signal());
    await expect(refusal).rejects.toMatchObject({ code: 'robots_disallowed', isRetryable: true });
    await expect(refusal).rejects.toThrow('robots.txt of https://a.example answered 503');
    advance(4_000);
    await expect(policy.assertAllowed(new URL('https://a.example/'), signal())).rejects.toMatchObject({ code: 'robots_disallowed' });
    advance(2_000);
    await expect(policy.assertAllowed(new URL('https://a.example/'), signal())).resolves.toBeUndefined();
    expect(readRobotsTxt).toHaveBeenCalledTimes(2);
  });

  it('treats a robots.txt whose redirect leads somewhere unreachable as closed for now', async () => {
    const { policy } = createPolicy(async () => {
      const hop = 'https://cdn.a.example/robots.txt';
      throw new FetchError({ code: 'timeout', url: hop, message: `${hop} did not send response headers within 1 s` });
    });
    await expect(policy.assertAllowed(new URL('https://a.example/'), signal())).rejects.toMatchObject({
      code: 'robots_disallowed',
      isRetryable: true,
      message: expect.stringContaining('could not be read'),
    });
  });

  it('passes on a failure to reach the origin itself, uncached', async () => {
    const { policy, readRobotsTxt } = createPolicy(async (url) => {
      throw new FetchError({ code: 'network_error', url, message: 'could not resolve a.example: the name does not exist' });
    });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await expect(policy.assertAllowed(new URL('https://a.example/'), signal())).rejects.toMatchObject({ code: 'network_error' });
    }
    expect(readRobotsTxt).toHaveBeenCalledTimes(2);
  });

  it('follows RFC 9309 and allows everything after too many robots.txt redirects', async () => {
    const { policy } = createPolicy(async (url) => {
      throw new FetchError({ code: 'too_many_redirects', url, message: 'loops' });
    });
    await expect(policy.assertAllowed(new URL('https://a.example/'), signal())).resolves.toBeUndefined();
  });

  it('passes on a refused origin as the page refusal and does not cache it', async () => {
    const { policy, readRobotsTxt } = createPolicy(async (url) => {
      throw blockedDestinationError(url, new BlockedDestinationError('intranet.example', 'intranet.example resolves to 10.0.0.1, a private address'));
    });
    const page = new URL('http://intranet.example/wiki');
    await expect(policy.assertAllowed(page, signal())).rejects.toMatchObject({
      code: 'blocked_address',
      url: 'http://intranet.example/wiki',
      message: 'refused to fetch http://intranet.example/wiki: intranet.example resolves to 10.0.0.1, a private address',
    });
    await expect(policy.assertAllowed(page, signal())).rejects.toMatchObject({ code: 'blocked_address' });
    expect(readRobotsTxt).toHaveBeenCalledTimes(2);
  });

  it('lets one caller give up without failing the others sharing the read', async () => {
    let release: (response: RobotsTxtResponse) => void = () => undefined;
    const { policy } = createPolicy(() => new Promise((resolve) => (release = resolve)));
    const controller = new AbortController();
    const impatient = policy.assertAllowed(new URL('https://a.example/1'), controller.signal);
    const patient = policy.assertAllowed(new URL('https://a.example/2'), signal());
    controller.abort(new Error('lease lost'));
    await expect(impatient).rejects.toThrow('lease lost');
    release({ status: 200, text: '' });
    await expect(patient).resolves.toBeUndefined();
  });
});

describe('robotsAgentToken', () => {
  it('takes the product name of a User-Agent', () => {
    expect(robotsAgentToken('FathomBot/0.1 (self-hosted research tables)')).toBe('FathomBot');
    expect(robotsAgentToken('Mozilla/5.0 (compatible; FathomBot)')).toBe('Mozilla');
  });
});
