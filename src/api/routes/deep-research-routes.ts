import type { Hono } from 'hono';
import { z } from 'zod';
import { presentTaskSpend } from '../cost-presenters.ts';
import { budgetToWire } from '../../domain/task-budget.ts';
import { countSourceUrls, type DeepResearchReport } from '../../domain/deep-research/deep-research-task.ts';
import type { Principal } from '../../domain/records.ts';
import { createDeepResearchTask, type DeepResearchTaskWithFindings, getDeepResearchTask, listDeepResearchTasks } from '../../services/deep-research-service.ts';
import type { ServiceContext } from '../../services/service-context.ts';
import { defineRoute, type AppEnvironment, type RouteCatalog } from '../route-definition.ts';
import { CreateDeepResearchTaskSchema, DeepResearchTaskSchema, ListDeepResearchTasksQuerySchema } from '../schemas/deep-research-schemas.ts';

function presentReport(report: DeepResearchReport | null) {
  if (!report) return null;
  const sources = report.sources.map((source) => ({ id: source.id, url: source.url, excerpt: source.excerpt }));
  return report.kind === 'markdown'
    ? { kind: 'markdown' as const, markdown: report.markdown, sources, degradation_reasons: report.degradationReasons }
    : { kind: 'schema' as const, fields: report.fields, basis: report.basis, sources, degradation_reasons: report.degradationReasons };
}

/** A deep research task on the wire (§5.8.1); `agents` and `sources` counted from its findings. */
export function presentDeepResearchTask({ task, findings }: DeepResearchTaskWithFindings, principal: Principal) {
  return {
    id: task.id,
    created_at: task.createdAt,
    updated_at: task.updatedAt,
    status: task.status,
    brief: task.brief,
    depth: task.depth,
    iterations: task.iterations,
    agents: findings.filter((finding) => finding.status !== 'queued').length,
    sources: countSourceUrls(findings),
    // Tasks are read within the workspace; the email is known for the caller's own tasks.
    owner: { id: task.ownerId, email: task.ownerId === principal.user.id ? principal.user.email : '' },
    output_schema: task.outputSchema,
    failure_reason: task.failureReason,
    report: presentReport(task.report),
    degradation_reasons: task.report?.degradationReasons ?? task.degradationReasons,
    usage: {
      model_calls: task.usage.modelCalls,
      tokens: task.usage.tokens,
      searches: task.usage.searches,
      page_fetches: task.usage.pageFetches,
      ...presentTaskSpend(task.usage),
    },
    budget: budgetToWire(task.budget),
  };
}

export function registerDeepResearchRoutes(app: Hono<AppEnvironment>, catalog: RouteCatalog, services: ServiceContext): void {
  defineRoute(
    app,
    catalog,
    {
      method: 'post',
      path: '/v1/deep_research_tasks',
      operationId: 'create_deep_research_task_v1_deep_research_tasks_post',
      summary: 'Create Deep Research Task',
      description:
        'Starts a cited report on one target: a planner splits the brief into sub-questions, research agents answer them from pages they read, a writer cites every fact. Answers at once; poll until `status` is done or failed.',
      tag: 'deep_research',
      body: CreateDeepResearchTaskSchema,
      response: DeepResearchTaskSchema,
      errors: [401, 503],
    },
    async ({ context, principal, body }) => context.json(presentDeepResearchTask(await createDeepResearchTask(services, principal, body), principal)),
  );

  defineRoute(
    app,
    catalog,
    {
      method: 'get',
      path: '/v1/deep_research_tasks',
      operationId: 'list_deep_research_tasks_v1_deep_research_tasks_get',
      summary: 'List Deep Research Tasks',
      description: 'Deep research tasks of the workspace, newest first.',
      tag: 'deep_research',
      query: ListDeepResearchTasksQuerySchema,
      response: z.array(DeepResearchTaskSchema),
      errors: [401],
    },
    async ({ context, principal, query }) =>
      context.json((await listDeepResearchTasks(services, principal, query)).map((found) => presentDeepResearchTask(found, principal))),
  );

  defineRoute(
    app,
    catalog,
    {
      method: 'get',
      path: '/v1/deep_research_tasks/{task_id}',
      operationId: 'get_deep_research_task_v1_deep_research_tasks__task_id__get',
      summary: 'Get Deep Research Task',
      description: 'The task with its live counters, and its report once done.',
      tag: 'deep_research',
      response: DeepResearchTaskSchema,
      errors: [401, 404],
    },
    async ({ context, principal, params }) => context.json(presentDeepResearchTask(await getDeepResearchTask(services, principal, params.task_id!), principal)),
  );
}
