import { NotFoundError } from '../domain/errors.ts';
import type { Principal, Table } from '../domain/records.ts';
import type { TableStore } from '../store/table-store.ts';

/** A table of the caller's workspace; anything else is "not found", never "forbidden". */
export async function requireTable(store: Pick<TableStore, 'findTable'>, principal: Principal, tableId: string): Promise<Table> {
  const table = await store.findTable(principal.workspace.id, tableId);
  if (!table) throw new NotFoundError(`Table ${tableId} not found`);
  return table;
}

/** The table and every table below it (children created by people finders), parents first. */
export async function tableHierarchy(store: Pick<TableStore, 'listChildTables'>, table: Table): Promise<Table[]> {
  const hierarchy = [table];
  for (let index = 0; index < hierarchy.length; index += 1) {
    hierarchy.push(...(await store.listChildTables(hierarchy[index]!.id)));
  }
  return hierarchy;
}
