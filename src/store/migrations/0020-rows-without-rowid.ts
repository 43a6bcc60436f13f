import { sql, type Kysely } from 'kysely';
import type { MigrationEngine, MigrationProgress } from './migration-engine.ts';

// SQLite only (issue 11 item 2): `rows` becomes a WITHOUT ROWID table, its b-tree keyed by the
// row id. As a rowid table keyed by a text id it carried a second b-tree, the id index, of about
// 45 bytes a row (bench/cell-layouts.ts: 580 -> 526 bytes a company row); the (table_id, seq, id)
// index already holds the id for table order. PostgreSQL tables are heaps; nothing changes there.
// The table is rebuilt from its own CREATE statement and index statements as stored in
// sqlite_master, so columns and indexes other migrations added come along. One transaction: a
// killed upgrade leaves the old table, and the next start does it again; one that committed but
// was not yet recorded finds the table rebuilt and stops.
export async function up(db: Kysely<unknown>, engine: MigrationEngine, progress: MigrationProgress): Promise<void> {
  if (engine !== 'sqlite') return;
  const table = (await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'rows'`.execute(db)).rows[0]!.sql;
  if (/without\s+rowid\s*$/i.test(table)) return;
  const dependents = (
    await sql<{
      sql: string;
    }>`select sql from sqlite_master where type in ('index', 'trigger') and tbl_name = 'rows' and sql is not null order by type, name`.execute(db)
  ).rows.map((row) => row.sql);
  const rebuilt = table.replace(/^create\s+table\s+("rows"|rows)/i, 'create table "rows_rebuilt"');
  if (rebuilt === table) throw new Error(`0020: unexpected rows table statement: ${table}`);
  const total = Number((await sql<{ count: number }>`select count(*) as count from rows`.execute(db)).rows[0]!.count);
  progress(`0020-rows-without-rowid: rebuilding ${total.toLocaleString('en-US')} rows`);
  await sql`begin immediate`.execute(db);
  try {
    await sql`drop table if exists rows_rebuilt`.execute(db);
    await sql.raw(`${rebuilt} without rowid`).execute(db);
    // Id order: v7 ids are time-ordered, so the new b-tree is written by appending.
    await sql`insert into rows_rebuilt select * from rows order by id`.execute(db);
    await sql`drop table rows`.execute(db);
    await sql`alter table rows_rebuilt rename to rows`.execute(db);
    for (const statement of dependents) await sql.raw(statement).execute(db);
    await sql`commit`.execute(db);
  } catch (error) {
    await sql`rollback`.execute(db);
    throw error;
  }
  progress(`0020-rows-without-rowid: ${total.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows rebuilt`);
}
