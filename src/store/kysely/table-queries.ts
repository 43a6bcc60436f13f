import { sql, type Kysely, type SelectQueryBuilder, type Updateable } from 'kysely';
import type { Table } from '../../domain/records.ts';
import type { Database, TableRow } from '../database-schema.ts';
import type { NewTable, TableListQuery, TablePatch } from '../store.ts';
import { countStaleCells, readCellCounts } from './cell-counters.ts';
import { rowKeysOfTable, tableKeyOf } from './cell-keys.ts';
import { toTable } from './mappers.ts';

function selectTables(db: Kysely<Database>) {
  return db.selectFrom('tables').innerJoin('users', 'users.id', 'tables.owner_id').selectAll('tables').select('users.email as owner_email');
}

async function withCounts(db: Kysely<Database>, rows: (Omit<TableRow, 'table_key'> & { owner_email: string })[]): Promise<Table[]> {
  const ids = rows.map((row) => row.id);
  const counts = await readCellCounts(db, ids);
  const stale = await countStaleCells(db, ids);
  return rows.map((row) => toTable(row, counts.get(row.id), stale.get(row.id) ?? 0));
}

export async function insertTable(db: Kysely<Database>, table: NewTable): Promise<void> {
  await db
    .insertInto('tables')
    .values({
      id: table.id,
      workspace_id: table.workspaceId,
      owner_id: table.ownerId,
      name: table.name,
      description: table.description,
      kind: table.kind,
      tags: table.tags === null ? null : JSON.stringify(table.tags),
      notify: table.notify ? 1 : 0,
      settings: JSON.stringify(table.settings),
      parent_table_id: table.parentTableId,
      relationship_type: table.relationshipType,
      created_at: table.createdAt,
      updated_at: table.createdAt,
      last_row_seq: 0,
      num_rows: 0,
    })
    .execute();
  await writeTags(db, table.id, table.tags);
}

async function writeTags(db: Kysely<Database>, tableId: string, tags: string[] | null): Promise<void> {
  await db.deleteFrom('table_tags').where('table_id', '=', tableId).execute();
  const unique = [...new Set(tags ?? [])];
  if (unique.length > 0)
    await db
      .insertInto('table_tags')
      .values(unique.map((tag) => ({ table_id: tableId, tag })))
      .execute();
}

export async function findTable(db: Kysely<Database>, workspaceId: string, tableId: string): Promise<Table | undefined> {
  const row = await selectTables(db).where('tables.id', '=', tableId).where('tables.workspace_id', '=', workspaceId).executeTakeFirst();
  return row && (await withCounts(db, [row]))[0];
}

/** A table by id whatever its workspace: for the engine only, never for requests. */
export async function findTableById(db: Kysely<Database>, tableId: string): Promise<Table | undefined> {
  const row = await selectTables(db).where('tables.id', '=', tableId).executeTakeFirst();
  return row && (await withCounts(db, [row]))[0];
}

export async function listTables(db: Kysely<Database>, workspaceId: string, query: TableListQuery): Promise<{ tables: Table[]; total: number }> {
  const filter = <O>(builder: SelectQueryBuilder<Database, 'tables' | 'users', O>) => {
    let filtered = builder.where('tables.workspace_id', '=', workspaceId).where('tables.parent_table_id', 'is', null);
    if (query.kind) filtered = filtered.where('tables.kind', '=', query.kind);
    if (query.ownerId) filtered = filtered.where('tables.owner_id', '=', query.ownerId);
    if (query.search) {
      // LIKE wildcards in the user's text are escaped so "100%" matches literally.
      const pattern = `%${query.search.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
      filtered = filtered.where(
        sql<boolean>`(lower(tables.name) like ${pattern} escape '\\' or lower(coalesce(tables.description, '')) like ${pattern} escape '\\')`,
      );
    }
    if (query.tags && query.tags.length > 0) {
      filtered = filtered.where('tables.id', 'in', db.selectFrom('table_tags').select('table_id').where('tag', 'in', query.tags));
    }
    return filtered;
  };
  const countRow = await filter(db.selectFrom('tables').innerJoin('users', 'users.id', 'tables.owner_id'))
    .select((expression) => expression.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  const descending = query.sort.startsWith('-');
  const field = query.sort.replace('-', '') as 'created_at' | 'name' | 'num_rows';
  const rows = await filter(selectTables(db))
    .orderBy(`tables.${field}`, descending ? 'desc' : 'asc')
    .orderBy('tables.id', descending ? 'desc' : 'asc')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return { tables: await withCounts(db, rows), total: Number(countRow.count) };
}

export async function updateTable(db: Kysely<Database>, tableId: string, patch: TablePatch, now: string): Promise<void> {
  const set: Updateable<TableRow> = { updated_at: now };
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.description !== undefined) set.description = patch.description;
  if (patch.tags !== undefined) set.tags = patch.tags === null ? null : JSON.stringify(patch.tags);
  if (patch.notify !== undefined) set.notify = patch.notify ? 1 : 0;
  if (patch.settings !== undefined) set.settings = JSON.stringify(patch.settings);
  await db.updateTable('tables').set(set).where('id', '=', tableId).execute();
  if (patch.tags !== undefined) await writeTags(db, tableId, patch.tags);
}

export async function deleteTable(db: Kysely<Database>, tableId: string): Promise<void> {
  await db.deleteFrom('cells').where('row_key', 'in', rowKeysOfTable(db, tableId)).execute();
  await db.deleteFrom('rows').where('table_key', '=', tableKeyOf(db, tableId)).execute();
  await db.deleteFrom('columns').where('table_id', '=', tableId).execute();
  await db.deleteFrom('table_tags').where('table_id', '=', tableId).execute();
  await db.deleteFrom('column_dependencies').where('table_id', '=', tableId).execute();
  await db.deleteFrom('table_cell_counts').where('table_id', '=', tableId).execute();
  await db.deleteFrom('runs').where('table_id', '=', tableId).execute();
  await db.deleteFrom('table_views').where('table_id', '=', tableId).execute();
  await db.deleteFrom('tables').where('id', '=', tableId).execute();
}

export async function listChildTables(db: Kysely<Database>, tableId: string): Promise<Table[]> {
  const rows = await selectTables(db).where('tables.parent_table_id', '=', tableId).orderBy('tables.created_at').execute();
  return withCounts(db, rows);
}
