import type { ColumnConfig, ColumnKind } from './column-config-schema.ts';
import { columnDependencies, findCycle } from './column-dependencies.ts';
import type { ValidationIssue } from './errors.ts';
import { findFormatOptionsProblem, findSchemaPatternProblem, formatNeedsLabels, formatNeedsSchema } from './output-formats/index.ts';
import { promptReferences } from './prompt-references.ts';
import type { TableKind } from './table-kinds.ts';

type Location = (string | number)[];

/** Where each column kind may live (contract §3.11). */
const ALLOWED_TABLE_KINDS: Record<ColumnKind, readonly TableKind[]> = {
  input: ['company', 'people', 'generic'],
  agent: ['company', 'people', 'generic'],
  criterion_grade: ['company', 'people', 'generic'],
  company_people_finder: ['company'],
  discovery_scores: ['company', 'generic'],
  company_name: ['company'],
  company_website: ['company'],
  company_profile: ['company'],
  email_finder: ['people', 'generic'],
  phone_finder: ['people', 'generic'],
  reverse_email_lookup: ['company', 'people', 'generic'],
  criteria_grade_score: ['company', 'people', 'generic'],
};

// Extruct returns provenance beside every answer; a schema that asks for it again duplicates it (§3.3).
const PROVENANCE_FIELDS = new Set(['sources', 'source', 'reasoning', 'explanation', 'citations']);

export interface ColumnSetInput {
  tableKind: TableKind;
  /** Whether this is a child people table, whose finders read company_website from the parent row. */
  hasParentTable: boolean;
  /** Columns that stay in the table. */
  existing: readonly ColumnConfig[];
  /** Columns being added or replacing one of the same key, each with the location of its config. */
  incoming: readonly { config: ColumnConfig; loc: Location }[];
}

/**
 * Every rule of §3 that needs the table: allowed kinds, agent types, labels, output schemas,
 * unique keys, resolvable references and an acyclic dependency graph.
 */
export function validateColumnSet(input: ColumnSetInput): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set(input.existing.map((config) => config.key));
  for (const { config, loc } of input.incoming) {
    if (seen.has(config.key)) {
      issues.push({ loc: [...loc, 'key'], msg: `a column with key '${config.key}' already exists in this table`, type: 'value_error' });
    }
    seen.add(config.key);
    issues.push(...kindIssues(config, input.tableKind, loc));
  }
  const all = [...input.existing, ...input.incoming.map(({ config }) => config)];
  const keys = new Set(all.map((config) => config.key));
  for (const { config, loc } of input.incoming) {
    issues.push(...referenceIssues(config, keys, loc, all));
    issues.push(...finderIssues(config, input, keys, loc));
  }
  if (issues.length > 0) return issues;
  const graph = new Map(all.map((config) => [config.key, columnDependencies(config, input.tableKind, keys)]));
  const cycle = findCycle(graph);
  if (cycle) {
    const entry = input.incoming.find(({ config }) => cycle.includes(config.key)) ?? input.incoming[0]!;
    issues.push({ loc: entry.loc, msg: `columns depend on each other in a cycle: ${cycle.join(' -> ')}`, type: 'value_error' });
  }
  return issues;
}

function kindIssues(config: ColumnConfig, tableKind: TableKind, loc: Location): ValidationIssue[] {
  if (!ALLOWED_TABLE_KINDS[config.kind].includes(tableKind)) {
    return [{ loc: [...loc, 'kind'], msg: `column kind '${config.kind}' is not allowed on ${tableKind} tables`, type: 'value_error' }];
  }
  if (config.kind !== 'agent') return [];
  const value = config.value;
  const issues: ValidationIssue[] = [];
  if (tableKind === 'people' && (value.agent_type === 'research_pro' || value.agent_type === 'research')) {
    issues.push({
      loc: [...loc, 'value', 'agent_type'],
      msg: `agent_type '${value.agent_type}' is not allowed on people tables; use research_reasoning, llm or linkedin`,
      type: 'value_error',
    });
  }
  const format = value.output_format;
  const optionsProblem = findFormatOptionsProblem(format, { labels: value.labels ?? undefined, outputSchema: value.output_schema ?? undefined });
  // A pattern RE2 cannot run also fails compilation; point at the pattern itself, not the whole schema.
  const patternProblem = formatNeedsSchema(format) ? findSchemaPatternProblem(value.output_schema) : undefined;
  if (patternProblem) {
    issues.push({ loc: [...loc, 'value', 'output_schema', ...patternProblem.path], msg: patternProblem.reason, type: 'value_error' });
  } else if (optionsProblem) {
    const field = formatNeedsLabels(format) ? 'labels' : 'output_schema';
    const isMissing = field === 'labels' ? (value.labels ?? []).length === 0 : value.output_schema == null;
    issues.push({ loc: [...loc, 'value', field], msg: optionsProblem, type: isMissing ? 'missing' : 'value_error' });
  } else if (formatNeedsSchema(format)) {
    issues.push(...provenanceIssues(value.output_schema, [...loc, 'value', 'output_schema']));
  }
  return issues;
}

/** A valid output_schema may still ask for provenance the answer already carries. */
function provenanceIssues(schema: unknown, loc: Location): ValidationIssue[] {
  const properties = (schema as { properties?: Record<string, unknown> }).properties ?? {};
  const provenance = Object.keys(properties).filter((name) => PROVENANCE_FIELDS.has(name.toLowerCase()));
  if (provenance.length > 0) {
    return [
      {
        loc: [...loc, 'properties', provenance[0]!],
        msg: `remove '${provenance.join("', '")}' from output_schema: every answer already carries its sources and explanation`,
        type: 'value_error',
      },
    ];
  }
  return [];
}

function referenceIssues(config: ColumnConfig, keys: ReadonlySet<string>, loc: Location, all: readonly ColumnConfig[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const missing = (field: Location, key: string, what: string) =>
    issues.push({
      loc: [...loc, ...field],
      msg: `${what} '${key}' does not match any column key of this table (keys: ${[...keys].join(', ')})`,
      type: 'value_error',
    });
  if (config.kind === 'agent') {
    for (const key of promptReferences(config.value.prompt)) if (!keys.has(key)) missing(['value', 'prompt'], `{${key}}`, 'prompt reference');
    (config.value.extra_dependencies ?? []).forEach((key, index) => {
      if (!keys.has(key)) missing(['value', 'extra_dependencies', index], key, 'extra dependency');
    });
  }
  if (config.kind === 'criterion_grade') {
    for (const key of promptReferences(config.value.criterion)) if (!keys.has(key)) missing(['value', 'criterion'], `{${key}}`, 'criterion reference');
  }
  if (config.kind === 'reverse_email_lookup' && !keys.has(config.email_column_key)) {
    missing(['email_column_key'], config.email_column_key, 'email_column_key');
  }
  if (config.kind === 'criteria_grade_score') {
    for (const key of Object.keys(config.value.column_weights)) {
      const target = all.find((candidate) => candidate.key === key);
      if (!target) missing(['value', 'column_weights', key], key, 'weighted column');
      else if (target.kind !== 'criterion_grade') {
        issues.push({ loc: [...loc, 'value', 'column_weights', key], msg: `column '${key}' is not a criterion_grade column`, type: 'value_error' });
      }
    }
  }
  return issues;
}

function finderIssues(config: ColumnConfig, input: ColumnSetInput, keys: ReadonlySet<string>, loc: Location): ValidationIssue[] {
  if (config.kind !== 'email_finder' && config.kind !== 'phone_finder') return [];
  const required = input.hasParentTable ? ['full_name', 'profile_url'] : ['full_name', 'profile_url', 'company_website'];
  const missing = required.filter((key) => !keys.has(key));
  if (missing.length === 0) return [];
  return [
    {
      loc: [...loc, 'kind'],
      msg: `${config.kind} needs columns keyed ${missing.map((key) => `'${key}'`).join(', ')} in this table (company_website can be an input column)`,
      type: 'value_error',
    },
  ];
}
