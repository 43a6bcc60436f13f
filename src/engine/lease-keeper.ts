import type { Logger } from 'pino';
import type { ClaimedCell, QueueStore } from '../store/queue-store.ts';
import { cellIds } from './engine-change-report.ts';

interface HeldLease {
  controller: AbortController;
  cells: readonly ClaimedCell[];
}

/**
 * Renews the leases a worker holds every third of the lease time (BullMQ's lock manager).
 * A renewal that touches no cell means the lease was lost (reaped, or the cells went stale);
 * the keeper then aborts that work so no one keeps paying for a result that will be discarded.
 */
export class LeaseKeeper {
  private readonly held = new Map<string, HeldLease>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Pick<QueueStore, 'renewLeases'>,
    private readonly leaseMs: number,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.renewAll(), Math.max(50, Math.floor(this.leaseMs / 3)));
  }

  /** Keep `leaseToken` alive until released; its controller is aborted if the lease is lost. */
  hold(leaseToken: string, lease: HeldLease): void {
    this.held.set(leaseToken, lease);
  }

  release(leaseToken: string): void {
    this.held.delete(leaseToken);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Renew every held lease once, in one write (the timer's work; tests call it with their own clock). */
  async renewAll(): Promise<void> {
    const leases = [...this.held];
    if (leases.length === 0) return;
    let renewed: Map<string, number>;
    try {
      renewed = await this.store.renewLeases(
        leases.map(([leaseToken]) => leaseToken),
        this.now() + this.leaseMs,
      );
    } catch (error) {
      // A failed renewal is retried on the next tick; the leases have two more ticks of margin.
      this.logger.warn({ err: error, leaseTokens: leases.map(([leaseToken]) => leaseToken) }, 'lease-renewal-failed');
      return;
    }
    for (const [leaseToken, lease] of leases) {
      // Released meanwhile (its cells ended): nothing was lost.
      if (renewed.has(leaseToken) || !this.held.has(leaseToken)) continue;
      this.logger.warn({ leaseToken, cells: cellIds(lease.cells) }, 'lease-lost');
      this.held.delete(leaseToken);
      lease.controller.abort(new Error('lease lost: the cell was reclaimed or changed while it ran'));
    }
  }
}
