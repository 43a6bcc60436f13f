import type { DiscoveryCandidate, DiscoveryTask } from '../domain/discovery/discovery-task.ts';
import type { Principal } from '../domain/records.ts';
import type { ColumnConfig } from '../domain/column-config-schema.ts';
import { addColumns } from './column-service.ts';
import { addRows } from './row-service.ts';
import { queueRun } from './run-service.ts';
import type { ServiceContext } from './service-context.ts';

/**
 * The table hook of a discovery task (§5.2 `table.auto_import`): each evaluated company becomes
 * one row of the linked company table (input = its website; the row's metadata names the task,
 * the result and its scores), and with `table.run` the table's columns (or only `table.columns`)
 * are run on that row. Marking the result imported and adding the row share one transaction, so
 * a job that runs twice never adds a company twice.
 */
export async function importDiscoveryResult(context: ServiceContext, task: DiscoveryTask, candidate: DiscoveryCandidate): Promise<string | null> {
  const link = task.table;
  if (!link?.autoImport || candidate.importedRowId) return null;
  // The task acts for its owner, in the task's workspace: the table was checked to be theirs at creation.
  const principal: Principal = {
    user: { id: task.ownerId, workspaceId: task.workspaceId, email: '', isAdmin: false, createdAt: task.createdAt },
    workspace: { id: task.workspaceId, name: '', slug: '', createdAt: task.createdAt },
    tokenId: `discovery:${task.id}`,
  };
  const scoresColumnId = await ensureScoresColumn(context, principal, link.id);
  const outcome = await context.store
    .transaction(async (store) => {
      const scoped = { ...context, store, cellsQueued: () => {} };
      const metadata = { discovery_task_id: task.id, discovery_result_id: candidate.id, discovery_scores: candidate.scores, relevance: candidate.relevance };
      const added = await addRows(scoped, principal, link.id, [{ data: { input: candidate.website ?? candidate.domain }, metadata }]);
      const rowId = added.rows[0]!.id;
      // Fenced on "not imported yet": a second attempt finds it taken and rolls its row back.
      if (!(await store.markCandidateImported(candidate.id, rowId))) throw new AlreadyImported();
      // The scores cell always; with `run` the table's columns too (only `columns` when given).
      const columns = !link.run ? [scoresColumnId] : link.columns.length > 0 ? [...link.columns, scoresColumnId] : null;
      const run = await queueRun(scoped, store, added.table, { mode: 'new', rows: [rowId], ...(columns ? { columns } : {}) });
      return { rowId, queued: run.numRequestedCells > 0 };
    })
    .catch((error: unknown) => {
      if (error instanceof AlreadyImported) return null;
      throw error;
    });
  if (outcome?.queued) context.cellsQueued();
  return outcome?.rowId ?? null;
}

class AlreadyImported extends Error {}

/** The table's `discovery_scores` column (§3.10), added the first time a task imports into it. */
async function ensureScoresColumn(context: ServiceContext, principal: Principal, tableId: string): Promise<string> {
  const find = async () => (await context.store.listColumns(tableId)).find((column) => column.config.kind === 'discovery_scores');
  const existing = await find();
  if (existing) return existing.id;
  try {
    const [added] = await addColumns(
      context,
      principal,
      tableId,
      [{ kind: 'discovery_scores', name: 'Discovery scores', key: 'discovery_scores' } as ColumnConfig],
      true,
    );
    return added!.id;
  } catch (error) {
    // Two imports at once: the other one added it.
    const raced = await find();
    if (raced) return raced.id;
    throw error;
  }
}
