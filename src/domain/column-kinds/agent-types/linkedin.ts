import { defineAgentType } from './agent-type-definition.ts';

/** Reads a known LinkedIn profile or company page (contract §3.3). */
export const linkedinAgentType = defineAgentType({
  agentType: 'linkedin',
  tableKinds: ['company', 'people', 'generic'],
  availability: 'available',
  isOffered: true,
  display: { label: 'LinkedIn', description: 'reads a known LinkedIn profile or company page' },
});
