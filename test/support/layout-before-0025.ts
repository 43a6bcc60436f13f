import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/store/database-schema.ts';
import type { Backend } from './backends.ts';

/**
 * Turns a database of this release back into the layout before migration 0025: `rows` times as
 * the ISO text the server wrote (`toISOString()`), declared `text`, and no record of 0025. The
 * statements are those of the earlier layout, spelled out. SQLite rebuilds `rows` from its stored
 * statement, as 0025 itself does, since a column declared `integer` would keep numbers as numbers.
 */
export async function toLayoutBefore0025(db: Kysely<Database>, backend: Backend): Promise<void> {
  if (backend === 'sqlite') {
    const statement = (await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'rows'`.execute(db)).rows[0]!.sql;
    const columns = (await sql<{ name: string }>`select name from pragma_table_info('rows')`.execute(db)).rows.map((row) => row.name);
    const dependents = (
      await sql<{ sql: string }>`select sql from sqlite_master where type = 'index' and tbl_name = 'rows' and sql is not null`.execute(db)
    ).rows.map((row) => row.sql);
    const iso = (column: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', "${column}" / 1000.0, 'unixepoch')`;
    await sql
      .raw(
        statement
          .replace(/^create\s+table\s+("?)rows\1/i, 'create table "rows_text"')
          .replace(/"created_at"\s+integer\s+not\s+null/i, '"created_at" text not null')
          .replace(/"updated_at"\s+integer/i, '"updated_at" text'),
      )
      .execute(db);
    const source = columns.map((column) => (column === 'created_at' || column === 'updated_at' ? iso(column) : `"${column}"`)).join(', ');
    await sql.raw(`insert into rows_text (${columns.map((column) => `"${column}"`).join(', ')}) select ${source} from rows order by key`).execute(db);
    await sql`drop table rows`.execute(db);
    await sql`alter table rows_text rename to rows`.execute(db);
    for (const dependent of dependents) await sql.raw(dependent).execute(db);
  } else {
    const iso = (column: string) => `to_char(to_timestamp(${column} / 1000.0) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    await sql
      .raw(`alter table rows alter column created_at type text using ${iso('created_at')}, alter column updated_at type text using ${iso('updated_at')}`)
      .execute(db);
  }
  await sql`delete from kysely_migration where name = '0025-row-times-as-epoch-ms'`.execute(db);
}
