import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/store/database-schema.ts';
import type { Backend } from './backends.ts';
import { toLayoutBefore0025 } from './layout-before-0025.ts';
import { fromStoredTime, type StoredTime } from '../../src/store/kysely/stored-time.ts';

/**
 * Upgrade tests need databases as earlier releases left them, but the server of this release
 * writes only its own layout. So a test fills a database through the API and then turns it back
 * into the layout before migration 0022 (integer cell keys), as that release would have stored the
 * same data: `tables`, `rows` and `columns` keyed by their text ids (SQLite `rows` WITHOUT ROWID, 0020;
 * rows naming their table by `table_id`),
 * `cells` keyed (row_id, column_id) with its table_id and the indexes on them, and no record of
 * 0022 (nor of 0025, which 0022 came before). The statements are those the earlier migrations ran, spelled out.
 */
export async function toLayoutBefore0022(db: Kysely<Database>, backend: Backend): Promise<void> {
  // Row times were ISO text before 0025, which comes after 0022: undo it first.
  await toLayoutBefore0025(db, backend);
  if (backend === 'sqlite') await sqliteToLayoutBefore0022(db);
  else await postgresToLayoutBefore0022(db);
  await sql`delete from kysely_migration where name = '0022-integer-cell-keys'`.execute(db);
}

const OLD_CELL_COLUMNS = `status, value, error, is_input, attempts, run_id, lease_token, lease_expires_at, updated_at, previous_status, run_after, bypass_cache, is_ready, stale`;
/** The same, read from a keyed `cells` joined to its row `r`: a time not stored (an input cell made with its row) was always stored before. */
const OLD_CELL_COLUMNS_STORED = OLD_CELL_COLUMNS.split(', ')
  .map((column) => (column === 'updated_at' ? 'coalesce(cells.updated_at, r.created_at) as updated_at' : `cells.${column}`))
  .join(', ');

function oldCellIndexes(sortKeys: string): string[] {
  return [
    `CREATE INDEX "cells_run" on "cells" ("run_id", "status") where "run_id" is not null`,
    `CREATE INDEX "cells_claimable" on "cells" ("is_ready", "run_after") where "status" = 'requested'`,
    `CREATE INDEX "cells_waiting" on "cells" ("table_id", "is_ready") where "status" = 'requested'`,
    `CREATE INDEX "cells_leased" on "cells" ("lease_expires_at") where "status" = 'in_progress'`,
    `CREATE INDEX "cells_lease_token" on "cells" ("lease_token") where "status" = 'in_progress'`,
    `CREATE INDEX "cells_failed_rows" on "cells" ("table_id", "row_id") where "status" = 'failed'`,
    `CREATE INDEX "cells_stale_rows" on "cells" ("table_id", "row_id") where "stale" is not null`,
    `CREATE INDEX cells_sort_keys on cells (column_id, ${sortKeys}) where value is not null`,
  ];
}

const SQLITE_ANSWER = `(case when is_input = 1 then json_extract(value, '$') else json_extract(value, '$.answer') end)`;
const SQLITE_SORT_KEYS = [
  `(case when ${SQLITE_ANSWER} is null then 2 when typeof(${SQLITE_ANSWER}) in ('integer', 'real') then 0 else 1 end)`,
  `(case when typeof(${SQLITE_ANSWER}) in ('integer', 'real') then ${SQLITE_ANSWER} else 0 end)`,
  `(case when typeof(${SQLITE_ANSWER}) = 'text' then lower(${SQLITE_ANSWER}) else '' end)`,
].join(', ');
const POSTGRES_ANSWER = `(case when strpos(value, '\\u0000') > 0 or strpos(value, '\\ud') > 0 or strpos(value, '\\uD') > 0 then null when is_input = 1 then value::jsonb else value::jsonb -> 'answer' end)`;
const POSTGRES_SORT_KEYS = [
  `(case when ${POSTGRES_ANSWER} is null or jsonb_typeof(${POSTGRES_ANSWER}) = 'null' then 2 when jsonb_typeof(${POSTGRES_ANSWER}) = 'number' then 0 else 1 end)`,
  `(case when jsonb_typeof(${POSTGRES_ANSWER}) = 'number' then (${POSTGRES_ANSWER} #>> '{}')::float8 else 0 end)`,
  `((case when jsonb_typeof(${POSTGRES_ANSWER}) not in ('number', 'null') then lower(${POSTGRES_ANSWER} #>> '{}') else '' end) collate "C")`,
].join(', ');

async function sqliteToLayoutBefore0022(db: Kysely<Database>): Promise<void> {
  const statements = [
    `CREATE TABLE "cells_before" ("row_id" text not null, "column_id" text not null, "table_id" text not null, "status" text not null, "value" text, "error" text, "is_input" integer not null, "attempts" integer default 0 not null, "run_id" text, "lease_token" text, "lease_expires_at" bigint, "updated_at" text not null, "previous_status" text, "run_after" bigint, "bypass_cache" integer default 0 not null, "is_ready" integer default 0 not null, "stale" text, constraint "cells_pk" primary key ("row_id", "column_id")) without rowid`,
    `insert into cells_before (row_id, column_id, table_id, ${OLD_CELL_COLUMNS})
     select r.id, c.id, c.table_id, ${OLD_CELL_COLUMNS_STORED}
     from cells join rows r on r.key = cells.row_key join columns c on c.column_key = cells.column_key`,
    `drop table cells`,
    `alter table cells_before rename to cells`,
    ...oldCellIndexes(SQLITE_SORT_KEYS),
    `CREATE TABLE "rows_before" ("id" text primary key, "table_id" text not null, "seq" bigint not null, "parent_row_id" text, "company_profile_id" text, "metadata" text, "created_at" text not null, "updated_at" text not null) without rowid`,
    `insert into rows_before select r.id, t.id, r.seq, r.parent_row_id, r.company_profile_id, r.metadata, r.created_at, coalesce(r.updated_at, r.created_at) from rows r join tables t on t.table_key = r.table_key order by r.id`,
    `drop table rows`,
    `alter table rows_before rename to rows`,
    `CREATE INDEX "rows_parent" on "rows" ("parent_row_id") where "parent_row_id" is not null`,
    `CREATE UNIQUE INDEX "rows_table_seq" on "rows" ("table_id", "seq", "id")`,
    `CREATE TABLE "columns_before" ("id" text primary key, "table_id" text not null, "key" text not null, "kind" text not null, "position" integer not null, "config" text not null, "created_at" text not null)`,
    `insert into columns_before select id, table_id, key, kind, position, config, created_at from columns`,
    `drop table columns`,
    `alter table columns_before rename to columns`,
    `CREATE UNIQUE INDEX "columns_table_key" on "columns" ("table_id", "key")`,
    `CREATE TABLE "tables_before" ("id" text primary key, "workspace_id" text not null, "owner_id" text not null, "name" text not null, "description" text, "kind" text not null, "tags" text, "notify" integer default 0 not null, "settings" text not null, "parent_table_id" text, "relationship_type" text, "created_at" text not null, "updated_at" text not null, "last_row_seq" bigint default 0 not null, "num_rows" bigint default 0 not null)`,
    `insert into tables_before select id, workspace_id, owner_id, name, description, kind, tags, notify, settings, parent_table_id, relationship_type, created_at, updated_at, last_row_seq, num_rows from tables`,
    `drop table tables`,
    `alter table tables_before rename to tables`,
    `CREATE INDEX "tables_workspace_created" on "tables" ("workspace_id", "created_at")`,
    `CREATE INDEX "tables_parent" on "tables" ("parent_table_id")`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

async function postgresToLayoutBefore0022(db: Kysely<Database>): Promise<void> {
  const statements = [
    `create table cells_before (row_id text not null, column_id text not null, table_id text not null, status text not null, value text, error text, is_input integer not null, attempts integer default 0 not null, run_id text, lease_token text, lease_expires_at bigint, updated_at text not null, previous_status text, run_after bigint, bypass_cache integer default 0 not null, is_ready integer default 0 not null, stale text)`,
    `insert into cells_before (row_id, column_id, table_id, ${OLD_CELL_COLUMNS})
     select r.id, c.id, c.table_id, ${OLD_CELL_COLUMNS_STORED}
     from cells join rows r on r.key = cells.row_key join columns c on c.column_key = cells.column_key`,
    `drop table cells`,
    `alter table cells_before rename to cells`,
    `alter table cells add constraint cells_pk primary key (row_id, column_id)`,
    ...oldCellIndexes(POSTGRES_SORT_KEYS),
    `alter table rows drop column key`,
    `alter table columns drop column column_key`,
    `update rows set updated_at = created_at where updated_at is null`,
    `alter table rows alter column updated_at set not null`,
    `alter table rows add column table_id text`,
    `update rows set table_id = t.id from tables t where t.table_key = rows.table_key`,
    `alter table rows alter column table_id set not null`,
    `drop index rows_table_seq`,
    `alter table rows drop column table_key`,
    `create unique index rows_table_seq on rows (table_id, seq, id)`,
    `alter table tables drop column table_key`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

/** Whether the database has the integer-keyed cells of 0022. */
async function isKeyed(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`select row_key from cells where 1 = 0`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/** A stored cell as the API's store sees it: by row, column and table id, whatever the layout. */
export interface CellById {
  row_id: string;
  column_id: string;
  table_id: string;
  status: string;
  value: string | null;
  error: string | null;
  is_input: number;
  attempts: number;
  run_id: string | null;
  lease_token: string | null;
  lease_expires_at: number | null;
  updated_at: string;
  previous_status: string | null;
  run_after: number | null;
  bypass_cache: number;
  is_ready: number;
  stale: string | null;
}

/** Every stored cell by ids, ordered by (row id, column id), in either layout. */
export async function readCellsById(db: Kysely<Database>): Promise<CellById[]> {
  const columns = OLD_CELL_COLUMNS.split(', ')
    .map((column) => `cells.${column}`)
    .join(', ');
  // Keyed: a time not stored reads as the row's, which is epoch ms since 0025.
  const result = (await isKeyed(db))
    ? await sql<
        CellById & { row_created_at: StoredTime }
      >`select r.id as row_id, c.id as column_id, c.table_id, ${sql.raw(columns)}, r.created_at as row_created_at
        from cells join rows r on r.key = cells.row_key join columns c on c.column_key = cells.column_key order by r.id, c.id`.execute(db)
    : await sql<CellById>`select cells.row_id, cells.column_id, cells.table_id, ${sql.raw(columns)} from cells order by cells.row_id, cells.column_id`.execute(
        db,
      );
  return result.rows.map(({ row_created_at: rowCreatedAt, ...cell }: CellById & { row_created_at?: StoredTime }) => ({
    ...cell,
    updated_at: cell.updated_at ?? fromStoredTime(rowCreatedAt!),
    is_input: Number(cell.is_input),
    attempts: Number(cell.attempts),
    bypass_cache: Number(cell.bypass_cache),
    is_ready: Number(cell.is_ready),
    lease_expires_at: cell.lease_expires_at === null ? null : Number(cell.lease_expires_at),
    run_after: cell.run_after === null ? null : Number(cell.run_after),
  }));
}

/** Rows and columns without the integer keys 0022 gave them (rows by their table's id), ordered by id, in either layout. */
export async function readRowsAndColumns(db: Kysely<Database>) {
  const tableIdOf = new Map(
    (await sql<{ id: string; table_key?: number | string }>`select * from tables`.execute(db)).rows.map((table) => [String(table.table_key), table.id]),
  );
  const rows = (await sql<Record<string, unknown>>`select * from rows order by id`.execute(db)).rows.map(({ key: _key, table_key: tableKey, ...row }) =>
    tableKey === undefined
      ? row
      : {
          ...row,
          table_id: tableIdOf.get(String(tableKey)),
          // Epoch ms since 0025 (ISO text before it), NULL while unchanged since 0022.
          created_at: fromStoredTime(row.created_at as StoredTime),
          updated_at: fromStoredTime((row.updated_at ?? row.created_at) as StoredTime),
        },
  );
  const columns = (await sql<Record<string, unknown>>`select * from columns order by id`.execute(db)).rows.map(
    ({ column_key: _columnKey, ...column }) => column,
  );
  return { rows, columns };
}
