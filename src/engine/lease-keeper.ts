import type { Logger } from 'pino';
import type { Store } from '../store/store.ts';

/**
 * Renews the leases a worker holds every third of the lease time (BullMQ's lock manager).
 * A renewal that touches no cell means the lease was lost (reaped, or the cells went stale);
 * the keeper then aborts that work so no one keeps paying for a result that will be discarded.
 */
export class LeaseKeeper {
  private readonly held = new Map<string, AbortController>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly leaseMs: number,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.renewAll(), Math.max(50, Math.floor(this.leaseMs / 3)));
  }

  /** Keep `leaseToken` alive until released; `controller` is aborted if the lease is lost. */
  hold(leaseToken: string, controller: AbortController): void {
    this.held.set(leaseToken, controller);
  }

  release(leaseToken: string): void {
    this.held.delete(leaseToken);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async renewAll(): Promise<void> {
    for (const [leaseToken, controller] of this.held) {
      try {
        const renewed = await this.store.renewLease(leaseToken, this.now() + this.leaseMs);
        if (renewed === 0 && this.held.has(leaseToken)) {
          this.logger.warn({ leaseToken }, 'lease-lost');
          this.held.delete(leaseToken);
          controller.abort(new Error('lease lost: the cell was reclaimed or changed while it ran'));
        }
      } catch (error) {
        // A failed renewal is retried on the next tick; the lease has two more ticks of margin.
        this.logger.warn({ err: error, leaseToken }, 'lease-renewal-failed');
      }
    }
  }
}
