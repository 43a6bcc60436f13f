import { sql, type Kysely } from 'kysely';
import type { MigrationEngine, MigrationProgress } from './migration-engine.ts';

/** Rows whose cells one statement visits; about 20,000 cells of a company table, well under a second. */
const BATCH_ROWS = 5_000;

// Sparse cells (issue 11 item 2; docs/decisions/2026-12-06-sparse-cells-and-compact-keys.md): a
// cell nobody gave a value, an error or a run is no longer stored, and reads as `created` with no
// value, updated when the later of its row and column was made. This deletes the placeholders
// earlier releases wrote for every (row, column), in place, and only those that read exactly the
// same once absent: a cell that went back to `created` later (a cancelled run, an input cleared)
// keeps its own time and stays. The table counters already count these cells as `created` and
// stay as they are.
// Batches walk the rows by id, so each statement reads one range of the cells primary key. On
// SQLite each batch commits by itself: re-running after a kill starts again from the first row
// and finds the finished ranges empty. On PostgreSQL the migrator runs every migration in one
// transaction, so a kill rolls the batches back and the next start does them all again.
// The statements are spelled out here, not imported: a shipped migration must not change when the
// query code does.
export async function up(db: Kysely<unknown>, engine: MigrationEngine, progress: MigrationProgress, batchRows = BATCH_ROWS): Promise<void> {
  const total = Number((await sql<{ count: number | string }>`select count(*) as count from rows`.execute(db)).rows[0]!.count);
  let after = '';
  let visited = 0;
  let deleted = 0;
  for (;;) {
    const bound = await sql<{ id: string }>`select id from rows where id > ${after} order by id limit 1 offset ${batchRows - 1}`.execute(db);
    const last = bound.rows[0]?.id ?? null;
    const result = await sql`
      delete from cells
      where row_id > ${after} ${last === null ? sql`` : sql`and row_id <= ${last}`}
        and status = 'created' and value is null and error is null and stale is null
        and run_id is null and attempts = 0 and lease_token is null and lease_expires_at is null
        and previous_status is null and run_after is null
        and updated_at = (
          select case when r.created_at > c.created_at then r.created_at else c.created_at end
          from rows r, columns c
          where r.id = cells.row_id and c.id = cells.column_id
        )`.execute(db);
    deleted += Number(result.numAffectedRows ?? 0);
    visited = last === null ? total : visited + batchRows;
    progress(
      `0019-sparse-cells: ${visited.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows, ${deleted.toLocaleString('en-US')} empty cells removed`,
    );
    if (last === null) break;
    after = last;
  }
  // Fresh statistics: the cells table may have lost most of its rows.
  if (engine === 'postgres') await sql`analyze cells`.execute(db);
}
