import { defineAgentType } from './agent-type-definition.ts';

/** A model call without web access over what the row already holds (contract §3.3). */
export const llmAgentType = defineAgentType({
  agentType: 'llm',
  tableKinds: ['company', 'people', 'generic'],
  availability: 'available',
  isOffered: true,
  display: { label: 'LLM only', description: 'no web access; transforms or classifies what the row already has' },
});
