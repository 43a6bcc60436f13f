import { sql, type Kysely } from 'kysely';

// Long-running work that is not a cell (discovery stages, deep research, embeddings, bulk
// profile builds) queued on the same engine: claimed under fenced leases, retried, reaped.
// Payloads are JSON text and lease/run times epoch ms, as for cells.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('workspace_id', 'text', (column) => column.notNull())
    .addColumn('payload', 'text', (column) => column.notNull())
    .addColumn('dedupe_key', 'text')
    // pending → running → done | failed; superseded when a retry found a newer pending twin.
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (column) => column.notNull())
    .addColumn('run_after', 'bigint', (column) => column.notNull())
    .addColumn('lease_token', 'text')
    .addColumn('lease_expires_at', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  // One pending job per dedupe key: enqueueing the same work twice before it starts is a no-op.
  await db.schema
    .createIndex('jobs_pending_dedupe')
    .on('jobs')
    .columns(['kind', 'workspace_id', 'dedupe_key'])
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  await db.schema.createIndex('jobs_claimable').on('jobs').column('run_after').where(sql.ref('status'), '=', 'pending').execute();
  await db.schema.createIndex('jobs_leased').on('jobs').column('lease_expires_at').where(sql.ref('status'), '=', 'running').execute();
  await db.schema.createIndex('jobs_lease_token').on('jobs').column('lease_token').where(sql.ref('status'), '=', 'running').execute();
}
