/** Gives back a permit; calling it more than once has no effect. */
export type ReleasePermit = () => void;

interface Waiter {
  grant: (release: ReleasePermit) => void;
}

/**
 * A counting semaphore with a first-in, first-out queue. A waiter whose AbortSignal fires leaves
 * the queue and its `acquire` rejects with the signal's reason; nobody else is skipped or delayed.
 */
export class Semaphore {
  readonly #permits: number;
  #inUse = 0;
  readonly #queue: Waiter[] = [];

  /** @param permits how many holders may run at once; a positive integer. */
  constructor(permits: number) {
    if (!Number.isInteger(permits) || permits < 1) {
      throw new RangeError(`a semaphore needs a positive integer number of permits, got ${permits}`);
    }
    this.#permits = permits;
  }

  /** Permits currently held. */
  get inUse(): number {
    return this.#inUse;
  }

  /** Callers waiting for a permit. */
  get waiting(): number {
    return this.#queue.length;
  }

  /** Resolves with a release function once a permit is free (immediately when one is). */
  acquire(signal?: AbortSignal): Promise<ReleasePermit> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#inUse < this.#permits) {
      this.#inUse++;
      return Promise.resolve(this.#createRelease());
    }
    return new Promise<ReleasePermit>((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.#queue.indexOf(waiter);
        if (index !== -1) this.#queue.splice(index, 1);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        grant: (release) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
      };
      this.#queue.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  #createRelease(): ReleasePermit {
    let isReleased = false;
    return () => {
      if (isReleased) return;
      isReleased = true;
      // The permit passes straight to the next waiter, so a newcomer cannot overtake the queue.
      const next = this.#queue.shift();
      if (next === undefined) this.#inUse--;
      else next.grant(this.#createRelease());
    };
  }
}
