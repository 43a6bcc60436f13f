import { sql, type Kysely } from 'kysely';
import type { Database, JobRow } from '../database-schema.ts';
import type { ClaimedJob, JobCount, NewJob } from '../job-store.ts';

export async function enqueueJob(db: Kysely<Database>, job: NewJob): Promise<boolean> {
  const result = await db
    .insertInto('jobs')
    .values({
      id: job.id,
      kind: job.kind,
      workspace_id: job.workspaceId,
      payload: JSON.stringify(job.payload ?? null),
      dedupe_key: job.dedupeKey,
      status: 'pending',
      attempts: 0,
      max_attempts: job.maxAttempts,
      run_after: job.runAfter,
      lease_token: null,
      lease_expires_at: null,
      last_error: null,
      created_at: job.now,
      updated_at: job.now,
    })
    // The predicate is a literal: SQLite matches a partial index only by its exact text.
    .onConflict((conflict) => conflict.columns(['kind', 'workspace_id', 'dedupe_key']).where(sql<boolean>`status = 'pending'`).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

type ClaimRow = Pick<JobRow, 'id' | 'kind' | 'workspace_id' | 'payload' | 'attempts' | 'max_attempts'>;

/**
 * The same shape as the cell claim: PostgreSQL picks rows with FOR UPDATE SKIP LOCKED so
 * concurrent workers take different jobs without waiting; SQLite has one writer and the select
 * and update run in one statement. The status re-check guards a row changed since the snapshot.
 */
export async function claimJobs(
  db: Kysely<Database>,
  options: { limit: number; leaseToken: string; leaseExpiresAt: number; nowMs: number; now: string; kinds?: readonly string[]; supportsSkipLocked: boolean },
): Promise<ClaimedJob[]> {
  if (options.kinds && options.kinds.length === 0) return [];
  const kindFilter = options.kinds ? sql`and kind in (${sql.join(options.kinds.map((kind) => sql`${kind}`))})` : sql``;
  const lock = options.supportsSkipLocked ? sql`for update skip locked` : sql``;
  // The pick is a materialized CTE: as an IN (subquery) PostgreSQL may run the locking subquery
  // more than once per statement and claim past the limit (two concurrent claims of 4 took 6 and 0).
  const result = await sql<ClaimRow>`
    with picked as materialized (
      select id from jobs
      where status = 'pending' and run_after <= ${options.nowMs} ${kindFilter}
      order by run_after, id
      limit ${options.limit}
      ${lock}
    )
    update jobs
    set status = 'running', attempts = attempts + 1,
        lease_token = ${options.leaseToken}, lease_expires_at = ${options.leaseExpiresAt}, updated_at = ${options.now}
    where id in (select id from picked) and status = 'pending'
    returning id, kind, workspace_id, payload, attempts, max_attempts`.execute(db);
  return result.rows
    .map((row) => ({
      id: row.id,
      kind: row.kind,
      workspaceId: row.workspace_id,
      payload: JSON.parse(row.payload) as unknown,
      attempts: Number(row.attempts),
      maxAttempts: Number(row.max_attempts),
      leaseToken: options.leaseToken,
    }))
    .sort((left, right) => (left.id < right.id ? -1 : 1));
}

export async function renewJobLease(db: Kysely<Database>, leaseToken: string, leaseExpiresAt: number): Promise<number> {
  const result = await db
    .updateTable('jobs')
    .set({ lease_expires_at: leaseExpiresAt })
    .where('lease_token', '=', leaseToken)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Ending is fenced by the lease token: a worker that lost its lease changes nothing. */
async function endHeldJob(
  db: Kysely<Database>,
  jobId: string,
  leaseToken: string,
  patch: { status: 'done' | 'failed'; last_error: string | null; updated_at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ ...patch, lease_token: null, lease_expires_at: null })
    .where('id', '=', jobId)
    .where('lease_token', '=', leaseToken)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export function completeHeldJob(db: Kysely<Database>, jobId: string, leaseToken: string, now: string): Promise<boolean> {
  return endHeldJob(db, jobId, leaseToken, { status: 'done', last_error: null, updated_at: now });
}

export function failHeldJob(db: Kysely<Database>, jobId: string, leaseToken: string, error: string, now: string): Promise<boolean> {
  return endHeldJob(db, jobId, leaseToken, { status: 'failed', last_error: error, updated_at: now });
}

/**
 * Back to pending, unless a pending twin with the same dedupe key was queued while this one ran:
 * then this one is superseded (the twin does the same work, later), since two pending jobs with
 * one key are what the unique index forbids.
 */
async function returnToQueue(
  db: Kysely<Database>,
  job: Pick<JobRow, 'id' | 'kind' | 'workspace_id' | 'dedupe_key' | 'lease_token'>,
  patch: { run_after?: number; last_error?: string | null; attempts?: number; updated_at: string },
): Promise<boolean> {
  let hasTwin = false;
  if (job.dedupe_key !== null) {
    const twin = await db
      .selectFrom('jobs')
      .select('id')
      .where('kind', '=', job.kind)
      .where('workspace_id', '=', job.workspace_id)
      .where('dedupe_key', '=', job.dedupe_key)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    hasTwin = twin !== undefined;
  }
  const result = await db
    .updateTable('jobs')
    .set({ ...patch, status: hasTwin ? 'superseded' : 'pending', lease_token: null, lease_expires_at: null })
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('lease_token', job.lease_token === null ? 'is' : '=', job.lease_token)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

async function findHeldJob(db: Kysely<Database>, jobId: string, leaseToken: string) {
  return db
    .selectFrom('jobs')
    .select(['id', 'kind', 'workspace_id', 'dedupe_key', 'lease_token', 'attempts'])
    .where('id', '=', jobId)
    .where('lease_token', '=', leaseToken)
    .where('status', '=', 'running')
    .executeTakeFirst();
}

export async function retryHeldJob(db: Kysely<Database>, jobId: string, leaseToken: string, runAfter: number, error: string, now: string): Promise<boolean> {
  const held = await findHeldJob(db, jobId, leaseToken);
  if (!held) return false;
  return returnToQueue(db, held, { run_after: runAfter, last_error: error, updated_at: now });
}

export async function releaseJobLease(db: Kysely<Database>, leaseToken: string, now: string): Promise<number> {
  const held = await db
    .selectFrom('jobs')
    .select(['id', 'kind', 'workspace_id', 'dedupe_key', 'lease_token', 'attempts'])
    .where('lease_token', '=', leaseToken)
    .where('status', '=', 'running')
    .execute();
  let released = 0;
  // The claim that is given back does not count as an attempt.
  for (const job of held) if (await returnToQueue(db, job, { attempts: Math.max(0, Number(job.attempts) - 1), updated_at: now })) released += 1;
  return released;
}

export async function reapExpiredJobs(
  db: Kysely<Database>,
  options: { nowMs: number | null; now: string; limit: number },
): Promise<{ requeued: number; failed: number }> {
  let query = db
    .selectFrom('jobs')
    .select(['id', 'kind', 'workspace_id', 'dedupe_key', 'lease_token', 'attempts', 'max_attempts'])
    .where('status', '=', 'running')
    .limit(options.limit);
  if (options.nowMs !== null) query = query.where('lease_expires_at', '<', options.nowMs);
  const held = await query.execute();
  const outcome = { requeued: 0, failed: 0 };
  for (const job of held) {
    if (Number(job.attempts) >= Number(job.max_attempts)) {
      const message = `the worker running this job stopped before it ended (gave up after ${job.attempts} attempts)`;
      if (job.lease_token !== null && (await failHeldJob(db, job.id, job.lease_token, message, options.now))) outcome.failed += 1;
    } else if (await returnToQueue(db, job, { updated_at: options.now })) outcome.requeued += 1;
  }
  return outcome;
}

export async function countJobs(db: Kysely<Database>, workspaceId?: string): Promise<JobCount[]> {
  let query = db
    .selectFrom('jobs')
    .select(['kind', 'status', (expression) => expression.fn.countAll<number>().as('count')])
    .groupBy(['kind', 'status']);
  if (workspaceId) query = query.where('workspace_id', '=', workspaceId);
  const rows = await query.orderBy('kind').orderBy('status').execute();
  return rows.map((row) => ({ kind: row.kind, status: row.status, count: Number(row.count) }));
}
