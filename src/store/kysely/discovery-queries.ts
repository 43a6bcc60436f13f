import { sql, type Kysely } from 'kysely';
import type { CandidateStatus, DiscoveryCandidate, DiscoveryCounters, DiscoveryTask, DiscoveryUsage } from '../../domain/discovery/discovery-task.ts';
import type { Database, DiscoveryCandidateRow, DiscoveryTaskRow } from '../database-schema.ts';
import type { DiscoveryStore, DiscoveryTaskPatch, NewCandidate } from '../discovery-store.ts';
import { addTaskSpend, NO_SPEND_COLUMNS, taskSpendOf } from './task-spend-columns.ts';

function toTask(row: DiscoveryTaskRow): DiscoveryTask {
  const link = row.table_link ? (JSON.parse(row.table_link) as { id: string; run: boolean; columns: string[]; auto_import: boolean }) : null;
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    ownerId: row.owner_id,
    query: row.query,
    desiredNumResults: Number(row.desired_num_results),
    criteria: JSON.parse(row.criteria),
    autoDataSources: Boolean(row.auto_data_sources),
    dataSources: JSON.parse(row.data_sources),
    table: link ? { id: link.id, run: link.run, columns: link.columns, autoImport: link.auto_import } : null,
    excludeDomains: JSON.parse(row.exclude_domains),
    status: row.status as DiscoveryTask['status'],
    isExhausted: Boolean(row.is_exhausted),
    isPaused: Boolean(row.is_paused),
    queriesUsed: Number(row.queries_used),
    failureReason: row.failure_reason,
    usage: { modelCalls: Number(row.model_calls), searches: Number(row.searches), pageReads: Number(row.page_reads), ...taskSpendOf(row) },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    budget: row.budget ? JSON.parse(row.budget) : null,
    degradationReasons: JSON.parse(row.degradation_reasons ?? '[]'),
    criteriaPending: Boolean(row.criteria_pending),
  };
}

function toCandidate(row: DiscoveryCandidateRow): DiscoveryCandidate {
  return {
    id: row.id,
    taskId: row.task_id,
    domain: row.domain,
    name: row.name,
    website: row.website,
    source: row.source as DiscoveryCandidate['source'],
    sourceUrl: row.source_url,
    status: row.status as CandidateStatus,
    companyProfileId: row.company_profile_id,
    description: row.description,
    scores: row.scores ? JSON.parse(row.scores) : null,
    relevance: row.relevance === null ? null : Number(row.relevance),
    isHighFit: Boolean(row.is_high_fit),
    rejectedBecause: row.rejected_because,
    importedRowId: row.imported_row_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function insertDiscoveryTask(db: Kysely<Database>, task: DiscoveryTask): Promise<void> {
  await db
    .insertInto('discovery_tasks')
    .values({
      id: task.id,
      workspace_id: task.workspaceId,
      owner_id: task.ownerId,
      query: task.query,
      desired_num_results: task.desiredNumResults,
      criteria: JSON.stringify(task.criteria),
      auto_data_sources: task.autoDataSources ? 1 : 0,
      data_sources: JSON.stringify(task.dataSources),
      table_link: task.table
        ? JSON.stringify({ id: task.table.id, run: task.table.run, columns: task.table.columns, auto_import: task.table.autoImport })
        : null,
      exclude_domains: JSON.stringify(task.excludeDomains),
      status: task.status,
      is_exhausted: task.isExhausted ? 1 : 0,
      is_paused: task.isPaused ? 1 : 0,
      queries_used: task.queriesUsed,
      failure_reason: task.failureReason,
      model_calls: 0,
      searches: 0,
      page_reads: 0,
      ...NO_SPEND_COLUMNS,
      created_at: task.createdAt,
      updated_at: task.updatedAt,
      budget: task.budget ? JSON.stringify(task.budget) : null,
      degradation_reasons: JSON.stringify(task.degradationReasons),
      criteria_pending: task.criteriaPending ? 1 : 0,
    })
    .execute();
}

export async function findDiscoveryTask(db: Kysely<Database>, workspaceId: string, taskId: string): Promise<DiscoveryTask | undefined> {
  const row = await db.selectFrom('discovery_tasks').selectAll().where('id', '=', taskId).where('workspace_id', '=', workspaceId).executeTakeFirst();
  return row ? toTask(row) : undefined;
}

export async function listDiscoveryTasks(db: Kysely<Database>, workspaceId: string, page: { offset: number; limit: number }): Promise<DiscoveryTask[]> {
  const rows = await db
    .selectFrom('discovery_tasks')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  return rows.map(toTask);
}

export async function updateDiscoveryTask(db: Kysely<Database>, taskId: string, patch: DiscoveryTaskPatch, now: string): Promise<void> {
  await db
    .updateTable('discovery_tasks')
    .set({
      updated_at: now,
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      ...(patch.isExhausted !== undefined ? { is_exhausted: patch.isExhausted ? 1 : 0 } : {}),
      ...(patch.isPaused !== undefined ? { is_paused: patch.isPaused ? 1 : 0 } : {}),
      ...(patch.queriesUsed !== undefined ? { queries_used: patch.queriesUsed } : {}),
      ...(patch.desiredNumResults !== undefined ? { desired_num_results: patch.desiredNumResults } : {}),
      ...(patch.failureReason !== undefined ? { failure_reason: patch.failureReason } : {}),
      ...(patch.criteria !== undefined ? { criteria: JSON.stringify(patch.criteria) } : {}),
      ...(patch.criteriaPending !== undefined ? { criteria_pending: patch.criteriaPending ? 1 : 0 } : {}),
      ...(patch.degradationReasons !== undefined ? { degradation_reasons: JSON.stringify(patch.degradationReasons) } : {}),
    })
    .where('id', '=', taskId)
    .execute();
}

export async function addDiscoveryUsage(db: Kysely<Database>, taskId: string, usage: Partial<DiscoveryUsage>): Promise<void> {
  await db
    .updateTable('discovery_tasks')
    .set((expression) => ({
      ...addTaskSpend(usage),
      model_calls: expression('model_calls', '+', usage.modelCalls ?? 0),
      searches: expression('searches', '+', usage.searches ?? 0),
      page_reads: expression('page_reads', '+', usage.pageReads ?? 0),
    }))
    .where('id', '=', taskId)
    .execute();
}

export async function countDiscoveryCandidates(db: Kysely<Database>, taskId: string): Promise<DiscoveryCounters> {
  const rows = await db
    .selectFrom('discovery_candidates')
    .select([
      'status',
      'is_high_fit',
      (expression) => expression.fn.countAll<number>().as('count'),
      // '' marks an import that was given up (see the evaluate job): only null still awaits one.
      sql<number>`sum(case when imported_row_id is null then 1 else 0 end)`.as('unimported'),
    ])
    .where('task_id', '=', taskId)
    .groupBy(['status', 'is_high_fit'])
    .execute();
  const byStatus = (status: CandidateStatus) => rows.filter((row) => row.status === status).reduce((sum, row) => sum + Number(row.count), 0);
  const evaluated = byStatus('evaluated');
  const enriched = byStatus('enriched');
  const queued = byStatus('queued');
  const waiting = byStatus('discovered');
  const rejected = byStatus('rejected');
  return {
    // Every candidate that reached the pool counts as discovered, rejected ones included.
    discovered: evaluated + enriched + queued + waiting + rejected,
    enriched: evaluated + enriched,
    evaluated,
    results: rows.filter((row) => row.status === 'evaluated' && Number(row.is_high_fit) === 1).reduce((sum, row) => sum + Number(row.count), 0),
    waiting,
    inFlight: queued + enriched,
    queued,
    awaitingImport: rows.filter((row) => row.status === 'evaluated').reduce((sum, row) => sum + Number(row.unimported ?? 0), 0),
    rejected,
  };
}

export async function insertDiscoveryCandidates(db: Kysely<Database>, taskId: string, candidates: NewCandidate[], now: string): Promise<NewCandidate[]> {
  const inserted: NewCandidate[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (seen.has(candidate.domain)) continue;
    seen.add(candidate.domain);
    const result = await db
      .insertInto('discovery_candidates')
      .values({
        id: candidate.id,
        task_id: taskId,
        domain: candidate.domain,
        name: candidate.name,
        website: candidate.website,
        source: candidate.source,
        source_url: candidate.sourceUrl,
        status: 'discovered',
        company_profile_id: null,
        description: null,
        scores: null,
        relevance: null,
        is_high_fit: 0,
        rejected_because: null,
        imported_row_id: null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((conflict) => conflict.columns(['task_id', 'domain']).doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) > 0) inserted.push(candidate);
  }
  return inserted;
}

export async function queueDiscoveredCandidates(db: Kysely<Database>, taskId: string, limit: number, now: string): Promise<DiscoveryCandidate[]> {
  if (limit <= 0) return [];
  const rows = await sql<DiscoveryCandidateRow>`
    update discovery_candidates set status = 'queued', updated_at = ${now}
    where id in (
      select id from discovery_candidates where task_id = ${taskId} and status = 'discovered'
      order by created_at, id limit ${limit}
    ) and status = 'discovered'
    returning *`.execute(db);
  return rows.rows.map(toCandidate).sort((left, right) => (left.id < right.id ? -1 : 1));
}

export async function findDiscoveryCandidate(db: Kysely<Database>, taskId: string, candidateId: string): Promise<DiscoveryCandidate | undefined> {
  const row = await db.selectFrom('discovery_candidates').selectAll().where('id', '=', candidateId).where('task_id', '=', taskId).executeTakeFirst();
  return row ? toCandidate(row) : undefined;
}

export const advanceDiscoveryCandidate = async (
  db: Kysely<Database>,
  ...[candidateId, from, patch, now]: Parameters<DiscoveryStore['advanceDiscoveryCandidate']>
): Promise<boolean> => {
  const result = await db
    .updateTable('discovery_candidates')
    .set({
      status: patch.status,
      updated_at: now,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.companyProfileId !== undefined ? { company_profile_id: patch.companyProfileId } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.scores !== undefined ? { scores: JSON.stringify(patch.scores) } : {}),
      ...(patch.relevance !== undefined ? { relevance: patch.relevance } : {}),
      ...(patch.isHighFit !== undefined ? { is_high_fit: patch.isHighFit ? 1 : 0 } : {}),
      ...(patch.rejectedBecause !== undefined ? { rejected_because: patch.rejectedBecause } : {}),
    })
    .where('id', '=', candidateId)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
};

export async function listDiscoveryResults(db: Kysely<Database>, taskId: string, page: { offset: number; limit: number }): Promise<DiscoveryCandidate[]> {
  const rows = await db
    .selectFrom('discovery_candidates')
    .selectAll()
    .where('task_id', '=', taskId)
    .where('status', '=', 'evaluated')
    .orderBy('relevance', 'desc')
    .orderBy('updated_at')
    .orderBy('id')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  return rows.map(toCandidate);
}

export async function listEvaluatedDomains(db: Kysely<Database>, taskIds: string[]): Promise<string[]> {
  if (taskIds.length === 0) return [];
  const rows = await db
    .selectFrom('discovery_candidates')
    .select('domain')
    .distinct()
    .where('task_id', 'in', taskIds)
    .where('status', '=', 'evaluated')
    .execute();
  return rows.map((row) => row.domain);
}

export async function markCandidateImported(db: Kysely<Database>, candidateId: string, rowId: string): Promise<boolean> {
  const result = await db
    .updateTable('discovery_candidates')
    .set({ imported_row_id: rowId })
    .where('id', '=', candidateId)
    .where('imported_row_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
