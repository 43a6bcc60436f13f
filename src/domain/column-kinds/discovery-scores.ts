import { defineColumnKind } from './column-kind-definition.ts';
import { freeformConfigSchema } from './config-fields.ts';

/**
 * Deep Search criterion scores of rows imported from a discovery task (contract §3.10): added to
 * a table by `table.auto_import`, its cell answers the result's `scores` map. Not offered in
 * column forms: it only has a value on rows a discovery task imported.
 */
export const discoveryScoresKind = defineColumnKind({
  kind: 'discovery_scores',
  schema: freeformConfigSchema('discovery_scores'),
  tableKinds: ['company', 'generic'],
  availability: 'available',
  isOffered: false,
  executorKey: 'kind',
  display: { label: 'Discovery scores', description: 'The criterion scores of rows imported from a Deep Search task.', group: 'deep_search' },
  waitsForBaselineContext: false,
  implicitDependencies: [],
  dependencies: () => [],
});
