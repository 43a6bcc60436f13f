import { defineAgentType } from './agent-type-definition.ts';

/** Web research grounded in the row's company; the default agent type (contract §3.3). */
export const researchProAgentType = defineAgentType({
  agentType: 'research_pro',
  tableKinds: ['company', 'generic'],
  availability: 'available',
  isOffered: true,
  display: { label: 'Web research', description: 'searches and reads pages about the row' },
});
