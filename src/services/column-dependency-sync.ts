import { dependencyGraph } from '../domain/column-dependencies.ts';
import type { TableKind } from '../domain/table-kinds.ts';
import type { TableStore } from '../store/table-store.ts';

/**
 * Store the table's dependency graph by column id, so the engine can tell in SQL when a queued
 * cell may start. Called after every change to a table's columns, in the same transaction.
 */
export async function syncColumnDependencies(
  store: Pick<TableStore, 'listColumns' | 'replaceColumnDependencies'>,
  tableId: string,
  tableKind: TableKind,
): Promise<void> {
  const columns = await store.listColumns(tableId);
  const idOf = new Map(columns.map((column) => [column.key, column.id]));
  const graph = dependencyGraph(
    columns.map((column) => column.config),
    tableKind,
  );
  const edges = [...graph].flatMap(([key, dependencies]) =>
    dependencies.flatMap((dependency) => (idOf.has(dependency) ? [{ columnId: idOf.get(key)!, dependsOnColumnId: idOf.get(dependency)! }] : [])),
  );
  await store.replaceColumnDependencies(tableId, edges);
}
