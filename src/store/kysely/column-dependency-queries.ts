import type { Kysely } from 'kysely';
import type { Database } from '../database-schema.ts';
import type { ColumnDependencyEdge } from '../store.ts';

export async function replaceColumnDependencies(db: Kysely<Database>, tableId: string, edges: ColumnDependencyEdge[]): Promise<void> {
  await db.deleteFrom('column_dependencies').where('table_id', '=', tableId).execute();
  if (edges.length === 0) return;
  await db
    .insertInto('column_dependencies')
    .values(edges.map((edge) => ({ table_id: tableId, column_id: edge.columnId, depends_on_column_id: edge.dependsOnColumnId })))
    .execute();
}
