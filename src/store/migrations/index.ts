import type { Kysely, Migration, MigrationProvider } from 'kysely';
import * as initialSchema from './0001-initial-schema.ts';
import * as runs from './0002-runs.ts';
import * as engine from './0003-engine.ts';
import * as companyProfiles from './0004-company-profiles.ts';
import * as runSummary from './0005-run-summary.ts';
import * as findAndOutOfDate from './0007-find-and-out-of-date.ts';
import * as runCost from './0008-run-cost.ts';
import * as companySearchIndex from './0009-company-search-index.ts';
import * as jobs from './0011-jobs.ts';
import * as discovery from './0012-discovery.ts';
import * as deepResearch from './0013-deep-research.ts';
import * as taskSpend from './0014-task-spend.ts';
import * as cellSortKeys from './0016-cell-sort-keys.ts';
import * as taskBudgets from './0017-task-budgets.ts';
import * as companyEmbeddings from './0018-company-embeddings.ts';
import * as sparseCells from './0019-sparse-cells.ts';
import * as rowsWithoutRowid from './0020-rows-without-rowid.ts';
import * as companyIndexChanges from './0021-company-index-changes.ts';
import * as integerCellKeys from './0022-integer-cell-keys.ts';
import * as postgresReadyQueue from './0024-postgres-ready-queue.ts';
import * as rowTimesAsEpochMs from './0025-row-times-as-epoch-ms.ts';
import * as postgresDropCellsLeased from './0026-postgres-drop-cells-leased.ts';
import * as sortTextPrefix from './0027-sort-text-prefix.ts';
import type { MigrationEngine, MigrationProgress } from './migration-engine.ts';

type EngineMigration = { up(db: Kysely<unknown>, engine: MigrationEngine, progress: MigrationProgress): Promise<void> };

/**
 * Versioned migrations, applied in name order at start-up. Never edit one that has shipped;
 * add the next number instead. Each receives the engine for the few storage options that
 * exist on one engine only, and where to report progress if it is long.
 */
const MIGRATIONS: Record<string, EngineMigration> = {
  '0001-initial-schema': initialSchema,
  '0002-runs': runs,
  '0003-engine': engine,
  '0004-company-profiles': companyProfiles,
  '0005-run-summary': runSummary,
  '0007-find-and-out-of-date': findAndOutOfDate,
  '0008-run-cost': runCost,
  '0009-company-search-index': companySearchIndex,
  '0011-jobs': jobs,
  '0012-discovery': discovery,
  '0013-deep-research': deepResearch,
  '0014-task-spend': taskSpend,
  '0016-cell-sort-keys': cellSortKeys,
  '0017-task-budgets': taskBudgets,
  '0018-company-embeddings': companyEmbeddings,
  '0019-sparse-cells': sparseCells,
  '0020-rows-without-rowid': rowsWithoutRowid,
  '0021-company-index-changes': companyIndexChanges,
  '0022-integer-cell-keys': integerCellKeys,
  '0024-postgres-ready-queue': postgresReadyQueue,
  '0025-row-times-as-epoch-ms': rowTimesAsEpochMs,
  '0026-postgres-drop-cells-leased': postgresDropCellsLeased,
  '0027-sort-text-prefix': sortTextPrefix,
};

export function createMigrationProvider(engine: MigrationEngine, progress: MigrationProgress = () => {}): MigrationProvider {
  return {
    getMigrations: async () =>
      Object.fromEntries(
        Object.entries(MIGRATIONS).map(([name, migration]): [string, Migration] => [name, { up: (db) => migration.up(db, engine, progress) }]),
      ),
  };
}
