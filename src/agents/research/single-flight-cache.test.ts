import { describe, expect, it } from 'vitest';
import { SingleFlightCache } from './single-flight-cache.ts';

function createCache(overrides: { ttlMs?: number; maxSize?: number; remember?: boolean } = {}) {
  let clock = 1_000;
  const cache = new SingleFlightCache<string>({
    ttlMs: overrides.ttlMs ?? 10_000,
    maxSize: overrides.maxSize ?? 1_000,
    sizeOf: (value) => value.length,
    shouldRemember: () => overrides.remember ?? true,
    now: () => clock,
  });
  return { cache, advance: (milliseconds: number) => (clock += milliseconds) };
}

describe('SingleFlightCache', () => {
  it('shares one load between concurrent callers and serves the settled value until the TTL ends', async () => {
    const { cache, advance } = createCache();
    let loads = 0;
    const load = async () => {
      loads += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return `value-${loads}`;
    };
    const [first, second] = await Promise.all([cache.get('a', load), cache.get('a', load)]);
    expect([first.outcome, second.outcome]).toEqual(['loaded', 'joined']);
    expect(second.value).toBe('value-1');
    expect((await cache.get('a', load)).outcome).toBe('hit');
    advance(10_000);
    expect(await cache.get('a', load)).toEqual({ value: 'value-2', outcome: 'loaded' });
    expect(loads).toBe(2);
  });

  it('lets a caller give up without cancelling the load others wait for', async () => {
    const { cache } = createCache();
    let finish: (value: string) => void = () => {};
    const load = () => new Promise<string>((resolve) => (finish = resolve));
    const controller = new AbortController();
    const impatient = cache.get('a', load, { signal: controller.signal });
    const patient = cache.get('a', load);
    controller.abort(new Error('deadline'));
    await expect(impatient).rejects.toThrow('deadline');
    finish('done');
    expect((await patient).value).toBe('done');
  });

  it('remembers failures only when told to', async () => {
    const remembering = createCache({ remember: true }).cache;
    let attempts = 0;
    const failing = async () => {
      attempts += 1;
      throw new Error('404');
    };
    await expect(remembering.get('a', failing)).rejects.toThrow('404');
    await expect(remembering.get('a', failing)).rejects.toThrow('404');
    expect(attempts).toBe(1);
    const forgetting = createCache({ remember: false }).cache;
    await expect(forgetting.get('a', failing)).rejects.toThrow('404');
    await expect(forgetting.get('a', failing)).rejects.toThrow('404');
    expect(attempts).toBe(3);
  });

  it('drops the least recently used values past the size budget', async () => {
    const { cache } = createCache({ maxSize: 10 });
    await cache.get('a', async () => 'aaaa');
    await cache.get('b', async () => 'bbbb');
    await cache.get('a', async () => 'unused');
    await cache.get('c', async () => 'cccc');
    expect((await cache.get('a', async () => 'reloaded')).outcome).toBe('hit');
    expect((await cache.get('b', async () => 'reloaded')).value).toBe('reloaded');
  });

  it('keeps nothing settled with a zero TTL, and only trusts its own run when asked for fresh values', async () => {
    const disabled = createCache({ ttlMs: 0 }).cache;
    await disabled.get('a', async () => 'one');
    expect(disabled.size).toBe(0);
    const { cache } = createCache();
    await cache.get('a', async () => 'run-1', { runId: 'run-1' });
    expect((await cache.get('a', async () => 'run-2', { freshFor: 'run-1', runId: 'run-1' })).value).toBe('run-1');
    expect((await cache.get('a', async () => 'run-2', { freshFor: 'run-2', runId: 'run-2' })).value).toBe('run-2');
    expect((await cache.get('a', async () => 'again', { freshFor: 'run-2', runId: 'run-2' })).outcome).toBe('hit');
  });
});
