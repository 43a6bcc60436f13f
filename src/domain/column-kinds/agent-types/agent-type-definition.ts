import type { TableKind } from '../../table-kind-names.ts';
import type { Availability } from '../column-kind-definition.ts';

/**
 * What one `agent_type` of an agent column is (contract §3.3): the registry in `index.ts` lists
 * these, and the agent schema's enum, the agent-type rules, the engine's executor lookup and the
 * web form's agent choices are derived from that list.
 */
export interface AgentTypeDefinition<AgentType extends string = string, TypeAvailability extends Availability = Availability> {
  /** The `value.agent_type` on the wire. */
  readonly agentType: AgentType;
  /** Table kinds an agent column of this type may live in (contract §3.11). */
  readonly tableKinds: readonly TableKind[];
  readonly availability: TypeAvailability;
  /** Whether clients offer it (legacy aliases are accepted from scripts but not offered). */
  readonly isOffered: boolean;
  readonly display: {
    /** Short title, e.g. "Web research". */
    label: string;
    /** What it does, in a clause. */
    description: string;
  };
}

/** Declares an agent type, keeping `agentType` and `availability` as literal types. */
export function defineAgentType<const AgentType extends string, const TypeAvailability extends Availability>(
  definition: AgentTypeDefinition<AgentType, TypeAvailability>,
): AgentTypeDefinition<AgentType, TypeAvailability> {
  return definition;
}
