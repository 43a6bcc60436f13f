/**
 * What the column form offers, derived from the server's column-kind registry: the kinds and
 * agent types clients offer, in the registry's group order, each with its label and whether
 * this table kind allows it. A kind that is not yet available is never offered.
 */
import { agentTypeDefinition, COLUMN_KIND_DEFINITIONS, COLUMN_KIND_GROUPS, offeredAgentTypes } from '../../../src/domain/column-kinds/index.ts';
import type { AgentType, ColumnKind, OfferedColumnKind } from '../../../src/domain/column-kinds/index.ts';
import { columnKindRefusal } from '../../../src/domain/column-rules.ts';
import type { TableKind } from '../api/api-types.ts';

export interface ColumnKindChoice {
  kind: OfferedColumnKind;
  label: string;
  description: string;
  /** Why this table cannot have a column of this kind, or null when it can. */
  refusal: string | null;
}

export interface AgentTypeChoice {
  agentType: AgentType;
  /** "Label: description", as the agent select shows it. */
  title: string;
}

type OfferedDefinition = Extract<(typeof COLUMN_KIND_DEFINITIONS)[number], { isOffered: true }>;

const OFFERED_KINDS = COLUMN_KIND_DEFINITIONS.filter((definition): definition is OfferedDefinition => definition.isOffered).sort(
  (first, second) => COLUMN_KIND_GROUPS.indexOf(first.display.group) - COLUMN_KIND_GROUPS.indexOf(second.display.group),
);

/** The kinds a user may pick for a new column of a table of this kind. */
export function columnKindChoices(tableKind: TableKind): ColumnKindChoice[] {
  return OFFERED_KINDS.map((definition) => ({
    kind: definition.kind,
    label: definition.display.label,
    description: definition.display.description,
    refusal: columnKindRefusal(definition.kind, tableKind),
  }));
}

/** Whether the form can create columns of this kind (others are built-ins or not yet available). */
export function isOfferedKind(kind: ColumnKind): kind is OfferedColumnKind {
  return OFFERED_KINDS.some((definition) => definition.kind === kind);
}

/** How the form names a kind it shows but does not offer, e.g. "Company name (built-in)". */
export function kindTitle(kind: ColumnKind): string {
  const definition = COLUMN_KIND_DEFINITIONS.find((candidate) => candidate.kind === kind)!;
  if (definition.availability !== 'available') return `${definition.display.label} (not yet available)`;
  return definition.display.group === 'built_in' ? `${definition.display.label} (built-in)` : definition.display.label;
}

/** The agent types offered on a table of this kind, in registry order. */
export function agentTypeChoices(tableKind: TableKind): AgentTypeChoice[] {
  return offeredAgentTypes(tableKind).map((agentType) => ({ agentType, title: agentTypeTitle(agentType) }));
}

export function agentTypeTitle(agentType: AgentType): string {
  const { label, description } = agentTypeDefinition(agentType).display;
  return `${label}: ${description}`;
}
