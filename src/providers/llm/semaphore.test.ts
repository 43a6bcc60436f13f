import { describe, expect, it } from 'vitest';
import { Semaphore } from './semaphore.ts';

describe('Semaphore', () => {
  it('grants permits up to its size and queues the rest in arrival order', async () => {
    const semaphore = new Semaphore(2);
    const order: string[] = [];
    const first = await semaphore.acquire();
    const second = await semaphore.acquire();
    const third = semaphore.acquire().then((release) => {
      order.push('third');
      return release;
    });
    const fourth = semaphore.acquire().then((release) => {
      order.push('fourth');
      return release;
    });
    expect([semaphore.inUse, semaphore.waiting]).toEqual([2, 2]);

    first();
    (await third)();
    second();
    (await fourth)();
    expect(order).toEqual(['third', 'fourth']);
    expect([semaphore.inUse, semaphore.waiting]).toEqual([0, 0]);
  });

  it('ignores a second release of the same permit', async () => {
    const semaphore = new Semaphore(1);
    const release = await semaphore.acquire();
    release();
    release();
    expect(semaphore.inUse).toBe(0);
    await semaphore.acquire();
    expect(semaphore.inUse).toBe(1);
  });

  it('removes an aborted waiter from the queue without disturbing the others', async () => {
    const semaphore = new Semaphore(1);
    const release = await semaphore.acquire();
    const controller = new AbortController();
    const aborted = semaphore.acquire(controller.signal);
    const next = semaphore.acquire();
    controller.abort(new Error('stop waiting'));
    await expect(aborted).rejects.toThrow('stop waiting');
    expect(semaphore.waiting).toBe(1);
    release();
    await expect(next).resolves.toBeTypeOf('function');
    await expect(semaphore.acquire(AbortSignal.abort(new Error('already')))).rejects.toThrow('already');
  });

  it('rejects a size that is not a positive integer', () => {
    expect(() => new Semaphore(0)).toThrow(RangeError);
    expect(() => new Semaphore(1.5)).toThrow(RangeError);
  });
});
