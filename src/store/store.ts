import type { CompanyProfileStore } from './company-profile-store.ts';
import type { DeepResearchStore } from './deep-research-store.ts';
import type { DiscoveryStore } from './discovery-store.ts';
import type { CostStore } from './cost-store.ts';
import type { CompanyEmbeddingStore, CompanySearchStore } from './company-search-store.ts';
import type { IdentityStore } from './identity-store.ts';
import type { JobStore } from './job-store.ts';
import type { ProviderCacheStore } from './provider-cache-store.ts';
import type { QueueStore } from './queue-store.ts';
import type { RunStore } from './run-store.ts';
import type { TableStore } from './table-store.ts';

export type { CompanyProfileRecord, CompanyProfileStore } from './company-profile-store.ts';
export type { CompanyIndexHit, CompanyIndexQuery, CompanySearchStore } from './company-search-store.ts';
export type { CellSpendRecord, CostStore, WorkspaceColumn } from './cost-store.ts';
export type { ApiTokenWithOwner, IdentityStore } from './identity-store.ts';
export type { DeepResearchStore, DeepResearchTaskPatch } from './deep-research-store.ts';
export type { DiscoveryStore, DiscoveryTaskPatch, NewCandidate } from './discovery-store.ts';
export type { ClaimedJob, JobCount, JobStatus, JobStore, NewJob } from './job-store.ts';
export type { ProviderCacheStore } from './provider-cache-store.ts';
export type { CellKey, CellOutcome, CellRetry, ChangedCell, ClaimedCell, EndedRun, EngineChange, FailedCell, QueueStore } from './queue-store.ts';
export type { CellRequest, CellSelection, RunFailedCell, RunStore } from './run-store.ts';
export type { StoreCapabilities } from './store-capabilities.ts';
export type { ColumnDependencyEdge, NewCell, NewRow, NewTable, TableListQuery, TablePatch, TableSort, TableStore } from './table-store.ts';

/**
 * Domain operations on the database, by role: each caller depends on the role it uses (the
 * engine on `QueueStore`, authentication on `IdentityStore`…); one object implements them all.
 * It exposes no connection or transaction type: `transaction` hands the work a Store whose every
 * call runs in one transaction.
 */
export interface Store
  extends IdentityStore,
    TableStore,
    RunStore,
    QueueStore,
    JobStore,
    DiscoveryStore,
    DeepResearchStore,
    CompanyProfileStore,
    CompanySearchStore,
    CompanyEmbeddingStore,
    ProviderCacheStore,
    CostStore {
  /** Run `work` in one transaction; nothing it did survives if it throws. */
  transaction<T>(work: (store: Store) => Promise<T>): Promise<T>;
}
