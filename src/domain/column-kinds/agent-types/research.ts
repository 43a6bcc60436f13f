import { defineAgentType } from './agent-type-definition.ts';

/**
 * Legacy name of `research_pro` (contract §3.3): accepted from scripts and computed the same way,
 * never offered for a new column.
 */
export const researchAgentType = defineAgentType({
  agentType: 'research',
  tableKinds: ['company', 'generic'],
  availability: 'available',
  isOffered: false,
  display: { label: 'Research', description: 'legacy name of web research' },
});
