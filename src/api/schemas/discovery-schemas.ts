import { z } from 'zod';
import { DISCOVERY_DATA_SOURCES, DISCOVERY_STATUSES, MAX_DISCOVERY_RESULTS } from '../../domain/discovery/discovery-task.ts';
import { TaskSpendFields } from './cost-schemas.ts';
import { queryInteger } from './query-values.ts';
import { named } from './registry.ts';
import { TaskBudgetResponseSchema, TaskBudgetSchema } from './task-budget-schema.ts';

export const DiscoveryCriterionSchema = named(
  'DiscoveryCriterion',
  z.object({
    key: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a key starts with a letter and holds only letters, digits and underscores')
      .max(100),
    name: z.string().min(1).max(100),
    criterion: z.string().min(10).max(500),
  }),
);

export const CreateDiscoveryTaskSchema = named(
  'CreateDiscoveryTaskRequest',
  z.object({
    query: z.string().trim().min(1).max(2_000).describe('The ideal description of the companies to find.'),
    desired_num_results: z.number().int().min(1).max(MAX_DISCOVERY_RESULTS).default(100),
    criteria: z
      .array(DiscoveryCriterionSchema)
      .max(10)
      .nullish()
      .refine((list) => !list || new Set(list.map((item) => item.key)).size === list.length, 'criterion keys must be unique')
      .describe('Each graded 1–5; generated from the query when absent.'),
    auto_data_sources: z.boolean().default(true),
    data_sources: z.array(z.enum(DISCOVERY_DATA_SOURCES)).default([]),
    table: z
      .object({ id: z.string().min(1), run: z.boolean().default(false), columns: z.array(z.string()).default([]), auto_import: z.boolean().default(false) })
      .nullish(),
    exclude_domains: z.array(z.string().max(2_048)).max(10_000).default([]),
    exclude_task_ids: z.array(z.string()).max(100).default([]),
    notify: z.boolean().nullish(),
    budget: TaskBudgetSchema.nullish(),
  }),
);

export const ResumeDiscoveryTaskSchema = named(
  'ResumeDiscoveryTaskRequest',
  z.object({ desired_new_results: z.number().int().min(0).max(MAX_DISCOVERY_RESULTS).default(25) }),
);

export const ListDiscoveryTasksQuerySchema = z.object({
  offset: queryInteger.pipe(z.number().min(0)).default(0),
  limit: queryInteger.pipe(z.number().min(1).max(500)).default(20),
});

export const ListDiscoveryResultsQuerySchema = z.object({
  offset: queryInteger.pipe(z.number().min(0)).default(0),
  limit: queryInteger.pipe(z.number().min(1).max(500)).default(50),
});

const taskFields = {
  id: z.string(),
  created_at: z.string(),
  updated_at: z.string().describe('Extension.'),
  status: z.enum(DISCOVERY_STATUSES),
  query: z.string(),
  desired_num_results: z.number().int(),
  is_exhausted: z.boolean(),
  is_paused: z.boolean().describe('Extension: pause was asked; the task ends once what is queued has been evaluated.'),
  num_results_discovered: z.number().int(),
  num_results_enriched: z.number().int(),
  num_results_evaluated: z.number().int(),
  num_results: z.number().int().describe('Evaluated companies that are high-fit: at least 75 % of the criteria graded 4 or 5.'),
  table_id: z.string().nullable(),
  auto_data_sources: z.boolean(),
  data_sources: z.array(z.enum(DISCOVERY_DATA_SOURCES)),
  criteria: z.array(DiscoveryCriterionSchema),
  exclude_domains: z.array(z.string()),
  failure_reason: z.string().nullable(),
  discovered_num_results: z.number().int().describe('Legacy alias of num_results_discovered.'),
  num_search_results: z.number().int().nullable().describe('Legacy.'),
  discovered_num_search_results: z.number().int().nullable().describe('Legacy.'),
  usage: named(
    'DiscoveryUsage',
    z
      .object({ model_calls: z.number().int(), searches: z.number().int(), page_fetches: z.number().int(), ...TaskSpendFields })
      .describe('Extension: what the task spent so far, in the same terms as a run (docs/cost.md).'),
  ),
  budget: TaskBudgetResponseSchema,
  degradation_reasons: z.array(z.string()).describe('Extension: why the task stopped short of its target (its budget was reached), empty otherwise.'),
};

export const DiscoveryTaskSchema = named('DiscoveryTask', z.object(taskFields));

export const DiscoveryResultSchema = named(
  'DiscoveryResult',
  z.object({
    id: z.string(),
    task_id: z.string(),
    created_at: z.string(),
    company_name: z.string(),
    company_website: z.string(),
    company_description: z.string().nullable(),
    company_full_description: z.string().nullable(),
    company_profile_id: z.string().nullable(),
    relevance: z.number().int(),
    source: z.string(),
    scores: z.record(z.string(), z.object({ grade: z.number().int().min(1).max(5), explanation: z.string(), sources: z.array(z.string()) })),
    founding_year: z.number().int().nullable(),
    employee_count: z.string().nullable(),
    hq_country: z.string().nullable(),
    hq_state_province: z.string().nullable(),
    hq_city: z.string().nullable(),
    src_result_link: z.string().nullable().describe('Legacy: the page the company was found on.'),
  }),
);

export const DiscoveryResultsSchema = named('DiscoveryTaskResults', z.object({ ...taskFields, results: z.array(DiscoveryResultSchema) }));
