interface HostSlots {
  active: number;
  /** Start callbacks of queued tasks, oldest first. */
  waiting: Array<() => void>;
}

/**
 * Caps how many requests run at once against one host, so research on one company never
 * hammers its site. Waiters are served first come, first served.
 */
export class HostConcurrencyLimiter {
  private readonly slotsByHost = new Map<string, HostSlots>();

  /** @param limit How many tasks may run at once per host (at least 1). */
  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`perHostConcurrency must be a positive integer, got ${limit}`);
  }

  /**
   * Runs `task` once a slot for `host` is free and frees the slot when it settles.
   * Rejects with the signal's reason, without running `task`, if `signal` aborts while waiting.
   */
  async run<T>(host: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(host, signal);
    try {
      return await task();
    } finally {
      this.release(host);
    }
  }

  /** How many tasks are running for `host` right now. */
  activeCount(host: string): number {
    return this.slotsByHost.get(host)?.active ?? 0;
  }

  private acquire(host: string, signal: AbortSignal | undefined): Promise<void> {
    signal?.throwIfAborted();
    const slots = this.slotsByHost.get(host) ?? { active: 0, waiting: [] };
    this.slotsByHost.set(host, slots);
    if (slots.active < this.limit) {
      slots.active += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const start = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = (): void => {
        slots.waiting.splice(slots.waiting.indexOf(start), 1);
        reject(signal?.reason);
      };
      slots.waiting.push(start);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private release(host: string): void {
    const slots = this.slotsByHost.get(host);
    if (!slots) return;
    const next = slots.waiting.shift();
    // The freed slot passes straight to the next waiter, so a newcomer cannot jump the queue.
    if (next) {
      next();
      return;
    }
    slots.active -= 1;
    if (slots.active === 0) this.slotsByHost.delete(host);
  }
}
