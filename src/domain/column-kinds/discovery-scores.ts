import { defineColumnKind } from './column-kind-definition.ts';
import { freeformConfigSchema } from './config-fields.ts';

/**
 * Deep Search criterion scores of rows imported from a discovery task (contract §3.10). Not yet
 * available: Deep Search does not exist yet.
 */
export const discoveryScoresKind = defineColumnKind({
  kind: 'discovery_scores',
  schema: freeformConfigSchema('discovery_scores'),
  tableKinds: ['company', 'generic'],
  availability: 'not_yet_available',
  isOffered: false,
  executorKey: 'kind',
  display: { label: 'Discovery scores', description: 'The criterion scores of rows imported from a Deep Search task.', group: 'deep_search' },
  waitsForBaselineContext: false,
  implicitDependencies: [],
  dependencies: () => [],
});
