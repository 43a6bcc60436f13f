import type { Hono } from 'hono';
import { z } from 'zod';
import { presentTaskSpend } from '../cost-presenters.ts';
import { budgetToWire } from '../../domain/task-budget.ts';
import type { DiscoveryCandidate } from '../../domain/discovery/discovery-task.ts';
import {
  createDiscoveryTask,
  type DiscoveryTaskWithCounters,
  getDiscoveryTask,
  listDiscoveryResults,
  listDiscoveryTasks,
  pauseDiscoveryTask,
  resumeDiscoveryTask,
} from '../../services/discovery-service.ts';
import type { ServiceContext } from '../../services/service-context.ts';
import { defineRoute, type AppEnvironment, type RouteCatalog } from '../route-definition.ts';
import {
  CreateDiscoveryTaskSchema,
  DiscoveryResultsSchema,
  DiscoveryTaskSchema,
  ListDiscoveryResultsQuerySchema,
  ListDiscoveryTasksQuerySchema,
  ResumeDiscoveryTaskSchema,
} from '../schemas/discovery-schemas.ts';

/** A discovery task on the wire (§5.2), its counters counted from its candidates. */
export function presentDiscoveryTask({ task, counters }: DiscoveryTaskWithCounters) {
  return {
    id: task.id,
    created_at: task.createdAt,
    updated_at: task.updatedAt,
    status: task.status,
    query: task.query,
    desired_num_results: task.desiredNumResults,
    is_exhausted: task.isExhausted,
    is_paused: task.isPaused,
    num_results_discovered: counters.discovered,
    num_results_enriched: counters.enriched,
    num_results_evaluated: counters.evaluated,
    num_results: counters.results,
    table_id: task.table?.id ?? null,
    auto_data_sources: task.autoDataSources,
    data_sources: task.dataSources,
    criteria: task.criteria,
    exclude_domains: task.excludeDomains,
    failure_reason: task.failureReason,
    discovered_num_results: counters.discovered,
    num_search_results: null,
    discovered_num_search_results: null,
    usage: { model_calls: task.usage.modelCalls, searches: task.usage.searches, page_fetches: task.usage.pageReads, ...presentTaskSpend(task.usage) },
    budget: budgetToWire(task.budget),
    degradation_reasons: task.degradationReasons,
  };
}

function presentResult(result: DiscoveryCandidate, profileFields: Record<string, unknown> | undefined) {
  const text = (key: string) => (typeof profileFields?.[key] === 'string' ? (profileFields[key] as string) : null);
  return {
    id: result.id,
    task_id: result.taskId,
    created_at: result.createdAt,
    company_name: result.name ?? result.domain,
    company_website: result.domain,
    company_description: result.description,
    company_full_description: text('full_description'),
    company_profile_id: result.companyProfileId,
    relevance: result.relevance ?? 0,
    source: result.source,
    scores: result.scores ?? {},
    founding_year: typeof profileFields?.founding_year === 'number' ? profileFields.founding_year : null,
    employee_count: text('employee_count'),
    hq_country: text('hq_country'),
    hq_state_province: text('hq_state_province'),
    hq_city: text('hq_city'),
    src_result_link: result.sourceUrl,
  };
}

export function registerDiscoveryRoutes(app: Hono<AppEnvironment>, catalog: RouteCatalog, services: ServiceContext): void {
  defineRoute(
    app,
    catalog,
    {
      method: 'post',
      path: '/v1/discovery_tasks',
      operationId: 'create_discovery_task_v1_discovery_tasks_post',
      summary: 'Create Discovery Task',
      description:
        'Starts a Deep Search: companies matching `query` are found through web search, profiled and graded 1–5 on each criterion. Answers at once; poll the task until `status` is done or failed.',
      tag: 'discovery',
      body: CreateDiscoveryTaskSchema,
      response: DiscoveryTaskSchema,
      errors: [401, 404],
    },
    async ({ context, principal, body }) => context.json(presentDiscoveryTask(await createDiscoveryTask(services, principal, body))),
  );

  defineRoute(
    app,
    catalog,
    {
      method: 'get',
      path: '/v1/discovery_tasks',
      operationId: 'list_discovery_tasks_v1_discovery_tasks_get',
      summary: 'List Discovery Tasks',
      description: 'Discovery tasks of the workspace, newest first.',
      tag: 'discovery',
      query: ListDiscoveryTasksQuerySchema,
      response: z.array(DiscoveryTaskSchema),
      errors: [401],
    },
    async ({ context, principal, query }) => context.json((await listDiscoveryTasks(services, principal, query)).map(presentDiscoveryTask)),
  );

  defineRoute(
    app,
    catalog,
    {
      method: 'get',
      path: '/v1/discovery_tasks/{task_id}',
      operationId: 'get_discovery_task_v1_discovery_tasks__task_id__get',
      summary: 'Get Discovery Task',
      description: 'The task with its live counters.',
      tag: 'discovery',
      response: DiscoveryTaskSchema,
      errors: [401, 404],
    },
    async ({ context, principal, params }) => context.json(presentDiscoveryTask(await getDiscoveryTask(services, principal, params.task_id!))),
  );

  defineRoute(
    app,
    catalog,
    {
      method: 'get',
      path: '/v1/discovery_tasks/{task_id}/results',
      operationId: 'get_discovery_task_results_v1_discovery_tasks__task_id__results_get',
      summary: 'Get Discovery Task Results',
      description: 'Evaluated companies, most relevant first; readable while the task runs.',
      tag: 'discovery',
      query: ListDiscoveryResultsQuerySchema,
      response: DiscoveryResultsSchema,
      errors: [401, 404],
    },
    async ({ context, principal, params, query }) => {
      const found = await listDiscoveryResults(services, principal, params.task_id!, query);
      const results = await Promise.all(
        found.results.map(async (result) => {
          const profile = result.companyProfileId ? await services.store.findCompanyProfile(principal.workspace.id, result.companyProfileId) : undefined;
          return presentResult(result, profile?.fields);
        }),
      );
      return context.json({ ...presentDiscoveryTask(found), results });
    },
  );

  defineRoute(
    app,
    catalog,
    {
      method: 'post',
      path: '/v1/discovery_tasks/{task_id}/resume',
      operationId: 'resume_discovery_task_v1_discovery_tasks__task_id__resume_post',
      summary: 'Resume Discovery Task',
      description: 'Looks for `desired_new_results` more companies (the total stays within 250). 400 when the task is exhausted.',
      tag: 'discovery',
      body: ResumeDiscoveryTaskSchema,
      isBodyOptional: true,
      response: DiscoveryTaskSchema,
      errors: [400, 401, 404],
    },
    async ({ context, principal, params, body }) =>
      context.json(presentDiscoveryTask(await resumeDiscoveryTask(services, principal, params.task_id!, body?.desired_new_results ?? 25))),
  );

  defineRoute(
    app,
    catalog,
    {
      method: 'post',
      path: '/v1/discovery_tasks/{task_id}/pause',
      operationId: 'pause_discovery_task_v1_discovery_tasks__task_id__pause_post',
      summary: 'Pause Discovery Task',
      description:
        'Stops scheduling more candidates; companies already queued are still evaluated, then the task ends `done` (status has no paused value). `resume` continues it.',
      tag: 'discovery',
      response: DiscoveryTaskSchema,
      errors: [401, 404],
    },
    async ({ context, principal, params }) => context.json(presentDiscoveryTask(await pauseDiscoveryTask(services, principal, params.task_id!))),
  );
}
