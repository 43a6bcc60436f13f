import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHunterStandin, type HunterStandin } from '../../../test/fixtures/email-finder-standin/hunter-standin-server.ts';
import { EmailFinderError } from '../spec/email-finder.ts';
import { createHunterEmailFinder } from './hunter-email-finder.ts';

describe('Hunter email finder against a stand-in of its wire format', () => {
  let hunter: HunterStandin;
  beforeAll(async () => {
    hunter = await startHunterStandin({
      apiKey: 'hunter-key',
      people: { 'grace okafor@saltmarsh.test': { email: 'Grace@saltmarsh.test', score: 91, source: 'https://blog.example/grace' } },
    });
  });
  afterAll(async () => {
    await hunter.close();
  });

  it('answers the address with score and sources, and null when Hunter has none', async () => {
    const finder = createHunterEmailFinder({ baseUrl: hunter.baseUrl, apiKey: 'hunter-key' });
    expect(await finder.findEmail({ domain: 'saltmarsh.test', fullName: 'Grace Okafor' })).toEqual({
      email: 'grace@saltmarsh.test',
      score: 91,
      sources: ['https://blog.example/grace'],
      provider: 'hunter',
    });
    expect(await finder.findEmail({ domain: 'saltmarsh.test', fullName: 'Nobody Known' })).toBeNull();
    expect(hunter.requests.at(-1)).toContain('first_name=Nobody&last_name=Known');
  });

  it('turns a wrong key into a permanent error and a 429 into a retryable one with its wait', async () => {
    const wrongKey = createHunterEmailFinder({ baseUrl: hunter.baseUrl, apiKey: 'wrong' });
    const refused = await wrongKey.findEmail({ domain: 'saltmarsh.test', fullName: 'Grace Okafor' }).catch((error) => error);
    expect(refused).toBeInstanceOf(EmailFinderError);
    expect(refused).toMatchObject({ code: 'authentication', isRetryable: false, status: 401 });
    expect(refused.message).toContain('No user found for the API key supplied');
    hunter.rateLimitNext();
    const limited = await createHunterEmailFinder({ baseUrl: hunter.baseUrl, apiKey: 'hunter-key' })
      .findEmail({ domain: 'saltmarsh.test', fullName: 'Grace Okafor' })
      .catch((error) => error);
    expect(limited).toMatchObject({ code: 'rate_limited', isRetryable: true, retryAfterMs: 2000 });
  });
});
