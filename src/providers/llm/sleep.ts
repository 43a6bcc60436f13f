/** Waits `ms` milliseconds; the wait can be cut short by an AbortSignal. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * Real-time sleep. Rejects with the signal's reason when aborted, so callers can tell an
 * aborted wait from a finished one. Decorators take a `Sleep` parameter so tests can pass
 * one that records the wait instead of waiting.
 */
export const sleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
