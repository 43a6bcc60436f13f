import { agentKind } from './agent.ts';
import type { AvailableAgentType } from './agent-types/index.ts';
import type { ColumnKindDefinition } from './column-kind-definition.ts';
import { companyNameKind } from './company-name.ts';
import { companyPeopleFinderKind } from './company-people-finder.ts';
import { companyProfileKind } from './company-profile.ts';
import { companyWebsiteKind } from './company-website.ts';
import { criteriaGradeScoreKind } from './criteria-grade-score.ts';
import { criterionGradeKind } from './criterion-grade.ts';
import { discoveryScoresKind } from './discovery-scores.ts';
import { emailFinderKind } from './email-finder.ts';
import { inputKind } from './input.ts';
import { phoneFinderKind } from './phone-finder.ts';
import { reverseEmailLookupKind } from './reverse-email-lookup.ts';

/**
 * Every column kind, one definition each (one file per kind beside this one). The order is the
 * order of the API's union in the OpenAPI document.
 */
export const COLUMN_KIND_DEFINITIONS = [
  inputKind,
  agentKind,
  criterionGradeKind,
  companyPeopleFinderKind,
  discoveryScoresKind,
  companyNameKind,
  companyWebsiteKind,
  companyProfileKind,
  emailFinderKind,
  phoneFinderKind,
  reverseEmailLookupKind,
  criteriaGradeScoreKind,
] as const;

type Definition = (typeof COLUMN_KIND_DEFINITIONS)[number];
export type ColumnKind = Definition['kind'];
/** Kinds clients offer for a new column. */
export type OfferedColumnKind = Extract<Definition, { isOffered: true }>['kind'];

/**
 * The ids the engine looks executors up by: every available kind computed by its own executor,
 * and every available agent type. `src/agents` keeps one factory per id, checked by the compiler.
 */
export type ExecutorId = Extract<Definition, { availability: 'available'; executorKey: 'kind' }>['kind'] | AvailableAgentType;

const BY_KIND: ReadonlyMap<string, ColumnKindDefinition> = new Map(COLUMN_KIND_DEFINITIONS.map((definition) => [definition.kind, definition]));

/** The definition of a kind; every `ColumnKind` has one. */
export function columnKindDefinition(kind: ColumnKind): ColumnKindDefinition {
  return BY_KIND.get(kind)!;
}

export { AGENT_TYPE_DEFINITIONS, AGENT_TYPES, agentTypeDefinition, offeredAgentTypes, type AgentType, type AvailableAgentType } from './agent-types/index.ts';
export {
  COLUMN_KIND_GROUPS,
  type Availability,
  type ColumnKindDefinition,
  type ColumnKindGroup,
  type ColumnTable,
  type Location,
} from './column-kind-definition.ts';
