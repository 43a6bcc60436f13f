import { NotFoundError, ValidationError, type ValidationIssue } from '../domain/errors.ts';
import type { Principal } from '../domain/records.ts';
import { parseSortParameter } from '../domain/row-query.ts';
import type { TableView, TableViewQuery } from '../domain/table-views.ts';
import type { ServiceContext } from './service-context.ts';
import { requireTable } from './table-lookup.ts';

/** Named views of a table (filter, sort, search, columns), kept on the server so every client of the table shares them. */
export async function listTableViews(context: ServiceContext, principal: Principal, tableId: string): Promise<TableView[]> {
  const table = await requireTable(context.store, principal, tableId);
  return context.store.listTableViews(table.id);
}

/** Save a view by name (saving the same name again replaces its query); its column keys must exist. */
export async function saveTableView(context: ServiceContext, principal: Principal, tableId: string, name: string, query: TableViewQuery): Promise<TableView> {
  return context.store.transaction(async (store) => {
    const table = await requireTable(store, principal, tableId);
    const keys = new Set((await store.listColumns(table.id)).map((column) => column.key));
    const issues: ValidationIssue[] = [];
    const unknown = (key: string, loc: (string | number)[]) => {
      if (!keys.has(key)) issues.push({ loc, msg: `unknown column key '${key}'; keys of this table: ${[...keys].join(', ')}`, type: 'value_error' });
    };
    query.filter.forEach((condition, index) => {
      if (condition.column !== undefined) unknown(condition.column, ['body', 'query', 'filter', index, 'column']);
    });
    if (query.sort) unknown(parseSortParameter(query.sort).key, ['body', 'query', 'sort']);
    query.columns?.forEach((key, index) => {
      unknown(key, ['body', 'query', 'columns', index]);
    });
    if (issues.length > 0) throw new ValidationError(issues);
    const now = context.now();
    return store.saveTableView({ id: context.newId(), tableId: table.id, name, query, createdAt: now, updatedAt: now });
  });
}

export async function deleteTableView(context: ServiceContext, principal: Principal, tableId: string, viewId: string): Promise<TableView> {
  const table = await requireTable(context.store, principal, tableId);
  const deleted = await context.store.deleteTableView(table.id, viewId);
  if (!deleted) throw new NotFoundError(`View ${viewId} not found in table ${table.id}`);
  return deleted;
}
