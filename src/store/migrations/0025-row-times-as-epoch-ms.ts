import { sql, type Kysely } from 'kysely';
import type { MigrationEngine, MigrationProgress } from './migration-engine.ts';

// Row times as epoch milliseconds (issue 11 item 2; docs/decisions/2026-12-07-row-times-as-epoch-ms.md).
// `rows.created_at` was a 24-character ISO string, 25 bytes of every row on SQLite (of 257 at a
// million rows); as an integer it takes 6. `rows.updated_at` (NULL while the row is unchanged,
// 0022) follows it. Only `rows` changes: it has one time per row of the table, and every other
// table's times are few or per cell. The store converts at its edge (kysely/stored-time.ts).
//
// SQLite: a column declared `text` turns any integer written to it back into text, so `rows` is
// rebuilt, in one transaction, from its own stored CREATE statement with the two columns declared
// `integer`. A time in the exact form the server writes (`toISOString()`) becomes its epoch ms;
// anything else is copied as it is (integer affinity keeps text that is not a number), and the
// store reads such a time back unchanged, so nothing is lost even for a value the server never
// wrote. Keys are copied, so cells keep their rows.
// PostgreSQL: the two columns change type to bigint in place (one rewrite, in the migrator's
// transaction); `extract(epoch …)` is numeric on PostgreSQL 14+, so the milliseconds are exact.
// Statements are spelled out here, not imported: a shipped migration must not change when the
// query code does.
export async function up(db: Kysely<unknown>, engine: MigrationEngine, progress: MigrationProgress): Promise<void> {
  if (engine === 'sqlite') await upSqlite(db, progress);
  else await upPostgres(db, progress);
}

const ISO_MS_GLOB = '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z';

/** `column` as epoch ms when it is written exactly as `toISOString()` writes, else as it is. */
function sqliteEpochMs(column: string): string {
  return `(case when "${column}" glob '${ISO_MS_GLOB}' then cast(strftime('%s', "${column}") as integer) * 1000 + cast(substr("${column}", 21, 3) as integer) else "${column}" end)`;
}

async function upSqlite(db: Kysely<unknown>, progress: MigrationProgress): Promise<void> {
  const statement = (await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'rows'`.execute(db)).rows[0]!.sql;
  // Done already: a run that committed but was not recorded stops here.
  if (/"created_at"\s+integer/i.test(statement)) return;
  const rebuilt = statement
    .replace(/^create\s+table\s+("?)rows\1/i, 'create table "rows_ms"')
    .replace(/"created_at"\s+text\s+not\s+null/i, '"created_at" integer not null')
    .replace(/"updated_at"\s+text/i, '"updated_at" integer');
  if (!rebuilt.includes('"rows_ms"') || !/"created_at" integer not null/.test(rebuilt) || !/"updated_at" integer/.test(rebuilt)) {
    throw new Error(`0025: unexpected rows table statement: ${statement}`);
  }
  const columns = (await sql<{ name: string }>`select name from pragma_table_info('rows')`.execute(db)).rows.map((row) => row.name);
  const dependents = (
    await sql<{
      sql: string;
    }>`select sql from sqlite_master where type in ('index', 'trigger') and tbl_name = 'rows' and sql is not null order by type, name`.execute(db)
  ).rows.map((row) => row.sql);
  const total = Number((await sql<{ count: number }>`select count(*) as count from rows`.execute(db)).rows[0]!.count);
  progress(`0025-row-times-as-epoch-ms: rewriting the times of ${total.toLocaleString('en-US')} rows`);
  const target = columns.map((column) => `"${column}"`).join(', ');
  const source = columns.map((column) => (column === 'created_at' || column === 'updated_at' ? sqliteEpochMs(column) : `"${column}"`)).join(', ');
  await sql`begin immediate`.execute(db);
  try {
    await sql`drop table if exists rows_ms`.execute(db);
    await sql.raw(rebuilt).execute(db);
    await sql.raw(`insert into rows_ms (${target}) select ${source} from rows order by key`).execute(db);
    await sql`drop table rows`.execute(db);
    await sql`alter table rows_ms rename to rows`.execute(db);
    for (const dependent of dependents) await sql.raw(dependent).execute(db);
    await sql`commit`.execute(db);
  } catch (error) {
    await sql`rollback`.execute(db);
    throw error;
  }
  progress(`0025-row-times-as-epoch-ms: ${total.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows rewritten`);
}

async function upPostgres(db: Kysely<unknown>, progress: MigrationProgress): Promise<void> {
  const total = Number((await sql<{ count: string }>`select count(*) as count from rows`.execute(db)).rows[0]!.count);
  progress(`0025-row-times-as-epoch-ms: rewriting the times of ${total.toLocaleString('en-US')} rows`);
  await sql`
    alter table rows
      alter column created_at type bigint using round(extract(epoch from created_at::timestamptz) * 1000)::bigint,
      alter column updated_at type bigint using round(extract(epoch from updated_at::timestamptz) * 1000)::bigint`.execute(db);
  progress(`0025-row-times-as-epoch-ms: ${total.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows rewritten`);
}
