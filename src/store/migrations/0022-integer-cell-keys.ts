import { sql, type Kysely } from 'kysely';
import type { MigrationEngine, MigrationProgress } from './migration-engine.ts';

/** Rows whose cells one statement copies; about 20,000 cells of a company table, well under a second. */
const BATCH_ROWS = 5_000;

// Integer cell keys (issue 11 item 2; docs/decisions/2026-12-06-integer-cell-keys.md). Cells were
// keyed by three 36-character text ids (row, column, table), and every cells index carried them
// again. Rows and columns get integer surrogate keys (`rows.key`, `columns.column_key`; `columns`
// already has a `key`, the user's column key) and `cells` is rebuilt keyed (row_key, column_key),
// with no table id: a column belongs to one table. Ids stay on the wire; the store maps them.
// `tables` gets an integer key too (`tables.table_key`) and `rows` stores it instead of the
// 36-character `table_id` (docs/decisions/2026-12-06-compact-rows.md): the table-order index
// (table_key, seq) was the largest index left per row. Times that repeat are not stored twice:
// `rows.updated_at` and an input cell's `updated_at` may be NULL, meaning the row's `created_at`
// (the "absent means default" rule of sparse cells, 0019); existing values are copied as they are.
//
// SQLite: `rows` and `columns` become rowid tables whose integer primary key is the new key (the
// rowid itself, so the (table_id, seq) index already carries it), each rebuilt in one transaction
// from its own stored CREATE statement (columns and indexes other work added come along). The
// cells are then copied into `cells_keyed` in batches of rows by key, each batch committing on its
// own: a killed upgrade resumes after the last row key copied. Then one transaction swaps the
// tables and builds the indexes (after the fill: one sorted build instead of random inserts).
// PostgreSQL: identity keys are added to `rows` and `columns` and the same copy runs inside the
// migrator's one transaction: a kill rolls it back and the next start does it all again.
// The statements are spelled out here, not imported: a shipped migration must not change when the
// query code does. The sort-key expressions must read exactly as answer-expressions.ts writes
// them (test/integration/find-sort-index.test.ts checks the plans).
export async function up(db: Kysely<unknown>, engine: MigrationEngine, progress: MigrationProgress, batchRows = BATCH_ROWS): Promise<void> {
  if (engine === 'sqlite') await upSqlite(db, progress, batchRows);
  else await upPostgres(db, progress, batchRows);
}

const SQLITE_ANSWER = `(case when is_input = 1 then json_extract(value, '$') else json_extract(value, '$.answer') end)`;
const SQLITE_SORT_KEYS = [
  `(case when ${SQLITE_ANSWER} is null then 2 when typeof(${SQLITE_ANSWER}) in ('integer', 'real') then 0 else 1 end)`,
  `(case when typeof(${SQLITE_ANSWER}) in ('integer', 'real') then ${SQLITE_ANSWER} else 0 end)`,
  `(case when typeof(${SQLITE_ANSWER}) = 'text' then lower(${SQLITE_ANSWER}) else '' end)`,
];
const POSTGRES_ANSWER = `(case when strpos(value, '\\u0000') > 0 or strpos(value, '\\ud') > 0 or strpos(value, '\\uD') > 0 then null when is_input = 1 then value::jsonb else value::jsonb -> 'answer' end)`;
const POSTGRES_SORT_KEYS = [
  `(case when ${POSTGRES_ANSWER} is null or jsonb_typeof(${POSTGRES_ANSWER}) = 'null' then 2 when jsonb_typeof(${POSTGRES_ANSWER}) = 'number' then 0 else 1 end)`,
  `(case when jsonb_typeof(${POSTGRES_ANSWER}) = 'number' then (${POSTGRES_ANSWER} #>> '{}')::float8 else 0 end)`,
  `((case when jsonb_typeof(${POSTGRES_ANSWER}) not in ('number', 'null') then lower(${POSTGRES_ANSWER} #>> '{}') else '' end) collate "C")`,
];

/** Every cell column but the three ids, in the order of the keyed table. */
const CELL_COLUMNS = [
  'status',
  'value',
  'error',
  'is_input',
  'attempts',
  'run_id',
  'lease_token',
  'lease_expires_at',
  'updated_at',
  'previous_status',
  'run_after',
  'bypass_cache',
  'is_ready',
  'stale',
];

function cellsTableSql(name: string, keyType: 'integer' | 'bigint', primaryKey: boolean): string {
  return `create table ${name} (
    row_key ${keyType} not null, column_key ${keyType} not null,
    status text not null, value text, error text, is_input integer not null, attempts integer default 0 not null,
    run_id text, lease_token text, lease_expires_at bigint, updated_at text, previous_status text, run_after bigint,
    bypass_cache integer default 0 not null, is_ready integer default 0 not null, stale text
    ${primaryKey ? ', constraint cells_pk primary key (row_key, column_key)' : ''})`;
}

/** The cells indexes on the keys; what led with table_id leads with column_key (a column belongs to one table). */
function cellIndexesSql(sortKeys: string[]): string[] {
  return [
    `create index cells_claimable on cells (is_ready, run_after) where status = 'requested'`,
    `create index cells_waiting on cells (column_key, is_ready) where status = 'requested'`,
    `create index cells_leased on cells (lease_expires_at) where status = 'in_progress'`,
    `create index cells_lease_token on cells (lease_token) where status = 'in_progress'`,
    `create index cells_run on cells (run_id, status) where run_id is not null`,
    `create index cells_failed_rows on cells (column_key, row_key) where status = 'failed'`,
    `create index cells_stale_rows on cells (column_key, row_key) where stale is not null`,
    `create index cells_sort_keys on cells (column_key, ${sortKeys.join(', ')}) where value is not null`,
  ];
}

/** One batch: the cells of rows with keys in (after, last], copied with their keys (last null: to the end). */
function copyBatchSql(after: number, last: number | null, onConflict: string) {
  const columns = CELL_COLUMNS.join(', ');
  const selected = CELL_COLUMNS.map((column) => `cells.${column}`).join(', ');
  return sql`
    insert into cells_keyed (row_key, column_key, ${sql.raw(columns)})
    select r.key, c.column_key, ${sql.raw(selected)}
    from rows r
    join cells on cells.row_id = r.id
    join columns c on c.id = cells.column_id
    where r.key > ${after} ${last === null ? sql`` : sql`and r.key <= ${last}`}
    ${sql.raw(onConflict)}`;
}

async function copyCells(db: Kysely<unknown>, progress: MigrationProgress, batchRows: number, from: number, onConflict: string): Promise<void> {
  const total = Number((await sql<{ count: number | string }>`select count(*) as count from rows`.execute(db)).rows[0]!.count);
  let visited = Number((await sql<{ count: number | string }>`select count(*) as count from rows where key <= ${from}`.execute(db)).rows[0]!.count);
  let copied = 0;
  let after = from;
  for (;;) {
    const bound = await sql<{ key: number | string }>`select key from rows where key > ${after} order by key limit 1 offset ${batchRows - 1}`.execute(db);
    const last = bound.rows[0] === undefined ? null : Number(bound.rows[0].key);
    const result = await copyBatchSql(after, last, onConflict).execute(db);
    copied += Number(result.numAffectedRows ?? 0);
    visited = last === null ? total : visited + batchRows;
    progress(
      `0022-integer-cell-keys: ${visited.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows, ${copied.toLocaleString('en-US')} cells copied`,
    );
    if (last === null) break;
    after = last;
  }
}

async function upSqlite(db: Kysely<unknown>, progress: MigrationProgress, batchRows: number): Promise<void> {
  const cellColumns = (await sql<{ name: string }>`select name from pragma_table_info('cells')`.execute(db)).rows.map((row) => row.name);
  // Swapped already: a run that committed the swap but was not recorded stops here.
  if (cellColumns.includes('row_key')) return;
  await rebuildWithIntegerKey(db, 'tables', 'table_key', progress);
  await rebuildWithIntegerKey(db, 'rows', 'key', progress);
  await rebuildWithIntegerKey(db, 'columns', 'column_key', progress);
  const keyed = (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name = 'cells_keyed'`.execute(db)).rows.length > 0;
  if (!keyed) await sql.raw(`${cellsTableSql('cells_keyed', 'integer', true)} without rowid`).execute(db);
  // Resume after the last row whose cells a committed batch copied (a batch is one statement).
  const resumeFrom = Number((await sql<{ last: number | null }>`select max(row_key) as last from cells_keyed`.execute(db)).rows[0]?.last ?? 0);
  await copyCells(db, progress, batchRows, resumeFrom, 'on conflict do nothing');
  await sql`begin immediate`.execute(db);
  try {
    await sql`drop table cells`.execute(db);
    await sql`alter table cells_keyed rename to cells`.execute(db);
    for (const statement of cellIndexesSql(SQLITE_SORT_KEYS)) await sql.raw(statement).execute(db);
    await sql`commit`.execute(db);
  } catch (error) {
    await sql`rollback`.execute(db);
    throw error;
  }
  progress(`0022-integer-cell-keys: cells indexes built`);
}

/**
 * Rebuild `tables`, `rows` or `columns` as a rowid table whose `integer primary key` (the rowid) is
 * the new key, the text id under a unique index. From the stored CREATE statement, so other columns
 * come along; indexes are recreated from theirs, except rows (table_id, seq, id), which becomes
 * (table_key, seq): rows store their table's key (so `tables` is rebuilt first), and a SQLite index
 * entry carries the rowid, now the key. Skipped when done.
 */
async function rebuildWithIntegerKey(db: Kysely<unknown>, table: 'tables' | 'rows' | 'columns', key: string, progress: MigrationProgress): Promise<void> {
  const statement = (await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = ${table}`.execute(db)).rows[0]!.sql;
  const columns = (await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db)).rows.map((row) => `"${row.name}"`);
  if (columns.includes(`"${key}"`)) return;
  let rebuilt = statement
    .replace(/^create\s+table\s+("?)(tables|rows|columns)\1/i, `create table "${table}_keyed"`)
    .replace(/"id"\s+text\s+primary\s+key/i, `"${key}" integer primary key, "id" text not null`)
    .replace(/\)\s*without\s+rowid\s*$/i, ')');
  if (table === 'rows') {
    rebuilt = rebuilt
      .replace(/"table_id"\s+text\s+not\s+null/i, `"table_key" integer not null`)
      .replace(/"updated_at"\s+text\s+not\s+null/i, `"updated_at" text`);
  }
  if (!rebuilt.includes(`"${key}" integer primary key`) || !rebuilt.includes(`"${table}_keyed"`) || (table === 'rows' && !rebuilt.includes('"table_key"'))) {
    throw new Error(`0022: unexpected ${table} table statement: ${statement}`);
  }
  const dependents = (
    await sql<{
      name: string;
      sql: string;
    }>`select name, sql from sqlite_master where type in ('index', 'trigger') and tbl_name = ${table} and sql is not null order by type, name`.execute(db)
  ).rows.map((row) => (row.name === 'rows_table_seq' ? `create unique index "rows_table_seq" on "rows" ("table_key", "seq")` : row.sql));
  const total = Number((await sql<{ count: number }>`select count(*) as count from ${sql.table(table)}`.execute(db)).rows[0]!.count);
  progress(`0022-integer-cell-keys: giving ${total.toLocaleString('en-US')} ${table} integer keys`);
  const list = columns.join(', ');
  // Rows name their table by its key: the one column whose value is mapped on the way.
  const target = table === 'rows' ? list.replace('"table_id"', '"table_key"') : list;
  const source = table === 'rows' ? list.replace('"table_id"', '(select t.table_key from tables t where t.id = "rows"."table_id")') : list;
  await sql`begin immediate`.execute(db);
  try {
    await sql.raw(`drop table if exists "${table}_keyed"`).execute(db);
    await sql.raw(rebuilt).execute(db);
    // Id order: v7 ids are time-ordered, so keys follow the order rows were made in.
    await sql.raw(`insert into "${table}_keyed" (${target}) select ${source} from "${table}" order by id`).execute(db);
    await sql.raw(`drop table "${table}"`).execute(db);
    await sql.raw(`alter table "${table}_keyed" rename to "${table}"`).execute(db);
    await sql.raw(`create unique index "${table}_id" on "${table}" ("id")`).execute(db);
    for (const dependent of dependents) await sql.raw(dependent).execute(db);
    await sql`commit`.execute(db);
  } catch (error) {
    await sql`rollback`.execute(db);
    throw error;
  }
}

async function upPostgres(db: Kysely<unknown>, progress: MigrationProgress, batchRows: number): Promise<void> {
  await sql`alter table tables add column table_key bigint generated by default as identity`.execute(db);
  await sql`create unique index tables_table_key on tables (table_key)`.execute(db);
  progress(`0022-integer-cell-keys: rows name their table by key`);
  await sql`alter table rows add column table_key bigint`.execute(db);
  await sql`update rows set table_key = t.table_key from tables t where t.id = rows.table_id`.execute(db);
  await sql`alter table rows alter column table_key set not null`.execute(db);
  await sql`alter table rows alter column updated_at drop not null`.execute(db);
  await sql`drop index rows_table_seq`.execute(db);
  await sql`alter table rows drop column table_id`.execute(db);
  await sql`create unique index rows_table_seq on rows (table_key, seq, id)`.execute(db);
  // Identity columns fill the existing rows as they are added.
  await sql`alter table columns add column column_key bigint generated by default as identity`.execute(db);
  await sql`create unique index columns_column_key on columns (column_key)`.execute(db);
  progress(`0022-integer-cell-keys: giving rows integer keys`);
  await sql`alter table rows add column key bigint generated by default as identity`.execute(db);
  await sql`create unique index rows_key on rows (key)`.execute(db);
  await sql.raw(cellsTableSql('cells_keyed', 'bigint', false)).execute(db);
  await copyCells(db, progress, batchRows, 0, '');
  await sql`drop table cells`.execute(db);
  await sql`alter table cells_keyed rename to cells`.execute(db);
  await sql`alter table cells add constraint cells_pk primary key (row_key, column_key)`.execute(db);
  for (const statement of cellIndexesSql(POSTGRES_SORT_KEYS)) await sql.raw(statement).execute(db);
  progress(`0022-integer-cell-keys: cells indexes built`);
  await sql`analyze rows, columns, cells`.execute(db);
}
