import { sql } from 'kysely';

/**
 * SQL for "this queued cell may start": no computed cell it depends on in the same row is
 * anything but done. Input cells never block (an empty input is the executor's concern).
 * Used inside UPDATE cells … SET is_ready = <this>, where `cells` is the updated row.
 */
export const READINESS = sql<number>`case when exists (
  select 1 from column_dependencies dependency
  join cells upstream on upstream.row_id = cells.row_id and upstream.column_id = dependency.depends_on_column_id
  where dependency.column_id = cells.column_id and upstream.is_input = 0 and upstream.status <> 'done'
) then 0 else 1 end`;
