import { z } from 'zod';
import { OUTPUT_FORMATS } from './output-formats/format-names.ts';

/**
 * The shapes of column configs (contract §3). Zod checks shape only; the rules that need the
 * table (allowed kinds, references, cycles, unique keys) live in column-rules.ts.
 * Unknown fields are dropped, as the upstream pydantic models do, so scripts written for the
 * hosted API that send extra fields keep working.
 */

export const AGENT_TYPES = ['research_pro', 'research_reasoning', 'llm', 'linkedin', 'research'] as const;
export type AgentType = (typeof AGENT_TYPES)[number];

export { OUTPUT_FORMATS, type OutputFormat } from './output-formats/format-names.ts';

/** snake_case-ish identifiers: they appear inside `{key}` prompt references. */
const keySchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'key must start with a letter or underscore and contain only letters, digits and underscores');

const nameSchema = z.string().trim().min(1).max(200);

const common = { name: nameSchema, key: keySchema };

export const InputColumnConfigSchema = z.object({ kind: z.literal('input'), ...common });

export const AgentValueSchema = z.object({
  agent_type: z.enum(AGENT_TYPES).default('research_pro'),
  prompt: z.string().trim().min(1).max(20_000),
  output_format: z.enum(OUTPUT_FORMATS).default('text'),
  labels: z.array(z.string().trim().min(1).max(200)).max(500).nullish(),
  output_schema: z.record(z.string(), z.unknown()).nullish(),
  extra_dependencies: z.array(keySchema).max(100).nullish(),
});
export const AgentColumnConfigSchema = z.object({ kind: z.literal('agent'), ...common, value: AgentValueSchema });

export const CriterionGradeColumnConfigSchema = z.object({
  kind: z.literal('criterion_grade'),
  ...common,
  value: z.object({ criterion: z.string().trim().min(1).max(5_000) }),
});

export const PeopleFinderColumnConfigSchema = z.object({
  kind: z.literal('company_people_finder'),
  ...common,
  value: z.object({
    roles: z.array(z.string().trim().min(1).max(200)).min(1).max(50),
    max_results: z.number().int().min(1).max(50).default(5),
    provider: z.string().nullish(),
  }),
});

export const DiscoveryScoresColumnConfigSchema = z.object({
  kind: z.literal('discovery_scores'),
  ...common,
  value: z.record(z.string(), z.unknown()).nullish(),
});

const builtIn = <K extends string>(kind: K) => z.object({ kind: z.literal(kind), ...common, value: z.record(z.string(), z.unknown()).nullish() });
export const CompanyNameColumnConfigSchema = builtIn('company_name');
export const CompanyWebsiteColumnConfigSchema = builtIn('company_website');
export const CompanyProfileColumnConfigSchema = builtIn('company_profile');

export const EmailFinderColumnConfigSchema = z.object({ kind: z.literal('email_finder'), ...common });
export const PhoneFinderColumnConfigSchema = z.object({ kind: z.literal('phone_finder'), ...common });
export const ReverseEmailLookupColumnConfigSchema = z.object({
  kind: z.literal('reverse_email_lookup'),
  ...common,
  email_column_key: keySchema,
});

/** Legacy weighted score over criterion_grade columns (one old crawl only, §3.4). */
export const CriteriaGradeScoreColumnConfigSchema = z.object({
  kind: z.literal('criteria_grade_score'),
  ...common,
  value: z.object({ column_weights: z.record(keySchema, z.number().min(0)) }),
});

export const COLUMN_KINDS = [
  'input',
  'agent',
  'criterion_grade',
  'company_people_finder',
  'discovery_scores',
  'company_name',
  'company_website',
  'company_profile',
  'email_finder',
  'phone_finder',
  'reverse_email_lookup',
  'criteria_grade_score',
] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

export const ColumnConfigUnionSchema = z.discriminatedUnion('kind', [
  InputColumnConfigSchema,
  AgentColumnConfigSchema,
  CriterionGradeColumnConfigSchema,
  PeopleFinderColumnConfigSchema,
  DiscoveryScoresColumnConfigSchema,
  CompanyNameColumnConfigSchema,
  CompanyWebsiteColumnConfigSchema,
  CompanyProfileColumnConfigSchema,
  EmailFinderColumnConfigSchema,
  PhoneFinderColumnConfigSchema,
  ReverseEmailLookupColumnConfigSchema,
  CriteriaGradeScoreColumnConfigSchema,
]);

/** `kind` defaults to `input`, as in the upstream OpenAPI. */
export const ColumnConfigSchema = z.preprocess(
  (value) => (value !== null && typeof value === 'object' && !Array.isArray(value) && !('kind' in value) ? { ...value, kind: 'input' } : value),
  ColumnConfigUnionSchema,
);

export type ColumnConfig = z.output<typeof ColumnConfigUnionSchema>;
export type AgentColumnConfig = z.output<typeof AgentColumnConfigSchema>;

/** Column kinds whose cells a run computes; everything but `input`. */
export function isComputedKind(kind: ColumnKind): boolean {
  return kind !== 'input';
}
