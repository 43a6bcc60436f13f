import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './database-schema.ts';
import { ENGINE_CONNECTION_SETTINGS } from './postgres/engine-connection-settings.ts';
import { preparedStatementPool } from './postgres/prepared-statement-pool.ts';
import { SchemaTablesPostgresDialect } from './postgres/schema-tables-dialect.ts';
import { createMigrationProvider } from './migrations/index.ts';
import type { MigrationProgress } from './migrations/migration-engine.ts';
import type { BulkWriter } from './bulk-writer.ts';
import { createPostgresBulkWriter } from './postgres/postgres-bulk-writer.ts';
import { createSqliteBulkWriter } from './sqlite/sqlite-bulk-writer.ts';
import { FifoSqliteDialect } from './sqlite/fifo-sqlite-dialect.ts';
import type { StoreCapabilities } from './store.ts';

// PostgreSQL returns int8 (bigint counters, count(*)) as strings; every count here fits a JS number.
pg.types.setTypeParser(20, (value: string) => Number(value));

export type DatabaseLocation =
  | { engine: 'sqlite'; path: string }
  | {
      engine: 'postgres';
      connectionString: string;
      schema?: string;
      poolSize?: number;
      /** The engine's connections prepare the statements they repeat (default true; off behind a transaction-pooling proxy). */
      preparedStatements?: boolean;
    };

export interface OpenedDatabase {
  db: Kysely<Database>;
  /**
   * Where the engine's own bookkeeping runs (claims, renewals, endings). On PostgreSQL its
   * connections commit without waiting for their WAL flush; on SQLite it is `db`.
   */
  engineDb: Kysely<Database>;
  /**
   * Where reads outside transactions run. On SQLite a second, read-only connection: WAL readers
   * do not wait for the writer, so a data page is not queued behind the engine's and other
   * clients' write transactions on the one FIFO-locked connection. On PostgreSQL it is `db`.
   */
  readDb: Kysely<Database>;
  /**
   * Where the engine's reads run (a claimed batch's table, columns and rows): on PostgreSQL the
   * engine's connections, whose repeated statements are prepared; on SQLite `readDb`.
   */
  engineReadDb: Kysely<Database>;
  capabilities: StoreCapabilities;
  bulkWriter: BulkWriter;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Progress lines of long migrations (one per batch), e.g. to the server's log. */
  onMigrationProgress?: MigrationProgress;
}

/** Open the database, apply pending migrations, and report what the engine can do. */
export async function openDatabase(location: DatabaseLocation, options: OpenDatabaseOptions = {}): Promise<OpenedDatabase> {
  const opened = location.engine === 'sqlite' ? openSqlite(location.path) : await openPostgres(location);
  // Kysely's migrator finds its bookkeeping tables by introspection; on PostgreSQL it is told our
  // schema (where it creates them), and our introspector reads only that schema's table names
  // (postgres/schema-tables-dialect.ts: Kysely's own read every schema's columns and failed when
  // another process's DDL removed one meanwhile).
  const schema = location.engine === 'postgres' ? (location.schema ?? (await currentSchema(opened.db))) : undefined;
  await migrateToLatest(opened.db, location.engine, schema, options.onMigrationProgress);
  return opened;
}

/** SQLite's lower() folds ASCII letters only; find's text matching needs "Île" to match "île". */
function registerFunctions(connection: SqliteDatabase.Database): void {
  connection.function('unicode_lower', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? text.toLowerCase() : text));
}

function openSqlite(path: string): OpenedDatabase {
  if (path !== ':memory:') createOwnerOnly(path);
  const connection = new SqliteDatabase(path);
  // WAL lets readers run while the single writer commits; NORMAL sync is durable at checkpoints
  // and is the recommended pairing with WAL.
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('busy_timeout = 5000');
  // 16 MiB of page cache for the writer: pages are read on the reader (below), and what writes
  // touch is the right-hand edge of each index plus the rows a run updates. Measured at 1,000,000
  // rows against 32 MiB, side by side: the same ingest rate and page times, 13-25 MB less peak RSS
  // (the million-cell run peaked at 261-298 MB instead of 280-310, for a 300 MB budget).
  // See docs/decisions/2026-12-07-sqlite-writer-cache.md.
  connection.pragma('cache_size = -16384');
  registerFunctions(connection);
  const db = new Kysely<Database>({ dialect: new FifoSqliteDialect(connection) });
  // An in-memory database exists only on its own connection.
  const readConnection = path === ':memory:' ? undefined : new SqliteDatabase(path, { readonly: true, fileMustExist: true });
  readConnection?.pragma('busy_timeout = 5000');
  // Find's pages are read here too, so the reader needs the same functions as the writer.
  if (readConnection) registerFunctions(readConnection);
  // Its own page cache, kept small: the server's memory budget is the writer's cache plus this.
  readConnection?.pragma('cache_size = -8192');
  const readDb = readConnection ? new Kysely<Database>({ dialect: new FifoSqliteDialect(readConnection) }) : db;
  return {
    db,
    engineDb: db,
    readDb,
    engineReadDb: readDb,
    capabilities: {
      engine: 'sqlite',
      supportsSkipLocked: false,
      supportsListenNotify: false,
      supportsMultipleProcesses: false,
      maxBindParameters: 32_000,
      supportsAsynchronousCommit: false,
      supportsWritableCommonTableExpressions: false,
      compilesStatements: false,
      fullTextSearch: 'fts5',
      blockingReads: true,
      bindsArrays: false,
    },
    bulkWriter: createSqliteBulkWriter(connection),
    close: async () => {
      if (readDb !== db) await readDb.destroy();
      await db.destroy();
    },
  };
}

/**
 * The database holds every workspace's data and API token hashes: its directory is created 0700
 * and the file 0600 (SQLite gives its -wal and -shm files the database file's mode). Existing
 * files keep the mode their operator chose.
 */
function createOwnerOnly(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  // 'a' creates the file if missing and never truncates one that exists.
  closeSync(openSync(path, 'a', 0o600));
}

async function openPostgres(location: Extract<DatabaseLocation, { engine: 'postgres' }>): Promise<OpenedDatabase> {
  const options: pg.PoolConfig = { connectionString: location.connectionString, max: location.poolSize ?? 10 };
  if (location.schema) {
    const setup = new pg.Client({ connectionString: location.connectionString });
    await setup.connect();
    try {
      await setup.query(`CREATE SCHEMA IF NOT EXISTS "${location.schema.replaceAll('"', '')}"`);
    } finally {
      await setup.end();
    }
    options.options = `-c search_path="${location.schema.replaceAll('"', '')}"`;
  }
  const pool = new pg.Pool(options);
  const db = new Kysely<Database>({ dialect: new SchemaTablesPostgresDialect({ pool }) });
  // The engine's connections: asynchronous commit, prepared statements planned once, plans
  // through indexes (see ENGINE_CONNECTION_SETTINGS); rows and columns users send keep the
  // synchronous commit of `db`.
  const enginePool = new pg.Pool({ ...options, options: `${options.options ?? ''} ${ENGINE_CONNECTION_SETTINGS}`.trim() });
  const engineDb = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: location.preparedStatements === false ? enginePool : preparedStatementPool(enginePool) }),
  });
  return {
    db,
    engineDb,
    readDb: db,
    engineReadDb: engineDb,
    capabilities: {
      engine: 'postgres',
      supportsSkipLocked: true,
      supportsListenNotify: true,
      supportsMultipleProcesses: true,
      maxBindParameters: 60_000,
      supportsAsynchronousCommit: true,
      supportsWritableCommonTableExpressions: true,
      compilesStatements: true,
      fullTextSearch: 'tsvector',
      blockingReads: false,
      bindsArrays: true,
    },
    bulkWriter: createPostgresBulkWriter(db, 60_000),
    close: async () => {
      await engineDb.destroy();
      await db.destroy();
    },
  };
}

async function currentSchema(db: Kysely<Database>): Promise<string> {
  const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return result.rows[0]!.schema;
}

async function migrateToLatest(
  db: Kysely<Database>,
  engine: 'sqlite' | 'postgres',
  schema: string | undefined,
  progress: MigrationProgress | undefined,
): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: createMigrationProvider(engine, progress),
    // Migration numbers are reserved per line of work and land in whatever order the work does
    // (0016 after 0017 and 0018 this release); each depends only on those numbered before it, so a
    // database that already ran a later one still gets the earlier one instead of refusing to start.
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${(error as Error | undefined)?.message ?? 'unknown error'}`, { cause: error });
  }
}
