import { z } from 'zod';
import type { ValidationIssue } from '../errors.ts';
import { OUTPUT_FORMATS, findFormatOptionsProblem, findSchemaPatternProblem, formatNeedsLabels, formatNeedsSchema } from '../output-formats/index.ts';
import { promptReferences } from '../prompt-references.ts';
import type { TableKind } from '../table-kind-names.ts';
import { AGENT_TYPES, agentTypeDefinition, offeredAgentTypes } from './agent-types/index.ts';
import { commonFields, keySchema } from './config-fields.ts';
import { defineColumnKind, unknownKeyIssue, type Location } from './column-kind-definition.ts';

const AgentValueSchema = z.object({
  agent_type: z.enum(AGENT_TYPES).default('research_pro'),
  prompt: z.string().trim().min(1).max(20_000),
  output_format: z.enum(OUTPUT_FORMATS).default('text'),
  labels: z.array(z.string().trim().min(1).max(200)).max(500).nullish(),
  output_schema: z.record(z.string(), z.unknown()).nullish(),
  extra_dependencies: z.array(keySchema).max(100).nullish(),
  model: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .nullish()
    .describe(
      "Extension: one of the server's configured models for this column's calls (a cheap one classifies, a strong one researches); the default model when absent.",
    ),
});

type AgentValue = z.output<typeof AgentValueSchema>;

// Extruct returns provenance beside every answer; a schema that asks for it again duplicates it (§3.3).
const PROVENANCE_FIELDS = new Set(['sources', 'source', 'reasoning', 'explanation', 'citations']);

/** AI research, reasoning or transformation producing one field (contract §3.3); `agent_type` picks the agent. */
export const agentKind = defineColumnKind({
  kind: 'agent',
  schema: z.object({ kind: z.literal('agent'), ...commonFields, value: AgentValueSchema }),
  tableKinds: ['company', 'people', 'generic'],
  availability: 'available',
  isOffered: true,
  executorKey: 'agent_type',
  display: { label: 'AI column', description: 'An agent answers a prompt for every row, with sources and an explanation.', group: 'ai' },
  waitsForBaselineContext: true,
  implicitDependencies: [],
  dependencies: (config) => [...new Set([...promptReferences(config.value.prompt), ...(config.value.extra_dependencies ?? [])])],
  configIssues: (config, tableKind, loc) => [...agentTypeIssues(config.value, tableKind, loc), ...formatIssues(config.value, loc)],
  referenceIssues: (config, table, loc) => {
    const issues: ValidationIssue[] = [];
    for (const key of promptReferences(config.value.prompt)) {
      if (!table.keys.has(key)) issues.push(unknownKeyIssue([...loc, 'value', 'prompt'], `{${key}}`, 'prompt reference', table.keys));
    }
    (config.value.extra_dependencies ?? []).forEach((key, index) => {
      if (!table.keys.has(key)) issues.push(unknownKeyIssue([...loc, 'value', 'extra_dependencies', index], key, 'extra dependency', table.keys));
    });
    return issues;
  },
});

function agentTypeIssues(value: AgentValue, tableKind: TableKind, loc: Location): ValidationIssue[] {
  const definition = agentTypeDefinition(value.agent_type);
  const at = [...loc, 'value', 'agent_type'];
  if (definition.availability !== 'available') {
    return [{ loc: at, msg: `agent_type '${value.agent_type}' is not yet available: Fathom cannot compute it yet`, type: 'value_error' }];
  }
  if (definition.tableKinds.includes(tableKind)) return [];
  const alternatives = offeredAgentTypes(tableKind);
  const choice = alternatives.length > 1 ? `${alternatives.slice(0, -1).join(', ')} or ${alternatives.at(-1)}` : (alternatives[0] ?? 'another kind');
  return [{ loc: at, msg: `agent_type '${value.agent_type}' is not allowed on ${tableKind} tables; use ${choice}`, type: 'value_error' }];
}

function formatIssues(value: AgentValue, loc: Location): ValidationIssue[] {
  const format = value.output_format;
  // A pattern RE2 cannot run also fails compilation; point at the pattern itself, not the whole schema.
  const patternProblem = formatNeedsSchema(format) ? findSchemaPatternProblem(value.output_schema) : undefined;
  if (patternProblem) return [{ loc: [...loc, 'value', 'output_schema', ...patternProblem.path], msg: patternProblem.reason, type: 'value_error' }];
  const problem = findFormatOptionsProblem(format, { labels: value.labels ?? undefined, outputSchema: value.output_schema ?? undefined });
  if (problem) {
    const field = formatNeedsLabels(format) ? 'labels' : 'output_schema';
    const isMissing = field === 'labels' ? (value.labels ?? []).length === 0 : value.output_schema == null;
    return [{ loc: [...loc, 'value', field], msg: problem, type: isMissing ? 'missing' : 'value_error' }];
  }
  return formatNeedsSchema(format) ? provenanceIssues(value.output_schema, [...loc, 'value', 'output_schema']) : [];
}

/** A valid output_schema may still ask for provenance the answer already carries. */
function provenanceIssues(schema: unknown, loc: Location): ValidationIssue[] {
  const properties = (schema as { properties?: Record<string, unknown> }).properties ?? {};
  const provenance = Object.keys(properties).filter((name) => PROVENANCE_FIELDS.has(name.toLowerCase()));
  if (provenance.length === 0) return [];
  return [
    {
      loc: [...loc, 'properties', provenance[0]!],
      msg: `remove '${provenance.join("', '")}' from output_schema: every answer already carries its sources and explanation`,
      type: 'value_error',
    },
  ];
}
