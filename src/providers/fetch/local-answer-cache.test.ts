import type { LookupAddress } from 'node:dns';
import { describe, expect, it, vi } from 'vitest';
import type { HostLookup } from './destination-guard.ts';
import { cacheLocalAnswers } from './local-answer-cache.ts';

function countingLookup(answers: Record<string, LookupAddress[]>) {
  return vi.fn<HostLookup>(async (hostname) => {
    const answer = answers[hostname];
    if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return answer;
  });
}

describe('cacheLocalAnswers', () => {
  it('asks the resolver once for concurrent and repeated questions about one name within the TTL', async () => {
    const lookup = countingLookup({ 'shop.example': [{ address: '93.184.216.34', family: 4 }] });
    let time = 1_000;
    const cached = cacheLocalAnswers(lookup, { ttlMs: 60_000, now: () => time });
    const answers = await Promise.all([cached('shop.example'), cached('shop.example'), cached('shop.example')]);
    expect(answers.every((answer) => answer[0]?.address === '93.184.216.34')).toBe(true);
    time += 59_999;
    await cached('shop.example');
    expect(lookup).toHaveBeenCalledTimes(1);
    time += 1;
    await cached('shop.example');
    expect(lookup).toHaveBeenCalledTimes(2);
  });

  it('remembers that a name does not resolve, and every caller sees the failure', async () => {
    const lookup = countingLookup({});
    const cached = cacheLocalAnswers(lookup, { now: () => 0 });
    await expect(cached('only-the-proxy-knows.example')).rejects.toThrow('ENOTFOUND');
    await expect(cached('only-the-proxy-knows.example')).rejects.toThrow('ENOTFOUND');
    expect(lookup).toHaveBeenCalledTimes(1);
  });

  it('keeps at most maxNames answers, dropping the oldest', async () => {
    const lookup = countingLookup({
      'a.example': [{ address: '1.1.1.1', family: 4 }],
      'b.example': [{ address: '1.0.0.1', family: 4 }],
      'c.example': [{ address: '8.8.8.8', family: 4 }],
    });
    const cached = cacheLocalAnswers(lookup, { maxNames: 2, now: () => 0 });
    await cached('a.example');
    await cached('b.example');
    await cached('c.example');
    await cached('b.example');
    expect(lookup).toHaveBeenCalledTimes(3);
    await cached('a.example');
    expect(lookup).toHaveBeenCalledTimes(4);
  });
});
