import type { Principal } from '../domain/records.ts';
import type { NewCell, NewRow, Store } from '../store/store.ts';
import { syncColumnDependencies } from './column-dependency-sync.ts';
import type { ServiceContext } from './service-context.ts';
import { loadDetails, type TableDetails } from './table-service.ts';
import { requireTable, tableHierarchy } from './table-lookup.ts';

const COPY_PAGE_SIZE = 1_000;

/**
 * Clone a table with its whole parent/child hierarchy (contract §2.2.6). New ids everywhere;
 * prompt references keep working because they name keys. With `schemaOnly` only the columns
 * are copied. Cells that were queued or running are copied as not-yet-run, since no run owns them.
 */
export async function cloneTable(context: ServiceContext, principal: Principal, tableId: string, schemaOnly: boolean): Promise<TableDetails> {
  return context.store.transaction(async (store) => {
    const source = await requireTable(store, principal, tableId);
    const hierarchy = await tableHierarchy(store, source);
    const tableIds = new Map<string, string>();
    const rowIds = new Map<string, string>();
    for (const table of hierarchy) {
      const newTableId = context.newId();
      tableIds.set(table.id, newTableId);
      const now = context.now();
      await store.insertTable({
        id: newTableId,
        workspaceId: principal.workspace.id,
        ownerId: principal.user.id,
        name: table.id === source.id ? `${table.name} (copy)` : table.name,
        description: table.description,
        kind: table.kind,
        tags: table.tags,
        notify: table.notify,
        settings: table.settings,
        parentTableId: table.parentTableId ? (tableIds.get(table.parentTableId) ?? null) : null,
        relationshipType: table.relationshipType,
        createdAt: now,
      });
      const columns = await store.listColumns(table.id);
      const columnIds = new Map(columns.map((column) => [column.id, context.newId()]));
      await store.insertColumns(
        newTableId,
        columns.map((column) => ({ ...column, id: columnIds.get(column.id)!, tableId: newTableId, createdAt: now })),
        now,
      );
      await syncColumnDependencies(store, newTableId, table.kind);
      if (!schemaOnly) await copyRows(context, store, table.id, newTableId, columnIds, rowIds);
    }
    return loadDetails(store, principal, tableIds.get(source.id)!);
  });
}

async function copyRows(
  context: ServiceContext,
  store: Store,
  sourceTableId: string,
  targetTableId: string,
  columnIds: Map<string, string>,
  rowIds: Map<string, string>,
): Promise<void> {
  for (let offset = 0; ; offset += COPY_PAGE_SIZE) {
    const rows = await store.listRows(sourceTableId, { offset, limit: COPY_PAGE_SIZE });
    if (rows.length === 0) return;
    const now = context.now();
    const newRows: NewRow[] = rows.map((row) => {
      const id = context.newId();
      rowIds.set(row.id, id);
      return {
        id,
        parentRowId: row.parentRowId ? (rowIds.get(row.parentRowId) ?? null) : null,
        companyProfileId: row.companyProfileId,
        metadata: row.metadata,
        createdAt: now,
      };
    });
    const cells: NewCell[] = (await store.listCells(rows.map((row) => row.id))).map((cell) => {
      const isUnfinished = cell.status === 'requested' || cell.status === 'in_progress';
      return {
        rowId: rowIds.get(cell.rowId)!,
        columnId: columnIds.get(cell.columnId)!,
        status: isUnfinished ? 'created' : cell.status,
        value: isUnfinished ? null : cell.value,
        error: isUnfinished ? null : cell.error,
        isInput: cell.isInput,
      };
    });
    await store.insertRows(targetTableId, newRows, cells);
    if (rows.length < COPY_PAGE_SIZE) return;
  }
}
