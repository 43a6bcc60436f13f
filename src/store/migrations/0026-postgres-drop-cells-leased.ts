import { sql, type Kysely } from 'kysely';
import type { MigrationEngine } from './migration-engine.ts';

// PostgreSQL: `cells_leased` (lease expiry of the cells in progress) goes. Its one reader is the
// reaper, every few seconds, and `cells_lease_token` holds the same cells (status in_progress):
// the reaper reads them through it and keeps the expired ones, a few thousand entries at most
// (workers × concurrency). Its cost was on the hot path: every claim wrote an entry for each cell
// it leased (one of four index entries a claimed cell costs), and every lease renewal had to be
// a full update with an entry in each index, because it changed an indexed column; without the
// index a renewal changes no indexed column and PostgreSQL can update in place (HOT).
// SQLite keeps it: one writer, and its claims and renewals are not where its time goes.
export async function up(db: Kysely<unknown>, engine: MigrationEngine): Promise<void> {
  if (engine !== 'postgres') return;
  await sql`drop index if exists cells_leased`.execute(db);
}
