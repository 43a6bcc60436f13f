import { defineAgentType } from './agent-type-definition.ts';

/** Research with a reasoning model and several rounds, for judgement calls (contract §3.3). */
export const researchReasoningAgentType = defineAgentType({
  agentType: 'research_reasoning',
  tableKinds: ['company', 'people', 'generic'],
  availability: 'available',
  isOffered: true,
  display: { label: 'Research with reasoning', description: 'for judgement calls and scoring' },
});
