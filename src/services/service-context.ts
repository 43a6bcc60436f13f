import { uuidV7 } from '../domain/uuid-v7.ts';
import type { EngineChange } from '../store/queue-store.ts';
import type { Store } from '../store/store.ts';
import { DEFAULT_COST_SETTINGS, type CostSettings } from './cost-settings.ts';

/** What every use case needs: the store, and time and ids made injectable for tests. */
export interface ServiceContext {
  store: Store;
  /** Current time as an ISO-8601 UTC string. */
  now(): string;
  newId(): string;
  /** Tell workers that cells were queued (in-process wake-up, or NOTIFY across processes). */
  cellsQueued(): void;
  /**
   * Report what a use case changed the way the engine reports its own changes (live updates,
   * wake-ups, one log line per failed cell and ended run). Called after the change committed.
   */
  cellsChanged(change: EngineChange): void;
  /**
   * Queue a long-running job on the engine (discovery stages…) and wake the workers; false when a
   * pending job with the same dedupe key was already queued. Without an engine queue it throws.
   */
  enqueueJob(workspaceId: string, kind: string, payload: unknown, options?: { dedupeKey?: string; runAfterMs?: number }): Promise<boolean>;
  /**
   * Company profiles of the workspace were saved (imported, built): their vectors are queued for the
   * workers when an embedding model is configured; otherwise nothing. Called after the save committed.
   */
  companyProfilesSaved(workspaceId: string): void;
  /** Queued or running cells older than this are "stuck" for mode stuck_failed_new. */
  stuckAfterMs: number;
  /** Prices, models, caps: what estimates, caps and usage reports are computed with. */
  cost: CostSettings;
}

export function createServiceContext(store: Store, overrides: Partial<Omit<ServiceContext, 'store'>> = {}): ServiceContext {
  return {
    store,
    now: overrides.now ?? (() => new Date().toISOString()),
    newId: overrides.newId ?? (() => uuidV7()),
    cellsQueued: overrides.cellsQueued ?? (() => {}),
    cellsChanged: overrides.cellsChanged ?? (() => {}),
    enqueueJob: overrides.enqueueJob ?? (() => Promise.reject(new Error('this process has no job queue'))),
    companyProfilesSaved: overrides.companyProfilesSaved ?? (() => {}),
    stuckAfterMs: overrides.stuckAfterMs ?? 30 * 60_000,
    cost: overrides.cost ?? DEFAULT_COST_SETTINGS,
  };
}
