import { NO_TASK_SPEND } from '../domain/cost/task-spend.ts';
import { registrableDomain } from '../domain/company-identifier.ts';
import {
  type DiscoveryCandidate,
  type DiscoveryCounters,
  type DiscoveryCriterion,
  type DiscoveryDataSource,
  type DiscoveryTask,
  MAX_DISCOVERY_RESULTS,
  MAX_EXCLUDED_DOMAINS,
} from '../domain/discovery/discovery-task.ts';
import { AppError, NotFoundError, ValidationError } from '../domain/errors.ts';
import type { Principal } from '../domain/records.ts';
import { budgetFromWire } from '../domain/task-budget.ts';
import type { ServiceContext } from './service-context.ts';
import { requireTable } from './table-lookup.ts';

/** The job that plans searches and collects candidates; the engine registers it (agents/discovery). */
export const DISCOVER_JOB = 'discovery.discover';

export interface CreateDiscoveryTaskInput {
  query: string;
  desired_num_results: number;
  criteria?: DiscoveryCriterion[] | null;
  auto_data_sources: boolean;
  data_sources: DiscoveryDataSource[];
  table?: { id: string; run: boolean; columns: string[]; auto_import: boolean } | null;
  exclude_domains: string[];
  exclude_task_ids: string[];
  budget?: { model_calls?: number | undefined; searches?: number | undefined } | null;
}

export interface DiscoveryTaskWithCounters {
  task: DiscoveryTask;
  counters: DiscoveryCounters;
}

/**
 * Criteria when none are given (§5.2 "generated from query"): one criterion restating the query,
 * so every candidate is graded on what was asked. Made without a model, so creating a task never
 * waits on one; INFERENCE recorded in docs/decisions/2026-12-06-discovery-tasks.md.
 */
export function criteriaFromQuery(query: string): DiscoveryCriterion[] {
  const text = query.trim().replace(/\s+/g, ' ').slice(0, 440);
  return [{ key: 'matches_query', name: 'Matches the query', criterion: `The company fits this description: ${text}` }];
}

/** `https://www.Acme.com/about` → `acme.com`; a value that names no domain is a 422 at its index. */
function normaliseExcludedDomains(values: string[]): string[] {
  const domains = new Set<string>();
  values.forEach((value, index) => {
    const trimmed = value.trim();
    const domain = registrableDomain(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
    if (!domain?.includes('.')) throw ValidationError.single(['body', 'exclude_domains', index], `'${value}' is not a domain or URL`);
    domains.add(domain);
  });
  return [...domains];
}

export async function createDiscoveryTask(context: ServiceContext, principal: Principal, input: CreateDiscoveryTaskInput): Promise<DiscoveryTaskWithCounters> {
  const { store } = context;
  const workspaceId = principal.workspace.id;
  if (!input.auto_data_sources && input.data_sources.length === 0)
    throw ValidationError.single(['body', 'data_sources'], 'give at least one data source when auto_data_sources is false');
  const excluded = new Set(normaliseExcludedDomains(input.exclude_domains));
  const excludedTasks: string[] = [];
  for (const [index, taskId] of input.exclude_task_ids.entries()) {
    const other = await store.findDiscoveryTask(workspaceId, taskId);
    if (!other) throw ValidationError.single(['body', 'exclude_task_ids', index], `discovery task ${taskId} not found`);
    if (other.status !== 'done')
      throw ValidationError.single(['body', 'exclude_task_ids', index], `discovery task ${taskId} is not done (it is ${other.status})`);
    excludedTasks.push(taskId);
  }
  for (const domain of await store.listEvaluatedDomains(excludedTasks)) excluded.add(domain);
  if (excluded.size > MAX_EXCLUDED_DOMAINS)
    throw ValidationError.single(
      ['body', 'exclude_domains'],
      `at most ${MAX_EXCLUDED_DOMAINS} excluded domains (with those of exclude_task_ids); got ${excluded.size}`,
    );
  if (input.table) {
    const table = await requireTable(store, principal, input.table.id);
    if (table.kind !== 'company')
      throw ValidationError.single(['body', 'table', 'id'], `table ${table.id} is a ${table.kind} table; discovery results go into company tables`);
  }
  const now = context.now();
  const hasCriteria = Boolean(input.criteria && input.criteria.length > 0);
  const task: DiscoveryTask = {
    id: context.newId(),
    workspaceId,
    ownerId: principal.user.id,
    query: input.query,
    desiredNumResults: input.desired_num_results,
    criteria: hasCriteria ? input.criteria! : criteriaFromQuery(input.query),
    autoDataSources: input.auto_data_sources,
    // With auto_data_sources the server picks: web search and the workspace's own company index
    // (`extruct_db`, INFERENCE: the vendor's company database; Fathom's is the workspace index).
    dataSources: input.auto_data_sources ? ['web_search', 'extruct_db'] : input.data_sources,
    table: input.table ? { id: input.table.id, run: input.table.run, columns: input.table.columns, autoImport: input.table.auto_import } : null,
    excludeDomains: [...excluded].sort(),
    status: 'created',
    isExhausted: false,
    isPaused: false,
    queriesUsed: 0,
    failureReason: null,
    usage: { modelCalls: 0, searches: 0, pageReads: 0, ...NO_TASK_SPEND },
    createdAt: now,
    updatedAt: now,
    budget: budgetFromWire(input.budget),
    degradationReasons: [],
    // Drafted from the query by the discover stage when a model is there (creation never waits on one).
    criteriaPending: !hasCriteria,
  };
  await store.insertDiscoveryTask(task);
  await context.enqueueJob(workspaceId, DISCOVER_JOB, { taskId: task.id }, { dedupeKey: task.id });
  return { task, counters: await store.countDiscoveryCandidates(task.id) };
}

async function requireTask(context: ServiceContext, principal: Principal, taskId: string): Promise<DiscoveryTask> {
  const task = await context.store.findDiscoveryTask(principal.workspace.id, taskId);
  if (!task) throw new NotFoundError(`Discovery task ${taskId} not found`);
  return task;
}

export async function getDiscoveryTask(context: ServiceContext, principal: Principal, taskId: string): Promise<DiscoveryTaskWithCounters> {
  const task = await requireTask(context, principal, taskId);
  return { task, counters: await context.store.countDiscoveryCandidates(task.id) };
}

export async function listDiscoveryTasks(
  context: ServiceContext,
  principal: Principal,
  page: { offset: number; limit: number },
): Promise<DiscoveryTaskWithCounters[]> {
  const tasks = await context.store.listDiscoveryTasks(principal.workspace.id, page);
  return Promise.all(tasks.map(async (task) => ({ task, counters: await context.store.countDiscoveryCandidates(task.id) })));
}

export async function listDiscoveryResults(
  context: ServiceContext,
  principal: Principal,
  taskId: string,
  page: { offset: number; limit: number },
): Promise<DiscoveryTaskWithCounters & { results: DiscoveryCandidate[] }> {
  const found = await getDiscoveryTask(context, principal, taskId);
  return { ...found, results: await context.store.listDiscoveryResults(taskId, page) };
}

/** §5.6: look for `desiredNewResults` more companies, within the 250 cap; 400 once the pool is used up. */
export async function resumeDiscoveryTask(
  context: ServiceContext,
  principal: Principal,
  taskId: string,
  desiredNewResults: number,
): Promise<DiscoveryTaskWithCounters> {
  const task = await requireTask(context, principal, taskId);
  if (task.isExhausted)
    throw new AppError(
      'discovery_exhausted',
      400,
      `Discovery task ${taskId} is exhausted: its sources have no more candidates; start a new task with a broader query`,
    );
  const counters = await context.store.countDiscoveryCandidates(task.id);
  // The new target counts from what was evaluated, so a resume adds only new companies.
  const desired = Math.min(MAX_DISCOVERY_RESULTS, Math.max(task.desiredNumResults, counters.evaluated + counters.inFlight) + desiredNewResults);
  await context.store.updateDiscoveryTask(task.id, { desiredNumResults: desired, isPaused: false, status: 'in_progress' }, context.now());
  await context.enqueueJob(task.workspaceId, DISCOVER_JOB, { taskId: task.id }, { dedupeKey: task.id });
  return getDiscoveryTask(context, principal, taskId);
}

/** §5.7 (INFERENCE): stop scheduling more candidates; what is queued drains, then the task is done. */
export async function pauseDiscoveryTask(context: ServiceContext, principal: Principal, taskId: string): Promise<DiscoveryTaskWithCounters> {
  const task = await requireTask(context, principal, taskId);
  if (task.status === 'in_progress' || task.status === 'created') {
    await context.store.updateDiscoveryTask(task.id, { isPaused: true }, context.now());
    // The discover job notices the pause and ends the task once evaluation has drained.
    await context.enqueueJob(task.workspaceId, DISCOVER_JOB, { taskId: task.id }, { dedupeKey: task.id });
  }
  return getDiscoveryTask(context, principal, taskId);
}
