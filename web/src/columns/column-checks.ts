/**
 * The server's own column rules, run in the browser while the user types: the zod schema and
 * `validateColumnSet` (allowed kinds and agent types, labels, JSON schemas, references, cycles).
 * The form therefore says exactly what `POST …/columns` would say, before it is sent. This module
 * pulls in zod and ajv, so it is only loaded with the column form.
 */
import { AGENT_TYPES, ColumnConfigSchema, type AgentType, type ColumnConfig } from '../../../src/domain/column-config-schema.ts';
import { validateColumnSet } from '../../../src/domain/column-rules.ts';
import { toValidationIssues } from '../../../src/api/zod-issues.ts';
import type { TableKind, ValidationIssue } from '../api/api-types.ts';
import { CREATABLE_KINDS, type CreatableKind } from './column-draft.ts';

export interface ColumnContext {
  tableKind: TableKind;
  hasParentTable: boolean;
  /** The other columns of the table (the edited one left out). */
  existing: ColumnConfig[];
}

export type ColumnCheck = { config: ColumnConfig; issues: [] } | { config: null; issues: ValidationIssue[] };

/** Every problem with `candidate` as a new or replacing column, located like the server's 422 (without the body prefix). */
export function checkColumn(candidate: unknown, context: ColumnContext): ColumnCheck {
  const parsed = ColumnConfigSchema.safeParse(candidate);
  if (!parsed.success) return { config: null, issues: toValidationIssues(parsed.error.issues, []) };
  const issues = validateColumnSet({ ...context, incoming: [{ config: parsed.data, loc: [] }] });
  return issues.length > 0 ? { config: null, issues } : { config: parsed.data, issues: [] };
}

// A minimal valid config of each kind, to ask the rules whether the kind is allowed here.
function probeConfig(kind: CreatableKind, agentType: AgentType): unknown {
  const common = { name: 'Probe', key: '__probe__' };
  switch (kind) {
    case 'agent':
      return { kind, ...common, value: { agent_type: agentType, prompt: 'probe', output_format: 'text' } };
    case 'criterion_grade':
      return { kind, ...common, value: { criterion: 'probe' } };
    case 'company_people_finder':
      return { kind, ...common, value: { roles: ['probe'] } };
    case 'reverse_email_lookup':
      return { kind, ...common, email_column_key: '__probe__' };
    default:
      return { kind, ...common };
  }
}

/** Agent types the table kind allows (research_pro is not allowed on people tables), asked of the rules themselves. */
export function allowedAgentTypes(context: ColumnContext): AgentType[] {
  return AGENT_TYPES.filter((agentType) => {
    // `research` is a legacy alias of research_pro: accepted from scripts, not offered to people.
    if (agentType === 'research') return false;
    const { issues } = checkColumn(probeConfig('agent', agentType), context);
    return !issues.some((issue) => issue.loc.join('.') === 'value.agent_type');
  });
}

/** For each creatable kind, null when it can be added to this table, or the reason it cannot. */
export function kindAvailability(context: ColumnContext): Record<CreatableKind, string | null> {
  const availability = {} as Record<CreatableKind, string | null>;
  for (const kind of CREATABLE_KINDS) {
    const { issues } = checkColumn(probeConfig(kind, 'llm'), context);
    availability[kind] = issues.find((issue) => issue.loc[0] === 'kind')?.msg ?? null;
  }
  return availability;
}
