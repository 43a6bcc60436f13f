import type { Kysely } from 'kysely';
import type { TableView, TableViewQuery } from '../../domain/table-views.ts';
import type { Database, TableViewRow } from '../database-schema.ts';

export async function listTableViews(db: Kysely<Database>, tableId: string): Promise<TableView[]> {
  const rows = await db.selectFrom('table_views').selectAll().where('table_id', '=', tableId).orderBy('name').execute();
  return rows.map(toTableView);
}

/** Insert a view, or replace the query of the table's view with that name (saving a view again updates it). */
export async function saveTableView(db: Kysely<Database>, view: TableView): Promise<TableView> {
  const existing = await db.selectFrom('table_views').selectAll().where('table_id', '=', view.tableId).where('name', '=', view.name).executeTakeFirst();
  if (existing) {
    await db
      .updateTable('table_views')
      .set({ query: JSON.stringify(view.query), updated_at: view.updatedAt })
      .where('id', '=', existing.id)
      .execute();
    return { ...toTableView(existing), query: view.query, updatedAt: view.updatedAt };
  }
  await db
    .insertInto('table_views')
    .values({ id: view.id, table_id: view.tableId, name: view.name, query: JSON.stringify(view.query), created_at: view.createdAt, updated_at: view.updatedAt })
    .execute();
  return view;
}

export async function deleteTableView(db: Kysely<Database>, tableId: string, viewId: string): Promise<TableView | undefined> {
  const existing = await db.selectFrom('table_views').selectAll().where('table_id', '=', tableId).where('id', '=', viewId).executeTakeFirst();
  if (!existing) return undefined;
  await db.deleteFrom('table_views').where('id', '=', viewId).execute();
  return toTableView(existing);
}

function toTableView(row: TableViewRow): TableView {
  return {
    id: row.id,
    tableId: row.table_id,
    name: row.name,
    query: JSON.parse(row.query) as TableViewQuery,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
