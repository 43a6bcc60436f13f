import { describe, expect, it } from 'vitest';
import { HostConcurrencyLimiter } from './host-concurrency-limiter.ts';

/** A task that stays running until `finish()` is called, recording when it started. */
function controlledTask(label: string, started: string[]) {
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    run: async () => {
      started.push(label);
      await done;
      return label;
    },
    finish: () => finish(),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('HostConcurrencyLimiter', () => {
  it('runs at most `limit` tasks per host and starts waiters in arrival order', async () => {
    const limiter = new HostConcurrencyLimiter(2);
    const started: string[] = [];
    const tasks = ['a', 'b', 'c', 'd', 'e'].map((label) => controlledTask(label, started));
    const results = tasks.map((task) => limiter.run('example.com', task.run));
    await settle();
    expect(started).toEqual(['a', 'b']);
    expect(limiter.activeCount('example.com')).toBe(2);

    tasks[1]?.finish();
    await settle();
    expect(started).toEqual(['a', 'b', 'c']);
    tasks[0]?.finish();
    await settle();
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    for (const task of tasks) task.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(limiter.activeCount('example.com')).toBe(0);
  });

  it('keeps hosts independent', async () => {
    const limiter = new HostConcurrencyLimiter(1);
    const started: string[] = [];
    const first = controlledTask('one.example', started);
    const second = controlledTask('two.example', started);
    const runs = [limiter.run('one.example', first.run), limiter.run('two.example', second.run)];
    await settle();
    expect(started).toEqual(['one.example', 'two.example']);
    first.finish();
    second.finish();
    await Promise.all(runs);
  });

  it('frees the slot when a task throws', async () => {
    const limiter = new HostConcurrencyLimiter(1);
    await expect(limiter.run('example.com', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run('example.com', async () => 'next')).resolves.toBe('next');
  });

  it('drops a waiter whose signal aborts, without running it or losing the slot', async () => {
    const limiter = new HostConcurrencyLimiter(1);
    const started: string[] = [];
    const holder = controlledTask('holder', started);
    const holding = limiter.run('example.com', holder.run);
    const controller = new AbortController();
    const abandoned = limiter.run('example.com', async () => started.push('abandoned'), controller.signal);
    const later = controlledTask('later', started);
    const laterRun = limiter.run('example.com', later.run);
    controller.abort(new Error('caller gave up'));
    await expect(abandoned).rejects.toThrow('caller gave up');
    holder.finish();
    await settle();
    expect(started).toEqual(['holder', 'later']);
    later.finish();
    await Promise.all([holding, laterRun]);
  });

  it('rejects a limit below one', () => {
    expect(() => new HostConcurrencyLimiter(0)).toThrow(/positive integer/);
  });
});
