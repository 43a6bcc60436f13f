import { NO_TASK_SPEND } from '../domain/cost/task-spend.ts';
import type { DeepResearchDepth, DeepResearchFinding, DeepResearchTask } from '../domain/deep-research/deep-research-task.ts';
import { AppError, NotFoundError } from '../domain/errors.ts';
import type { Principal } from '../domain/records.ts';
import { budgetFromWire } from '../domain/task-budget.ts';
import type { ServiceContext } from './service-context.ts';

/** The job that splits the brief into sub-questions; the engine registers it (agents/deep-research). */
export const PLAN_RESEARCH_JOB = 'deep_research.plan';

export interface CreateDeepResearchTaskInput {
  brief: string;
  depth: DeepResearchDepth;
  output_schema?: Record<string, unknown> | null;
  budget?: { model_calls?: number | undefined; searches?: number | undefined } | null;
}

export interface DeepResearchTaskWithFindings {
  task: DeepResearchTask;
  findings: DeepResearchFinding[];
}

/** §5.8.1: stored, then planned by a job; nothing is researched while the request waits. */
export async function createDeepResearchTask(
  context: ServiceContext,
  principal: Principal,
  input: CreateDeepResearchTaskInput,
): Promise<DeepResearchTaskWithFindings> {
  const now = context.now();
  const task: DeepResearchTask = {
    id: context.newId(),
    workspaceId: principal.workspace.id,
    ownerId: principal.user.id,
    brief: input.brief,
    depth: input.depth,
    outputSchema: input.output_schema ?? null,
    status: 'created',
    iterations: 0,
    failureReason: null,
    report: null,
    degradationReasons: [],
    usage: { modelCalls: 0, tokens: 0, searches: 0, pageFetches: 0, ...NO_TASK_SPEND },
    createdAt: now,
    updatedAt: now,
    budget: budgetFromWire(input.budget),
  };
  // All or nothing (§5.8.1): a task whose planning job could not be queued is not kept.
  await context.store.transaction(async (store) => {
    await store.insertDeepResearchTask(task);
  });
  try {
    await context.enqueueJob(task.workspaceId, PLAN_RESEARCH_JOB, { taskId: task.id }, { dedupeKey: task.id });
  } catch (error) {
    await context.store.updateDeepResearchTask(task.id, { status: 'failed', failureReason: 'scheduling failed; create the task again' }, context.now());
    throw new AppError('scheduling_failed', 503, `the research could not be scheduled (${error instanceof Error ? error.message : String(error)}); retry`);
  }
  return { task, findings: [] };
}

export async function getDeepResearchTask(context: ServiceContext, principal: Principal, taskId: string): Promise<DeepResearchTaskWithFindings> {
  const task = await context.store.findDeepResearchTask(principal.workspace.id, taskId);
  if (!task) throw new NotFoundError(`Deep research task ${taskId} not found`);
  return { task, findings: await context.store.listDeepResearchFindings(task.id) };
}

export async function listDeepResearchTasks(
  context: ServiceContext,
  principal: Principal,
  page: { offset: number; limit: number },
): Promise<DeepResearchTaskWithFindings[]> {
  const tasks = await context.store.listDeepResearchTasks(principal.workspace.id, page);
  return Promise.all(tasks.map(async (task) => ({ task, findings: await context.store.listDeepResearchFindings(task.id) })));
}
