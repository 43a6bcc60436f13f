import { sql, type Kysely } from 'kysely';
import type { BulkWriter } from './bulk-writer.ts';
import type { Database } from './database-schema.ts';
import { countComputedCells } from './kysely/cell-counters.ts';
import * as columns from './kysely/column-queries.ts';
import * as companyProfiles from './kysely/company-profile-queries.ts';
import { findCompanyProfilesByNameWords } from './kysely/company-profile-candidate-queries.ts';
import * as identity from './kysely/identity-queries.ts';
import * as rows from './kysely/row-queries.ts';
import { postgresAnswers, sqliteAnswers } from './kysely/answer-expressions.ts';
import { countRowMatches, listRowPage } from './kysely/row-page-queries.ts';
import { RowPositionDirectory } from './kysely/row-position-directory.ts';
import * as runs from './kysely/run-queries.ts';
import * as tables from './kysely/table-queries.ts';
import * as tableViews from './kysely/table-view-queries.ts';
import { claimCells } from './kysely/claim-queries.ts';
import { replaceColumnDependencies } from './kysely/column-dependency-queries.ts';
import { completeCells, retryCells } from './kysely/completion-queries.ts';
import { reapExpiredLeases, releaseLease, renewLease, requeueHeldCells } from './kysely/lease-queries.ts';
import { getCachedResponse, setCachedResponse } from './kysely/provider-cache-queries.ts';
import { listFailedCellsOfRun } from './kysely/run-failed-cells-queries.ts';
import { sweepWaitingCells } from './kysely/waiting-cells-queries.ts';
import type { OpenedDatabase } from './open-database.ts';
import type { Store, StoreCapabilities } from './store.ts';

/**
 * The Store on Kysely. SQLite and PostgreSQL share these queries; where the engines differ the
 * code asks `capabilities`, never the engine's name.
 */
/** The store over an opened database. */
export function createStore(database: OpenedDatabase): Store {
  return new KyselyStore(database.db, database.capabilities, database.bulkWriter);
}

export class KyselyStore implements Store {
  constructor(
    private readonly db: Kysely<Database>,
    readonly capabilities: StoreCapabilities,
    private readonly bulkWriter: BulkWriter,
    private readonly isInTransaction = false,
    private readonly positions = new RowPositionDirectory(),
  ) {}

  private get answers() {
    return this.capabilities.engine === 'postgres' ? postgresAnswers : sqliteAnswers;
  }

  transaction<T>(work: (store: Store) => Promise<T>): Promise<T> {
    if (this.isInTransaction) return work(this);
    return this.db.transaction().execute((transaction) => work(new KyselyStore(transaction, this.capabilities, this.bulkWriter, true, this.positions)));
  }

  findWorkspaceBySlug = (slug: string) => identity.findWorkspaceBySlug(this.db, slug);
  insertWorkspace: Store['insertWorkspace'] = (workspace) => identity.insertWorkspace(this.db, workspace);
  findUserByEmail: Store['findUserByEmail'] = (workspaceId, email) => identity.findUserByEmail(this.db, workspaceId, email);
  insertUser: Store['insertUser'] = (user) => identity.insertUser(this.db, user);
  insertApiToken: Store['insertApiToken'] = (token) => identity.insertApiToken(this.db, token);
  findPrincipalByTokenHash: Store['findPrincipalByTokenHash'] = (hash) => identity.findPrincipalByTokenHash(this.db, hash);
  listApiTokens: Store['listApiTokens'] = () => identity.listApiTokens(this.db);
  hasApiToken: Store['hasApiToken'] = (tokenHash) => identity.hasApiToken(this.db, tokenHash);
  revokeApiToken: Store['revokeApiToken'] = (idOrPrefix, now) => identity.revokeApiToken(this.db, idOrPrefix, now);
  countActiveApiTokens: Store['countActiveApiTokens'] = () => identity.countActiveApiTokens(this.db);

  insertTable: Store['insertTable'] = (table) => tables.insertTable(this.db, table);
  findTable: Store['findTable'] = (workspaceId, tableId) => tables.findTable(this.db, workspaceId, tableId);
  listTables: Store['listTables'] = (workspaceId, query) => tables.listTables(this.db, workspaceId, query);
  updateTable: Store['updateTable'] = (tableId, patch, now) => tables.updateTable(this.db, tableId, patch, now);
  deleteTable: Store['deleteTable'] = (tableId) => tables.deleteTable(this.db, tableId);
  listChildTables: Store['listChildTables'] = (tableId) => tables.listChildTables(this.db, tableId);

  listColumns: Store['listColumns'] = (tableId) => columns.listColumns(this.db, tableId);
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
  listRows: Store['listRows'] = (tableId, page) => rows.listRows(this.db, tableId, page);
  countRowMatches: Store['countRowMatches'] = (request) => countRowMatches(this.db, this.answers, request);
  // Inside a transaction the directory is not used: a write there may yet roll back.
  listRowPage: Store['listRowPage'] = (request) => listRowPage(this.db, this.answers, request, this.isInTransaction ? null : this.positions);
  findRows: Store['findRows'] = (tableId, rowIds) => rows.findRows(this.db, tableId, rowIds);
  listRowsByParent: Store['listRowsByParent'] = (parentRowIds) => rows.listRowsByParent(this.db, parentRowIds);
  listCells: Store['listCells'] = (rowIds, columnIds) => rows.listCells(this.db, rowIds, columnIds);
  updateRowMetadata: Store['updateRowMetadata'] = (rowId, metadata, now) => rows.updateRowMetadata(this.db, rowId, metadata, now);
  writeInputCells: Store['writeInputCells'] = (tableId, rowId, values, now) => rows.writeInputCells(this.db, tableId, rowId, values, now);
  markCellsStale: Store['markCellsStale'] = (tableId, rowIds, columnIds, now, reason) => rows.markCellsStale(this.db, tableId, rowIds, columnIds, now, reason);
  countAnsweredCells: Store['countAnsweredCells'] = (tableId, columnIds) => rows.countAnsweredCells(this.db, tableId, columnIds);
  deleteRows: Store['deleteRows'] = (tableId, rowIds) => rows.deleteRows(this.db, tableId, rowIds);
  listTableViews: Store['listTableViews'] = (tableId) => tableViews.listTableViews(this.db, tableId);
  saveTableView: Store['saveTableView'] = (view) => tableViews.saveTableView(this.db, view);
  deleteTableView: Store['deleteTableView'] = (tableId, viewId) => tableViews.deleteTableView(this.db, tableId, viewId);
  countCellsByStatus: Store['countCellsByStatus'] = (tableId) => countComputedCells(this.db, { tableId });

  insertRun: Store['insertRun'] = (run) => runs.insertRun(this.db, run);
  findRun: Store['findRun'] = (tableId, runId) => runs.findRun(this.db, tableId, runId);
  listRuns: Store['listRuns'] = (tableId, page) => runs.listRuns(this.db, tableId, page);
  updateRun: Store['updateRun'] = (runId, patch) => runs.updateRun(this.db, runId, patch);
  countRunCells: Store['countRunCells'] = (runId) => runs.countRunCells(this.db, runId);
  listFailedCellsOfRun: Store['listFailedCellsOfRun'] = (runId, page) => listFailedCellsOfRun(this.db, runId, page);
  requestCells: Store['requestCells'] = async (request) => {
    const queued = await runs.requestCells(this.db, request);
    this.bulkWriter.noteCellsChanged(queued);
    return queued;
  };
  cancelRequestedCells: Store['cancelRequestedCells'] = (tableId, runId, now) => runs.cancelRequestedCells(this.db, tableId, runId, now);

  replaceColumnDependencies: Store['replaceColumnDependencies'] = (tableId, edges) => replaceColumnDependencies(this.db, tableId, edges);
  // Engine writes each run in a transaction of their own: a half-applied claim or completion
  // would leave counters or runs out of step with the cells.
  claimCells: Store['claimCells'] = (options) => this.atomically((db) => claimCells(db, this.capabilities, options));
  renewLease: Store['renewLease'] = (token, expiresAt) => renewLease(this.db, token, expiresAt);
  completeCells: Store['completeCells'] = (outcomes, now) => this.atomically((db) => completeCells(db, outcomes, now, this.capabilities.maxBindParameters));
  retryCells: Store['retryCells'] = (retries, now) => this.atomically((db) => retryCells(db, retries, now));
  releaseLease: Store['releaseLease'] = (token, now) => this.atomically((db) => releaseLease(db, token, now));
  reapExpiredLeases: Store['reapExpiredLeases'] = (options) => this.atomically((db) => reapExpiredLeases(db, options));
  requeueHeldCells: Store['requeueHeldCells'] = (options) => this.atomically((db) => requeueHeldCells(db, options));
  sweepWaitingCells: Store['sweepWaitingCells'] = (options) => this.atomically((db) => sweepWaitingCells(db, options));
  getCachedResponse: Store['getCachedResponse'] = (key, nowMs) => getCachedResponse(this.db, key, nowMs);
  setCachedResponse: Store['setCachedResponse'] = (key, value, expiresAt) => setCachedResponse(this.db, key, value, expiresAt);
  findTableById: Store['findTableById'] = (tableId) => tables.findTableById(this.db, tableId);

  findCompanyProfile: Store['findCompanyProfile'] = (workspaceId, profileId) => companyProfiles.findCompanyProfile(this.db, workspaceId, profileId);
  findCompanyProfileByDomain: Store['findCompanyProfileByDomain'] = (workspaceId, domain) =>
    companyProfiles.findCompanyProfileByDomain(this.db, workspaceId, domain);
  findCompanyProfileByName: Store['findCompanyProfileByName'] = (workspaceId, nameKey) =>
    companyProfiles.findCompanyProfileByName(this.db, workspaceId, nameKey);
  // The profile and its aliases are written together: an alias must never point at nothing.
  saveCompanyProfile: Store['saveCompanyProfile'] = (profile, aliases) => this.atomically((db) => companyProfiles.saveCompanyProfile(db, profile, aliases));

  // Company candidates (entity resolution of names).
  findCompanyProfilesByNameWords: Store['findCompanyProfilesByNameWords'] = (workspaceId, words, limit) =>
    findCompanyProfilesByNameWords(this.db, workspaceId, words, limit);

  private atomically<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    if (this.isInTransaction) return work(this.db);
    return this.db.transaction().execute(async (transaction) => {
      // Engine bookkeeping need not wait for its WAL flush: if PostgreSQL itself crashes, the
      // last few hundred milliseconds of claims and endings are lost, their leases expire and
      // the cells run again. Commits no longer queue on fsync.
      if (this.capabilities.supportsAsynchronousCommit) await sql`set local synchronous_commit = off`.execute(transaction);
      return work(transaction);
    });
  }
}
