import { z } from 'zod';
import { DEEP_RESEARCH_DEPTHS, DEEP_RESEARCH_STATUSES } from '../../domain/deep-research/deep-research-task.ts';
import { compileOutputSchema } from '../../domain/output-formats/json-schema-validators.ts';
import { TaskSpendFields } from './cost-schemas.ts';
import { queryInteger } from './query-values.ts';
import { named } from './registry.ts';
import { TaskBudgetResponseSchema, TaskBudgetSchema } from './task-budget-schema.ts';

/** Nesting depth of a JSON Schema's properties (gtm-skills: at most 5). */
function nesting(schema: unknown): number {
  if (!schema || typeof schema !== 'object') return 0;
  const properties = (schema as { properties?: Record<string, unknown> }).properties;
  const items = (schema as { items?: unknown }).items;
  const children = [...Object.values(properties ?? {}), ...(items ? [items] : [])];
  return 1 + Math.max(0, ...children.map(nesting));
}

function propertyCount(schema: unknown): number {
  if (!schema || typeof schema !== 'object') return 0;
  const properties = (schema as { properties?: Record<string, unknown> }).properties ?? {};
  const items = (schema as { items?: unknown }).items;
  return Object.keys(properties).length + Object.values(properties).reduce<number>((sum, child) => sum + propertyCount(child), 0) + propertyCount(items);
}

export const CreateDeepResearchTaskSchema = named(
  'CreateDeepResearchTaskRequest',
  z.object({
    brief: z.string().min(1).max(20_000).describe('What to research about one target (company, person, team, account, market question).'),
    depth: z.enum(DEEP_RESEARCH_DEPTHS).default('medium').describe('Most research agents: medium 25, high 50, xhigh 75.'),
    output_schema: z
      .record(z.string(), z.unknown())
      .nullish()
      .superRefine((schema, context) => {
        if (!schema) return;
        if (schema.type !== 'object') context.addIssue({ code: 'custom', message: 'output_schema must have "type": "object"', path: ['type'] });
        if (nesting(schema) > 5) context.addIssue({ code: 'custom', message: 'output_schema nests more than 5 levels' });
        if (propertyCount(schema) > 50) context.addIssue({ code: 'custom', message: 'output_schema has more than 50 properties' });
        // A schema ajv cannot compile could never be satisfied: refuse it now, not after the research.
        const compiled = compileOutputSchema(schema);
        if (!compiled.ok) context.addIssue({ code: 'custom', message: compiled.reason.replace("The column's output_schema", 'output_schema') });
      })
      .describe('When present, the report is a `schema` report whose `fields` validate against it.'),
    budget: TaskBudgetSchema.nullish(),
  }),
);

export const ListDeepResearchTasksQuerySchema = z.object({
  offset: queryInteger.pipe(z.number().min(0)).default(0),
  limit: queryInteger.pipe(z.number().min(1).max(500)).default(50),
});

const SourceSchema = named(
  'DeepResearchSource',
  z.object({
    id: z.number().int(),
    url: z.string(),
    excerpt: z.string().describe('Extension: the verbatim passage of the fetched page that supports the citing sentences.'),
  }),
);

const ReportSchema = named(
  'DeepResearchReport',
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('markdown'), markdown: z.string(), sources: z.array(SourceSchema), degradation_reasons: z.array(z.string()) }),
    z.object({
      kind: z.literal('schema'),
      fields: z.record(z.string(), z.unknown()),
      basis: z.record(z.string(), z.array(z.number().int())),
      sources: z.array(SourceSchema),
      degradation_reasons: z.array(z.string()),
    }),
  ]),
);

export const DeepResearchTaskSchema = named(
  'DeepResearchTask',
  z.object({
    id: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
    status: z.enum(DEEP_RESEARCH_STATUSES),
    brief: z.string(),
    depth: z.enum(DEEP_RESEARCH_DEPTHS),
    iterations: z.number().int(),
    agents: z.number().int(),
    sources: z.number().int(),
    owner: z.object({ id: z.string() }).passthrough(),
    output_schema: z.record(z.string(), z.unknown()).nullable(),
    failure_reason: z.string().nullable(),
    report: ReportSchema.nullable(),
    degradation_reasons: z.array(z.string()).describe('Extension: limits hit and agent failures so far (the report carries the final list).'),
    usage: named(
      'DeepResearchUsage',
      z
        .object({ model_calls: z.number().int(), tokens: z.number().int(), searches: z.number().int(), page_fetches: z.number().int(), ...TaskSpendFields })
        .describe('Extension: what the task spent so far, in the same terms as a run (docs/cost.md).'),
    ),
    budget: TaskBudgetResponseSchema,
  }),
);
