import type { Kysely } from 'kysely';
import type { ColumnConfig } from '../../domain/column-config-schema.ts';
import type { Run } from '../../domain/run-modes.ts';
import type { CellSpendRecord, WorkspaceColumn } from '../cost-store.ts';
import type { Database } from '../database-schema.ts';
import { columnKeyOf, rowKeysOfTable, withCellIds } from './cell-keys.ts';
import { toRun } from './run-queries.ts';

export async function listCellSpendRecords(db: Kysely<Database>, tableId: string, page: { after: string | null; limit: number }): Promise<CellSpendRecord[]> {
  let query = db
    .selectFrom('cells')
    .select(['row_key', 'column_key', 'run_id', 'updated_at', 'value'])
    .where('row_key', 'in', rowKeysOfTable(db, tableId))
    // Computed cells only: they always store their time (only input cells made with their row have none).
    .where('is_input', '=', 0)
    // Failed cells count when they recorded what they spent before failing (their value then holds it).
    .where('status', 'in', ['done', 'failed'])
    .where('value', 'is not', null);
  // Key order (0022), and the position is the keys: a row deleted between two pages takes its
  // id's key with it, but not the place the next page starts from.
  const after = page.after === null ? null : parsePosition(page.after);
  if (after) {
    query = query.where((expression) =>
      expression.or([
        expression('row_key', '>', after.rowKey),
        expression.and([expression('row_key', '=', after.rowKey), expression('column_key', '>', after.columnKey)]),
      ]),
    );
  }
  const rows = await withCellIds(db, await query.orderBy('row_key').orderBy('column_key').limit(page.limit).execute());
  return rows.map((row) => ({
    rowId: row.row_id,
    columnId: row.column_id,
    runId: row.run_id,
    updatedAt: row.updated_at!,
    value: row.value!,
    position: `${row.row_key}.${row.column_key}`,
  }));
}

function parsePosition(position: string): { rowKey: number; columnKey: number } {
  const match = /^(\d+)\.(\d+)$/.exec(position);
  if (!match) throw new Error(`not a spend record position: ${JSON.stringify(position)}`);
  return { rowKey: Number(match[1]), columnKey: Number(match[2]) };
}

export async function listFinishedCellValues(db: Kysely<Database>, tableId: string, columnId: string, limit: number): Promise<string[]> {
  // Through the runs of the table and the (run_id, status) index: a column with few finished
  // cells is read without probing every row of a big table.
  const rows = await db
    .selectFrom('cells')
    .select('value')
    .where('run_id', 'in', db.selectFrom('runs').select('id').where('table_id', '=', tableId))
    .where('status', '=', 'done')
    .where('column_key', '=', columnKeyOf(db, columnId))
    .where('value', 'is not', null)
    .limit(limit)
    .execute();
  return rows.map((row) => row.value!);
}

export async function listWorkspaceAgentColumns(db: Kysely<Database>, workspaceId: string): Promise<WorkspaceColumn[]> {
  const rows = await db
    .selectFrom('columns')
    .innerJoin('tables', 'tables.id', 'columns.table_id')
    .select(['columns.id', 'columns.table_id', 'columns.config'])
    .where('tables.workspace_id', '=', workspaceId)
    .where('columns.kind', '=', 'agent')
    .execute();
  return rows.map((row) => ({ id: row.id, tableId: row.table_id, config: JSON.parse(row.config) as ColumnConfig }));
}

export async function sumWorkspaceRunCost(db: Kysely<Database>, workspaceId: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('runs')
    .innerJoin('tables', 'tables.id', 'runs.table_id')
    .select((expression) => expression.fn.sum<number>('runs.cost').as('total'))
    .where('tables.workspace_id', '=', workspaceId)
    .where('runs.created_at', '>=', since)
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}

export async function listActiveWorkspaceRuns(db: Kysely<Database>, workspaceId: string): Promise<Run[]> {
  const rows = await db
    .selectFrom('runs')
    .innerJoin('tables', 'tables.id', 'runs.table_id')
    .selectAll('runs')
    .where('tables.workspace_id', '=', workspaceId)
    .where('runs.ended_at', 'is', null)
    .execute();
  return rows.map(toRun);
}

export async function findWorkspaceOfTable(db: Kysely<Database>, tableId: string): Promise<string | undefined> {
  const row = await db.selectFrom('tables').select('workspace_id').where('id', '=', tableId).executeTakeFirst();
  return row?.workspace_id;
}
