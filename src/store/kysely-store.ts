import { type Kysely, sql } from 'kysely';
import type { CellOutcome } from './queue-store.ts';
import { completeCellsPostgres } from './postgres/postgres-complete-cells.ts';
import type { BulkWriter } from './bulk-writer.ts';
import type { Database } from './database-schema.ts';
import { countComputedCells } from './kysely/cell-counters.ts';
import * as columns from './kysely/column-queries.ts';
import * as companyProfiles from './kysely/company-profile-queries.ts';
import { findCompanyProfilesByNameWords } from './kysely/company-profile-candidate-queries.ts';
import * as deepResearch from './kysely/deep-research-queries.ts';
import * as discovery from './kysely/discovery-queries.ts';
import { filterCompanyProfileIds, findCompanyProfilesByIds, rankCompanyProfileIds, withCompanyProfiles } from './kysely/company-search-queries.ts';
import { companyIndexLoadPages } from './store-capabilities.ts';
import { CompanyIndexCache } from './company-index/company-index-cache.ts';
import { companyIndexSource, listDeletedCompanyProfiles, listWorkspacesWithCompanyProfiles } from './kysely/company-index-changes.ts';
import { filterCompanyProfileIdsInMemory, rankCompanyProfileIdsInMemory } from './kysely/company-index-search.ts';
import * as companyEmbeddings from './kysely/company-embedding-queries.ts';
import { saveCompanyProfileBatch } from './kysely/company-profile-batch.ts';
import * as identity from './kysely/identity-queries.ts';
import * as jobs from './kysely/job-queries.ts';
import * as rows from './kysely/row-queries.ts';
import { postgresAnswers, sqliteAnswers } from './kysely/answer-expressions.ts';
import { countRowMatches, listRowPage } from './kysely/row-page-queries.ts';
import { RowPositionDirectory } from './kysely/row-position-directory.ts';
import * as runs from './kysely/run-queries.ts';
import * as tables from './kysely/table-queries.ts';
import * as tableViews from './kysely/table-view-queries.ts';
import { findRowsWithCellValues } from './kysely/cell-context-queries.ts';
import { claimCells } from './kysely/claim-queries.ts';
import { replaceColumnDependencies } from './kysely/column-dependency-queries.ts';
import { completeCells, retryCells } from './kysely/completion-queries.ts';
import * as cost from './kysely/cost-queries.ts';
import { reapExpiredLeases, releaseLease, renewLeases, requeueHeldCells } from './kysely/lease-queries.ts';
import { getCachedResponse, setCachedResponse } from './kysely/provider-cache-queries.ts';
import { listFailedCellsOfRun } from './kysely/run-failed-cells-queries.ts';
import { sweepWaitingCells } from './kysely/waiting-cells-queries.ts';
import type { OpenedDatabase } from './open-database.ts';
import type { Store, StoreCapabilities } from './store.ts';

/**
 * The Store on Kysely. SQLite and PostgreSQL share these queries; where the engines differ the
 * code asks `capabilities`, never the engine's name.
 */
/** What a store may be told beside its database. */
export interface StoreOptions {
  /** Workspaces whose in-memory company index is kept (least recently used dropped first); unbounded when absent. */
  companyIndexWorkspaces?: number;
}

/** The store over an opened database. */
export function createStore(database: OpenedDatabase, options: StoreOptions = {}): Store {
  return new KyselyStore(
    database.db,
    database.capabilities,
    database.bulkWriter,
    false,
    database.engineDb,
    database.readDb,
    database.engineReadDb,
    new RowPositionDirectory(),
    new CompanyIndexCache(companyIndexSource(database.db), options.companyIndexWorkspaces, companyIndexLoadPages(database.capabilities).profiles),
  );
}

export class KyselyStore implements Store {
  constructor(
    private readonly db: Kysely<Database>,
    readonly capabilities: StoreCapabilities,
    private readonly bulkWriter: BulkWriter,
    private readonly isInTransaction = false,
    /** Connections for engine bookkeeping (see OpenedDatabase.engineDb); inside a transaction, the transaction. */
    private readonly engineDb: Kysely<Database> = db,
    /** Connections for reads (see OpenedDatabase.readDb); inside a transaction, the transaction, so it reads its own writes. */
    private readonly readDb: Kysely<Database> = db,
    /** Connections for the engine's reads (see OpenedDatabase.engineReadDb); inside a transaction, the transaction. */
    private readonly engineReadDb: Kysely<Database> = readDb,
    private readonly positions = new RowPositionDirectory(),
    /** The workspaces' company indexes in memory, shared by this store's transactions (which do not use them). */
    private readonly companyIndex = new CompanyIndexCache(companyIndexSource(db)),
  ) {}

  private get answers() {
    return this.capabilities.engine === 'postgres' ? postgresAnswers : sqliteAnswers;
  }

  transaction<T>(work: (store: Store) => Promise<T>): Promise<T> {
    if (this.isInTransaction) return work(this);
    return this.db
      .transaction()
      .execute((transaction) =>
        work(new KyselyStore(transaction, this.capabilities, this.bulkWriter, true, transaction, transaction, transaction, this.positions, this.companyIndex)),
      );
  }

  findWorkspaceBySlug = (slug: string) => identity.findWorkspaceBySlug(this.db, slug);
  insertWorkspace: Store['insertWorkspace'] = (workspace) => identity.insertWorkspace(this.db, workspace);
  findUserByEmail: Store['findUserByEmail'] = (workspaceId, email) => identity.findUserByEmail(this.db, workspaceId, email);
  insertUser: Store['insertUser'] = (user) => identity.insertUser(this.db, user);
  insertApiToken: Store['insertApiToken'] = (token) => identity.insertApiToken(this.db, token);
  findPrincipalByTokenHash: Store['findPrincipalByTokenHash'] = (hash) => identity.findPrincipalByTokenHash(this.readDb, hash);
  listApiTokens: Store['listApiTokens'] = () => identity.listApiTokens(this.db);
  hasApiToken: Store['hasApiToken'] = (tokenHash) => identity.hasApiToken(this.db, tokenHash);
  revokeApiToken: Store['revokeApiToken'] = (idOrPrefix, now) => identity.revokeApiToken(this.db, idOrPrefix, now);
  countActiveApiTokens: Store['countActiveApiTokens'] = () => identity.countActiveApiTokens(this.db);

  insertTable: Store['insertTable'] = (table) => tables.insertTable(this.db, table);
  findTable: Store['findTable'] = (workspaceId, tableId) => tables.findTable(this.readDb, workspaceId, tableId);
  listTables: Store['listTables'] = (workspaceId, query) => tables.listTables(this.readDb, workspaceId, query);
  updateTable: Store['updateTable'] = (tableId, patch, now) => tables.updateTable(this.db, tableId, patch, now);
  deleteTable: Store['deleteTable'] = (tableId) => tables.deleteTable(this.db, tableId);
  listChildTables: Store['listChildTables'] = (tableId) => tables.listChildTables(this.db, tableId);

  listColumns: Store['listColumns'] = (tableId) => columns.listColumns(this.readDb, tableId);
  findTableWithColumns: Store['findTableWithColumns'] = (tableId) => columns.findTableWithColumns(this.engineReadDb, tableId);
  findRowsWithCellValues: Store['findRowsWithCellValues'] = (tableId, rowIds) => findRowsWithCellValues(this.engineReadDb, this.capabilities, tableId, rowIds);
  insertColumns: Store['insertColumns'] = (tableId, list, now) => columns.insertColumns(this.db, tableId, list, now);
  replaceColumnConfig: Store['replaceColumnConfig'] = (columnId, config) => columns.replaceColumnConfig(this.db, columnId, config);
  setColumnPositions: Store['setColumnPositions'] = (tableId, ids) => columns.setColumnPositions(this.db, tableId, ids);
  deleteColumn: Store['deleteColumn'] = (tableId, columnId) => columns.deleteColumn(this.db, tableId, columnId);

  // The SQLite bulk writer runs statements on the shared connection directly, so it must run
  // inside a transaction this store owns, never inside whatever transaction is open elsewhere.
  insertRows: Store['insertRows'] = (tableId, list, cells) =>
    this.isInTransaction
      ? rows.insertRows(this.db, this.bulkWriter, tableId, list, cells)
      : this.transaction((store) => store.insertRows(tableId, list, cells));
  listRows: Store['listRows'] = (tableId, page) => rows.listRows(this.readDb, tableId, page);
  countRowMatches: Store['countRowMatches'] = (request) => countRowMatches(this.readDb, this.answers, request);
  // Inside a transaction the directory is not used: a write there may yet roll back.
  listRowPage: Store['listRowPage'] = (request) => listRowPage(this.readDb, this.answers, request, this.isInTransaction ? null : this.positions);
  findRows: Store['findRows'] = (tableId, rowIds) => rows.findRows(this.readDb, tableId, rowIds);
  listRowsByParent: Store['listRowsByParent'] = (parentRowIds) => rows.listRowsByParent(this.db, parentRowIds);
  listCells: Store['listCells'] = (rowIds, columnIds) => rows.listCells(this.readDb, rowIds, columnIds);
  // Row locks (`FOR NO KEY UPDATE`) exist where SKIP LOCKED does; SQLite's writers already take turns.
  lockRow: Store['lockRow'] = (rowId) => rows.lockRow(this.db, rowId, this.capabilities.supportsSkipLocked);
  updateRowMetadata: Store['updateRowMetadata'] = (rowId, metadata, now) => rows.updateRowMetadata(this.db, rowId, metadata, now);
  writeInputCells: Store['writeInputCells'] = (tableId, rowId, values, now) => rows.writeInputCells(this.db, tableId, rowId, values, now);
  markCellsStale: Store['markCellsStale'] = (tableId, rowIds, columnIds, now, reason) => rows.markCellsStale(this.db, tableId, rowIds, columnIds, now, reason);
  countAnsweredCells: Store['countAnsweredCells'] = (tableId, columnIds) => rows.countAnsweredCells(this.db, tableId, columnIds);
  deleteRows: Store['deleteRows'] = (tableId, rowIds) => rows.deleteRows(this.db, tableId, rowIds);
  listTableViews: Store['listTableViews'] = (tableId) => tableViews.listTableViews(this.db, tableId);
  saveTableView: Store['saveTableView'] = (view) => tableViews.saveTableView(this.db, view);
  deleteTableView: Store['deleteTableView'] = (tableId, viewId) => tableViews.deleteTableView(this.db, tableId, viewId);
  countCellsByStatus: Store['countCellsByStatus'] = (tableId) => countComputedCells(this.readDb, { tableId });

  insertRun: Store['insertRun'] = (run) => runs.insertRun(this.db, run);
  findRun: Store['findRun'] = (tableId, runId) => runs.findRun(this.readDb, tableId, runId);
  listRuns: Store['listRuns'] = (tableId, page) => runs.listRuns(this.readDb, tableId, page);
  updateRun: Store['updateRun'] = (runId, patch) => runs.updateRun(this.db, runId, patch);
  countRunCells: Store['countRunCells'] = (runId) => runs.countRunCells(this.readDb, runId);
  listFailedCellsOfRun: Store['listFailedCellsOfRun'] = (runId, page) => listFailedCellsOfRun(this.readDb, runId, page);
  requestCells: Store['requestCells'] = async (request) => {
    // Queuing is one INSERT … SELECT (and UPDATE) over every selected cell, whose per-row
    // readiness test makes PostgreSQL estimate it costly enough to JIT-compile with inlining and
    // optimization: 0.49 s of a 1.14 s run start at 30,000 cells, paid again by every run start.
    // Runs start inside a transaction (the service's), so this lasts until its end.
    if (this.capabilities.compilesStatements && this.isInTransaction) await sql`set local jit = off`.execute(this.db);
    const queued = await runs.requestCells(this.db, request);
    this.bulkWriter.noteCellsChanged(queued);
    return queued;
  };
  countRequestableCells: Store['countRequestableCells'] = (selection) => runs.countRequestableCells(this.db, selection);
  cancelRequestedCells: Store['cancelRequestedCells'] = (tableId, runId, now) => runs.cancelRequestedCells(this.db, tableId, runId, now);

  listCellSpendRecords: Store['listCellSpendRecords'] = (tableId, page) => cost.listCellSpendRecords(this.db, tableId, page);
  listFinishedCellValues: Store['listFinishedCellValues'] = (tableId, columnId, limit) => cost.listFinishedCellValues(this.db, tableId, columnId, limit);
  listWorkspaceAgentColumns: Store['listWorkspaceAgentColumns'] = (workspaceId) => cost.listWorkspaceAgentColumns(this.db, workspaceId);
  sumWorkspaceRunCost: Store['sumWorkspaceRunCost'] = (workspaceId, since) => cost.sumWorkspaceRunCost(this.db, workspaceId, since);
  listActiveWorkspaceRuns: Store['listActiveWorkspaceRuns'] = (workspaceId) => cost.listActiveWorkspaceRuns(this.db, workspaceId);
  findWorkspaceOfTable: Store['findWorkspaceOfTable'] = (tableId) => cost.findWorkspaceOfTable(this.db, tableId);

  replaceColumnDependencies: Store['replaceColumnDependencies'] = (tableId, edges) => replaceColumnDependencies(this.db, tableId, edges);
  // Engine writes each run in a transaction of their own: a half-applied claim or completion
  // would leave counters or runs out of step with the cells.
  // Where writes inside WITH exist, a claim and a batch of done endings are single statements:
  // atomic by themselves, so they run outside any transaction (one round trip each).
  claimCells: Store['claimCells'] = (options) =>
    this.capabilities.supportsWritableCommonTableExpressions
      ? claimCells(this.engineDb, this.capabilities, options)
      : this.atomically((db) => claimCells(db, this.capabilities, options));
  renewLease: Store['renewLease'] = async (token, expiresAt) => (await this.renewLeases([token], expiresAt)).get(token) ?? 0;
  renewLeases: Store['renewLeases'] = (tokens, expiresAt) => renewLeases(this.engineDb, tokens, expiresAt, this.capabilities.maxBindParameters);
  completeCells: Store['completeCells'] = (outcomes, now) => {
    const inTransaction = (list: CellOutcome[]) => this.atomically((db) => completeCells(db, list, now, this.capabilities.maxBindParameters));
    return this.capabilities.supportsWritableCommonTableExpressions
      ? completeCellsPostgres(this.engineDb, outcomes, now, inTransaction)
      : inTransaction(outcomes);
  };
  retryCells: Store['retryCells'] = (retries, now) => this.atomically((db) => retryCells(db, retries, now));
  releaseLease: Store['releaseLease'] = (token, now) => this.atomically((db) => releaseLease(db, token, now));
  reapExpiredLeases: Store['reapExpiredLeases'] = (options) => this.atomically((db) => reapExpiredLeases(db, options));
  requeueHeldCells: Store['requeueHeldCells'] = (options) => this.atomically((db) => requeueHeldCells(db, options));
  sweepWaitingCells: Store['sweepWaitingCells'] = (options) => this.atomically((db) => sweepWaitingCells(db, options));
  // Jobs: the same discipline as cells (fenced leases, retries, reaper), one transaction per write.
  enqueueJob: Store['enqueueJob'] = (job) => jobs.enqueueJob(this.db, job);
  // One statement on PostgreSQL too (pick and lease): outside a transaction it is one round trip
  // instead of three (BEGIN and COMMIT), and every worker process runs it at each poll.
  claimJobs: Store['claimJobs'] = (options) => {
    const claim = (db: Kysely<Database>) => jobs.claimJobs(db, { ...options, supportsSkipLocked: this.capabilities.supportsSkipLocked });
    return this.capabilities.supportsWritableCommonTableExpressions ? claim(this.engineDb) : this.atomically(claim);
  };
  renewJobLease: Store['renewJobLease'] = (token, expiresAt) => jobs.renewJobLease(this.db, token, expiresAt);
  completeJob: Store['completeJob'] = (jobId, token, now) => jobs.completeHeldJob(this.db, jobId, token, now);
  failJob: Store['failJob'] = (jobId, token, error, now) => jobs.failHeldJob(this.db, jobId, token, error, now);
  retryJob: Store['retryJob'] = (jobId, token, runAfter, error, now) => this.atomically((db) => jobs.retryHeldJob(db, jobId, token, runAfter, error, now));
  releaseJobLease: Store['releaseJobLease'] = (token, now) => this.atomically((db) => jobs.releaseJobLease(db, token, now));
  reapExpiredJobs: Store['reapExpiredJobs'] = (options) => this.atomically((db) => jobs.reapExpiredJobs(db, options));
  countJobs: Store['countJobs'] = (workspaceId) => jobs.countJobs(this.db, workspaceId);
  insertDiscoveryTask: Store['insertDiscoveryTask'] = (task) => discovery.insertDiscoveryTask(this.db, task);
  findDiscoveryTask: Store['findDiscoveryTask'] = (workspaceId, taskId) => discovery.findDiscoveryTask(this.db, workspaceId, taskId);
  listDiscoveryTasks: Store['listDiscoveryTasks'] = (workspaceId, page) => discovery.listDiscoveryTasks(this.db, workspaceId, page);
  updateDiscoveryTask: Store['updateDiscoveryTask'] = (taskId, patch, now) => discovery.updateDiscoveryTask(this.db, taskId, patch, now);
  addDiscoveryUsage: Store['addDiscoveryUsage'] = (taskId, usage) => discovery.addDiscoveryUsage(this.db, taskId, usage);
  countDiscoveryCandidates: Store['countDiscoveryCandidates'] = (taskId) => discovery.countDiscoveryCandidates(this.db, taskId);
  insertDiscoveryCandidates: Store['insertDiscoveryCandidates'] = (taskId, list, now) =>
    this.atomically((db) => discovery.insertDiscoveryCandidates(db, taskId, list, now));
  queueDiscoveredCandidates: Store['queueDiscoveredCandidates'] = (taskId, limit, now) =>
    this.atomically((db) => discovery.queueDiscoveredCandidates(db, taskId, limit, now));
  findDiscoveryCandidate: Store['findDiscoveryCandidate'] = (taskId, candidateId) => discovery.findDiscoveryCandidate(this.db, taskId, candidateId);
  advanceDiscoveryCandidate: Store['advanceDiscoveryCandidate'] = (...args) => discovery.advanceDiscoveryCandidate(this.db, ...args);
  listDiscoveryResults: Store['listDiscoveryResults'] = (taskId, page) => discovery.listDiscoveryResults(this.db, taskId, page);
  listEvaluatedDomains: Store['listEvaluatedDomains'] = (taskIds) => discovery.listEvaluatedDomains(this.db, taskIds);
  markCandidateImported: Store['markCandidateImported'] = (candidateId, rowId) => discovery.markCandidateImported(this.db, candidateId, rowId);
  insertDeepResearchTask: Store['insertDeepResearchTask'] = (task) => deepResearch.insertDeepResearchTask(this.db, task);
  findDeepResearchTask: Store['findDeepResearchTask'] = (workspaceId, taskId) => deepResearch.findDeepResearchTask(this.db, workspaceId, taskId);
  findDeepResearchTarget: Store['findDeepResearchTarget'] = (taskId) => deepResearch.findDeepResearchTarget(this.db, taskId);
  listDeepResearchTasks: Store['listDeepResearchTasks'] = (workspaceId, page) => deepResearch.listDeepResearchTasks(this.db, workspaceId, page);
  updateDeepResearchTask: Store['updateDeepResearchTask'] = (taskId, patch, now) => deepResearch.updateDeepResearchTask(this.db, taskId, patch, now);
  // Notes from parallel agents merge into one JSON list: read and written in one transaction.
  noteDeepResearchProgress: Store['noteDeepResearchProgress'] = (taskId, progress) =>
    this.atomically((db) => deepResearch.noteDeepResearchProgress(db, taskId, progress));
  insertDeepResearchFindings: Store['insertDeepResearchFindings'] = (findings) => deepResearch.insertDeepResearchFindings(this.db, findings);
  listDeepResearchFindings: Store['listDeepResearchFindings'] = (taskId) => deepResearch.listDeepResearchFindings(this.db, taskId);
  finishDeepResearchFinding: Store['finishDeepResearchFinding'] = (findingId, outcome, now) =>
    this.atomically((db) => deepResearch.finishDeepResearchFinding(db, findingId, outcome, now));
  getCachedResponse: Store['getCachedResponse'] = (key, nowMs) => getCachedResponse(this.db, key, nowMs);
  setCachedResponse: Store['setCachedResponse'] = (key, value, expiresAt) => setCachedResponse(this.db, key, value, expiresAt);
  findTableById: Store['findTableById'] = (tableId) => tables.findTableById(this.readDb, tableId);

  findCompanyProfile: Store['findCompanyProfile'] = (workspaceId, profileId) => companyProfiles.findCompanyProfile(this.db, workspaceId, profileId);
  findCompanyProfileByDomain: Store['findCompanyProfileByDomain'] = (workspaceId, domain) =>
    companyProfiles.findCompanyProfileByDomain(this.db, workspaceId, domain);
  findCompanyProfileByName: Store['findCompanyProfileByName'] = (workspaceId, nameKey) =>
    companyProfiles.findCompanyProfileByName(this.db, workspaceId, nameKey);
  // The profile, its aliases and its search index are written together: an alias must never
  // point at nothing, and search must never miss a saved profile.
  saveCompanyProfile: Store['saveCompanyProfile'] = (profile, aliases) =>
    this.atomically((db) => companyProfiles.saveCompanyProfile(db, this.capabilities.fullTextSearch, profile, aliases));
  saveCompanyProfiles: Store['saveCompanyProfiles'] = (profiles) => this.atomically((db) => saveCompanyProfileBatch(db, this.capabilities, profiles));
  deleteCompanyProfile: Store['deleteCompanyProfile'] = (workspaceId, profileId) =>
    this.atomically((db) => companyProfiles.deleteCompanyProfile(db, this.capabilities.fullTextSearch, workspaceId, profileId));
  searchCompanyProfiles: Store['searchCompanyProfiles'] = async (query) =>
    withCompanyProfiles(this.db, query.workspaceId, await this.rankCompanyProfileIds(query));
  // Outside a transaction, ranking and filtering read the in-memory index (brought up to date
  // first); inside one, SQL, which sees the transaction's own uncommitted writes.
  rankCompanyProfileIds: Store['rankCompanyProfileIds'] = (query) =>
    this.isInTransaction
      ? rankCompanyProfileIds(this.db, this.capabilities.fullTextSearch, query)
      : rankCompanyProfileIdsInMemory(this.db, this.companyIndex, query);
  filterCompanyProfileIds: Store['filterCompanyProfileIds'] = (query) =>
    this.isInTransaction ? filterCompanyProfileIds(this.db, query) : filterCompanyProfileIdsInMemory(this.db, this.companyIndex, query);
  warmCompanyIndex: Store['warmCompanyIndex'] = async (workspaceId) => (await this.companyIndex.index(workspaceId)).size;
  listWorkspacesWithCompanyProfiles: Store['listWorkspacesWithCompanyProfiles'] = (limit) => listWorkspacesWithCompanyProfiles(this.readDb, limit);
  listDeletedCompanyProfiles: Store['listDeletedCompanyProfiles'] = (workspaceId, afterVersion) =>
    listDeletedCompanyProfiles(this.db, workspaceId, afterVersion);
  findCompanyProfilesByIds: Store['findCompanyProfilesByIds'] = (workspaceId, profileIds) => findCompanyProfilesByIds(this.db, workspaceId, profileIds);

  // Company vectors (hybrid search).
  findCompanyProfilesToEmbed: Store['findCompanyProfilesToEmbed'] = (workspaceId, model, afterId, limit) =>
    companyEmbeddings.findCompanyProfilesToEmbed(this.db, workspaceId, model, afterId, limit);
  saveCompanyEmbeddings: Store['saveCompanyEmbeddings'] = (workspaceId, model, embeddings, embeddedAt) =>
    this.atomically((db) => companyEmbeddings.saveCompanyEmbeddings(db, workspaceId, model, embeddings, embeddedAt));
  listCompanyEmbeddings: Store['listCompanyEmbeddings'] = (workspaceId, model, since, after, limit) =>
    companyEmbeddings.listCompanyEmbeddings(this.db, workspaceId, model, since, after, limit);
  listWorkspacesToEmbed: Store['listWorkspacesToEmbed'] = (model) => companyEmbeddings.listWorkspacesToEmbed(this.db, model);

  // Company candidates (entity resolution of names).
  findCompanyProfilesByNameWords: Store['findCompanyProfilesByNameWords'] = (workspaceId, words, limit) =>
    findCompanyProfilesByNameWords(this.db, workspaceId, words, limit);

  /** Engine work in a transaction of its own, on the engine's connections (asynchronous commit where the database offers it). */
  private atomically<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    if (this.isInTransaction) return work(this.engineDb);
    return this.engineDb.transaction().execute(work);
  }
}
