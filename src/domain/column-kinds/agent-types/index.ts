import type { TableKind } from '../../table-kind-names.ts';
import type { AgentTypeDefinition } from './agent-type-definition.ts';
import { linkedinAgentType } from './linkedin.ts';
import { llmAgentType } from './llm.ts';
import { researchAgentType } from './research.ts';
import { researchProAgentType } from './research-pro.ts';
import { researchReasoningAgentType } from './research-reasoning.ts';

/**
 * Every agent type, one definition each. The order is the order of the `agent_type` enum in the
 * OpenAPI document and of the choices in the web form.
 */
export const AGENT_TYPE_DEFINITIONS = [researchProAgentType, researchReasoningAgentType, llmAgentType, linkedinAgentType, researchAgentType] as const;

type Definition = (typeof AGENT_TYPE_DEFINITIONS)[number];
export type AgentType = Definition['agentType'];
/** Agent types an executor must exist for. */
export type AvailableAgentType = Extract<Definition, { availability: 'available' }>['agentType'];

type AgentTypesOf<Definitions extends readonly unknown[]> = {
  -readonly [Index in keyof Definitions]: Definitions[Index] extends { agentType: infer Id } ? Id : never;
};
// map() loses the tuple type zod's enum wants; the elements are the definitions' ids, in order.
export const AGENT_TYPES = AGENT_TYPE_DEFINITIONS.map((definition) => definition.agentType) as AgentTypesOf<typeof AGENT_TYPE_DEFINITIONS>;

const BY_AGENT_TYPE: ReadonlyMap<string, AgentTypeDefinition> = new Map(AGENT_TYPE_DEFINITIONS.map((definition) => [definition.agentType, definition]));

/** The definition of an agent type; every `AgentType` has one. */
export function agentTypeDefinition(agentType: AgentType): AgentTypeDefinition {
  return BY_AGENT_TYPE.get(agentType)!;
}

/** Agent types clients offer on a table kind, in registry order. */
export function offeredAgentTypes(tableKind: TableKind): AgentType[] {
  return AGENT_TYPE_DEFINITIONS.filter(
    (definition) => definition.isOffered && definition.availability === 'available' && definition.tableKinds.includes(tableKind),
  ).map((definition) => definition.agentType);
}

export type { AgentTypeDefinition } from './agent-type-definition.ts';
