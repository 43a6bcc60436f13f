import { sql, type Kysely } from 'kysely';
import type { DeepResearchFinding, DeepResearchTask } from '../../domain/deep-research/deep-research-task.ts';
import type { Database, DeepResearchFindingRow, DeepResearchTaskRow } from '../database-schema.ts';
import type { DeepResearchStore, DeepResearchTaskPatch } from '../deep-research-store.ts';
import { addTaskSpend, NO_SPEND_COLUMNS, taskSpendOf } from './task-spend-columns.ts';

function toTask(row: DeepResearchTaskRow): DeepResearchTask {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    ownerId: row.owner_id,
    brief: row.brief,
    depth: row.depth as DeepResearchTask['depth'],
    outputSchema: row.output_schema ? JSON.parse(row.output_schema) : null,
    status: row.status as DeepResearchTask['status'],
    iterations: Number(row.iterations),
    failureReason: row.failure_reason,
    report: row.report ? JSON.parse(row.report) : null,
    degradationReasons: JSON.parse(row.degradation_reasons),
    usage: {
      modelCalls: Number(row.model_calls),
      tokens: Number(row.tokens),
      searches: Number(row.searches),
      pageFetches: Number(row.page_fetches),
      ...taskSpendOf(row),
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    budget: row.budget ? JSON.parse(row.budget) : null,
  };
}

function toFinding(row: DeepResearchFindingRow): DeepResearchFinding {
  return {
    id: row.id,
    taskId: row.task_id,
    position: Number(row.position),
    question: row.question,
    status: row.status as DeepResearchFinding['status'],
    answer: row.answer,
    excerpts: JSON.parse(row.excerpts),
    error: row.error,
  };
}

export async function insertDeepResearchTask(db: Kysely<Database>, task: DeepResearchTask): Promise<void> {
  await db
    .insertInto('deep_research_tasks')
    .values({
      id: task.id,
      workspace_id: task.workspaceId,
      owner_id: task.ownerId,
      brief: task.brief,
      depth: task.depth,
      output_schema: task.outputSchema ? JSON.stringify(task.outputSchema) : null,
      status: task.status,
      iterations: task.iterations,
      failure_reason: task.failureReason,
      report: null,
      degradation_reasons: JSON.stringify(task.degradationReasons),
      target: null,
      model_calls: 0,
      tokens: 0,
      searches: 0,
      page_fetches: 0,
      ...NO_SPEND_COLUMNS,
      created_at: task.createdAt,
      updated_at: task.updatedAt,
      budget: task.budget ? JSON.stringify(task.budget) : null,
    })
    .execute();
}

export async function findDeepResearchTask(db: Kysely<Database>, workspaceId: string, taskId: string): Promise<DeepResearchTask | undefined> {
  const row = await db.selectFrom('deep_research_tasks').selectAll().where('id', '=', taskId).where('workspace_id', '=', workspaceId).executeTakeFirst();
  return row ? toTask(row) : undefined;
}

export async function findDeepResearchTarget(db: Kysely<Database>, taskId: string): ReturnType<DeepResearchStore['findDeepResearchTarget']> {
  const row = await db.selectFrom('deep_research_tasks').select('target').where('id', '=', taskId).executeTakeFirst();
  return row?.target ? JSON.parse(row.target) : null;
}

export async function listDeepResearchTasks(db: Kysely<Database>, workspaceId: string, page: { offset: number; limit: number }): Promise<DeepResearchTask[]> {
  const rows = await db
    .selectFrom('deep_research_tasks')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map(toTask);
}

export async function updateDeepResearchTask(db: Kysely<Database>, taskId: string, patch: DeepResearchTaskPatch, now: string): Promise<void> {
  await db
    .updateTable('deep_research_tasks')
    .set({
      updated_at: now,
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      ...(patch.failureReason !== undefined ? { failure_reason: patch.failureReason } : {}),
      ...(patch.report !== undefined ? { report: patch.report ? JSON.stringify(patch.report) : null } : {}),
      ...(patch.target !== undefined ? { target: patch.target ? JSON.stringify(patch.target) : null } : {}),
    })
    .where('id', '=', taskId)
    .execute();
}

export async function noteDeepResearchProgress(
  db: Kysely<Database>,
  taskId: string,
  progress: Parameters<DeepResearchStore['noteDeepResearchProgress']>[1],
): Promise<void> {
  const usage = progress.usage ?? {};
  await db
    .updateTable('deep_research_tasks')
    .set((expression) => ({
      ...addTaskSpend(usage),
      model_calls: expression('model_calls', '+', usage.modelCalls ?? 0),
      tokens: expression('tokens', '+', usage.tokens ?? 0),
      searches: expression('searches', '+', usage.searches ?? 0),
      page_fetches: expression('page_fetches', '+', usage.pageFetches ?? 0),
      iterations: expression('iterations', '+', progress.iterations ?? 0),
    }))
    .where('id', '=', taskId)
    .execute();
  if (progress.degradationReasons && progress.degradationReasons.length > 0) {
    // Read-modify-write of a short JSON list, safe under parallel agents: the counter update above
    // already holds the row's write lock until this transaction commits (see kysely-store).
    const row = await db.selectFrom('deep_research_tasks').select('degradation_reasons').where('id', '=', taskId).executeTakeFirst();
    const reasons = [...new Set([...(row ? (JSON.parse(row.degradation_reasons) as string[]) : []), ...progress.degradationReasons])];
    await db
      .updateTable('deep_research_tasks')
      .set({ degradation_reasons: JSON.stringify(reasons) })
      .where('id', '=', taskId)
      .execute();
  }
}

export async function insertDeepResearchFindings(db: Kysely<Database>, findings: DeepResearchFinding[]): Promise<void> {
  if (findings.length === 0) return;
  await db
    .insertInto('deep_research_findings')
    .values(
      findings.map((finding) => ({
        id: finding.id,
        task_id: finding.taskId,
        position: finding.position,
        question: finding.question,
        status: finding.status,
        answer: finding.answer,
        excerpts: JSON.stringify(finding.excerpts),
        error: finding.error,
        updated_at: sql<string>`${new Date().toISOString()}`,
      })),
    )
    .onConflict((conflict) => conflict.columns(['task_id', 'position']).doNothing())
    .execute();
}

export async function listDeepResearchFindings(db: Kysely<Database>, taskId: string): Promise<DeepResearchFinding[]> {
  const rows = await db.selectFrom('deep_research_findings').selectAll().where('task_id', '=', taskId).orderBy('position').execute();
  return rows.map(toFinding);
}

export async function finishDeepResearchFinding(
  db: Kysely<Database>,
  findingId: string,
  outcome: Parameters<DeepResearchStore['finishDeepResearchFinding']>[1],
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('deep_research_findings')
    .set({ status: outcome.status, answer: outcome.answer, excerpts: JSON.stringify(outcome.excerpts), error: outcome.error, updated_at: now })
    .where('id', '=', findingId)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  // The agent's end is an analysis step, counted in the same transaction so a reader that sees
  // the finding ended (the writer, a poller) also sees the step.
  await db
    .updateTable('deep_research_tasks')
    .set((expression) => ({ iterations: expression('iterations', '+', 1) }))
    .where('id', '=', sql<string>`(select task_id from deep_research_findings where id = ${findingId})`)
    .execute();
  return true;
}
