import { uuidV7 } from '../../domain/uuid-v7.ts';
import type { JobStore } from '../../store/job-store.ts';
import type { WorkerWakeUp } from '../worker-wake-up.ts';
import type { JobKindRegistry } from './job-kinds.ts';

export interface EnqueueOptions {
  /** While a job of this kind and workspace with this key is pending, queueing another is a no-op. */
  dedupeKey?: string;
  /** Wait this long before the job may be claimed. */
  runAfterMs?: number;
}

/** Queues jobs for the engine and wakes its workers (in every process on PostgreSQL). */
export interface JobQueue {
  /** True when queued, false when a pending job with the same dedupe key was already there. */
  enqueue(workspaceId: string, kind: string, payload: unknown, options?: EnqueueOptions): Promise<boolean>;
}

export function createJobQueue(options: { store: Pick<JobStore, 'enqueueJob'>; kinds: JobKindRegistry; wakeUp: WorkerWakeUp; now?: () => number }): JobQueue {
  const now = options.now ?? Date.now;
  return {
    enqueue: async (workspaceId, kindName, payload, enqueueOptions = {}) => {
      const kind = options.kinds.find(kindName);
      // A job no worker can run would sit in the queue forever: refuse it where it is made.
      if (!kind) throw new Error(`no job kind '${kindName}' is registered`);
      const nowMs = now();
      const queued = await options.store.enqueueJob({
        id: uuidV7(),
        kind: kindName,
        workspaceId,
        payload,
        dedupeKey: enqueueOptions.dedupeKey ?? null,
        maxAttempts: kind.maxAttempts,
        runAfter: nowMs + (enqueueOptions.runAfterMs ?? 0),
        now: new Date(nowMs).toISOString(),
      });
      // Jobs share the cells' wake-up: one signal for "work was queued", whichever queue it is in.
      if (queued) options.wakeUp.notifyCellsReady();
      return queued;
    },
  };
}
