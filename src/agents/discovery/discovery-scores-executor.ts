import { PermanentCellError, type CellContext, type CellExecutor, type CellResult } from '../../engine/cell-executor.ts';
import type { DiscoveryStore } from '../../store/discovery-store.ts';
import type { TableStore } from '../../store/table-store.ts';

/**
 * `discovery_scores` cells (contract §3.10): the scores of the Deep Search result the row was
 * imported from (its metadata names the task and the result), with every page a grade cited.
 */
export function createDiscoveryScoresExecutor(store: Pick<TableStore, 'findRows'> & Pick<DiscoveryStore, 'findDiscoveryCandidate'>): CellExecutor {
  return {
    async execute(context: CellContext): Promise<CellResult> {
      const [row] = await store.findRows(context.table.id, [context.row.id]);
      const metadata = (row?.metadata ?? {}) as { discovery_task_id?: unknown; discovery_result_id?: unknown };
      if (typeof metadata.discovery_task_id !== 'string' || typeof metadata.discovery_result_id !== 'string')
        throw new PermanentCellError('this row was not imported from a Deep Search task, so it has no discovery scores', { code: 'discovery_scores_missing' });
      const result = await store.findDiscoveryCandidate(metadata.discovery_task_id, metadata.discovery_result_id);
      if (!result?.scores)
        throw new PermanentCellError(`Deep Search result ${metadata.discovery_result_id} has no scores`, { code: 'discovery_scores_missing' });
      const sources = [...new Set(Object.values(result.scores).flatMap((score) => score.sources))];
      return {
        value: {
          answer: result.scores,
          source: sources,
          explanation: `Graded by Deep Search task ${metadata.discovery_task_id}; relevance ${result.relevance ?? 0} of 100.`,
          relevance: result.relevance,
        },
      };
    },
  };
}
