import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Cell, CellCounts, CellStaleness, Row } from '../../domain/records.ts';
import type { Database } from '../database-schema.ts';
import type { BulkWriter, CellInsert } from '../bulk-writer.ts';
import type { NewCell, NewRow } from '../store.ts';
import { applyCellCountDeltas, countComputedCells, negate } from './cell-counters.ts';
import { columnKeysOf, readColumnKeys, readTableKey, rowKeyOf, rowKeysOf, rowKeysOfTable, selectRowsWithTableId, tableKeyOf } from './cell-keys.ts';
import { chunk, toCell, toRow } from './mappers.ts';
import { ABSENT_STATUS, absentUpdatedAt, isPlaceholder } from './absent-cells.ts';
import { isComputedKind, type ColumnKind } from '../../domain/column-config-schema.ts';
import { appendAll } from '../../domain/append-all.ts';
import { fromStoredTime, toStoredTime } from './stored-time.ts';

export async function insertRows(db: Kysely<Database>, bulkWriter: BulkWriter, tableId: string, rows: NewRow[], cells: NewCell[]): Promise<number> {
  if (rows.length === 0) return 0;
  // Reserve a block of sequence numbers; the row update also serialises concurrent inserts per table.
  const reserved = await db
    .updateTable('tables')
    .set((expression) => ({
      last_row_seq: expression('last_row_seq', '+', rows.length),
      num_rows: expression('num_rows', '+', rows.length),
    }))
    .where('id', '=', tableId)
    .returning(['last_row_seq', 'table_key'])
    .executeTakeFirstOrThrow();
  const firstSeq = Number(reserved.last_row_seq) - rows.length + 1;
  const rowValues = rows.map((row, index) => ({
    id: row.id,
    table_key: Number(reserved.table_key),
    seq: firstSeq + index,
    parent_row_id: row.parentRowId,
    company_profile_id: row.companyProfileId,
    metadata: row.metadata === null ? null : JSON.stringify(row.metadata),
    created_at: toStoredTime(row.createdAt),
    // Unchanged since made: reads as created_at (not stored twice).
    updated_at: null,
  }));
  const rowKeys = await bulkWriter.insertRows(db, rowValues);
  const rowKeyOf = new Map(rows.map((row, index) => [row.id, rowKeys[index]!]));
  const rowCreatedAt = new Map(rows.map((row) => [row.id, row.createdAt]));
  const columnKeys = cells.length === 0 ? null : await readColumnKeys(db, [tableId]);
  const now = rows[0]!.createdAt;
  const deltas: Partial<CellCounts> = {};
  const cellValues: CellInsert[] = [];
  for (const cell of cells) {
    if (!cell.isInput) deltas[cell.status] = (deltas[cell.status] ?? 0) + 1;
    // Sparse cells: a cell with nothing in it is not stored (it reads as `created`), though the
    // `created` counter above still counts it.
    if (isPlaceholder(cell)) continue;
    cellValues.push({
      row_key: rowKeyOf.get(cell.rowId)!,
      column_key: columnKeys!.keyOf.get(cell.columnId)!,
      status: cell.status,
      value: cell.value === null || cell.value === undefined ? null : JSON.stringify(cell.value),
      error: cell.error,
      is_input: cell.isInput ? 1 : 0,
      attempts: 0,
      // An input cell made with its row stores no time of its own: it reads as the row's created_at.
      updated_at: cell.isInput && rowCreatedAt.get(cell.rowId) === now ? null : now,
    });
  }
  if (cellValues.length > 0) await bulkWriter.insertCells(db, cellValues);
  await applyCellCountDeltas(db, tableId, deltas);
  return firstSeq;
}

export async function listRows(db: Kysely<Database>, tableId: string, page: { offset: number; limit: number }): Promise<Row[]> {
  // Offsets are resolved on the (table_key, seq) index first, so deep pages do not read skipped rows.
  const ids = db.selectFrom('rows').select('id').where('table_key', '=', tableKeyOf(db, tableId)).orderBy('seq').limit(page.limit).offset(page.offset);
  const rows = await db.selectFrom('rows').selectAll().where('id', 'in', ids).orderBy('seq').execute();
  return rows.map((row) => toRow(row, tableId));
}

export async function findRows(db: Kysely<Database>, tableId: string, rowIds: string[]): Promise<Row[]> {
  if (rowIds.length === 0) return [];
  const tableKey = await readTableKey(db, tableId);
  if (tableKey === undefined) return [];
  const found: Row[] = [];
  for (const part of chunk(rowIds, 1, 30_000)) {
    // Looked up by id only: with the table in the WHERE, SQLite preferred the table-order
    // index and scanned the whole table (7.6 ms per call at 30,000 rows).
    const rows = await db.selectFrom('rows').selectAll().where('id', 'in', part).execute();
    appendAll(
      found,
      rows.filter((row) => Number(row.table_key) === tableKey).map((row) => toRow(row, tableId)),
    );
  }
  return found.sort((left, right) => left.seq - right.seq);
}

export async function listRowsByParent(db: Kysely<Database>, parentRowIds: string[]): Promise<Row[]> {
  if (parentRowIds.length === 0) return [];
  const rows = await selectRowsWithTableId(db).where('rows.parent_row_id', 'in', parentRowIds).orderBy('rows.seq').execute();
  return rows.map((row) => toRow(row, row.table_id));
}

export async function lockRow(db: Kysely<Database>, rowId: string, canLock: boolean): Promise<boolean> {
  const query = db.selectFrom('rows').select('id').where('id', '=', rowId);
  // NO KEY UPDATE: lockers of the row take turns, while inserts whose foreign key names it (FOR KEY SHARE) do not wait.
  return (await (canLock ? query.forNoKeyUpdate() : query).executeTakeFirst()) !== undefined;
}

/**
 * The cells of these rows (in these columns), one per (row, column): stored cells as stored, and
 * absent ones as `created` with no value (see absent-cells.ts). Three index reads per chunk: the
 * stored cells by primary key, the rows, and their tables' columns; absent cells are filled in
 * here. Measured on a 100-row page (bench/cell-reads.ts): 0.57 ms p50, against 1.27 ms for one
 * rows × columns LEFT JOIN cells and 0.85 ms for the previous release's read of 400 stored cells.
 */
export async function listCells(db: Kysely<Database>, rowIds: string[], columnIds?: string[]): Promise<Cell[]> {
  if (rowIds.length === 0) return [];
  const cells: Cell[] = [];
  for (const part of chunk(rowIds, 1, 30_000)) {
    // The rows and their tables' columns come first: they give the keys the cells are stored
    // under (and back to ids), and what an absent cell reads as.
    const rows = await db
      .selectFrom('rows')
      .innerJoin('tables', 'tables.table_key', 'rows.table_key')
      .select(['rows.key', 'rows.id', 'tables.id as table_id', 'rows.created_at'])
      .where('rows.id', 'in', part)
      .execute();
    if (rows.length === 0) continue;
    let columnQuery = db
      .selectFrom('columns')
      .select(['column_key', 'id', 'table_id', 'kind', 'created_at'])
      .where('table_id', 'in', [...new Set(rows.map((row) => row.table_id))]);
    if (columnIds) columnQuery = columnQuery.where('id', 'in', columnIds);
    const columns = await columnQuery.execute();
    if (columns.length === 0) continue;
    const rowOf = new Map<number, { id: string; createdAt: string }>();
    for (const row of rows) rowOf.set(Number(row.key), { id: row.id, createdAt: fromStoredTime(row.created_at) });
    const columnIdOf = new Map<number, string>();
    for (const column of columns) columnIdOf.set(Number(column.column_key), column.id);
    let stored = db
      .selectFrom('cells')
      .select(['row_key', 'column_key', 'status', 'value', 'error', 'is_input', 'updated_at', 'stale'])
      .where('row_key', 'in', [...rowOf.keys()]);
    if (columnIds) stored = stored.where('column_key', 'in', [...columnIdOf.keys()]);
    const isStored = new Set<string>();
    for (const cell of await stored.execute()) {
      const row = rowOf.get(Number(cell.row_key));
      const columnId = columnIdOf.get(Number(cell.column_key));
      if (row === undefined || columnId === undefined) continue;
      const found = toCell(cell, row.id, columnId, row.createdAt);
      isStored.add(`${found.rowId}/${found.columnId}`);
      cells.push(found);
    }
    for (const row of rows) {
      const rowCreatedAt = rowOf.get(Number(row.key))!.createdAt;
      for (const column of columns) {
        if (column.table_id !== row.table_id || isStored.has(`${row.id}/${column.id}`)) continue;
        cells.push({
          rowId: row.id,
          columnId: column.id,
          status: ABSENT_STATUS,
          value: null,
          error: null,
          isInput: !isComputedKind(column.kind as ColumnKind),
          updatedAt: absentUpdatedAt(rowCreatedAt, column.created_at),
        });
      }
    }
  }
  return cells;
}

/**
 * The stored cells of these rows, by primary key: the first read of `listCells`, alone. No
 * longer a store read (the engine reads `findRowsWithCellValues`); kept as the reference the
 * engine's read is tested against (test/integration/cell-context-reads.test.ts) and as
 * bench/cell-reads.ts's baseline.
 */
export async function listStoredCells(db: Kysely<Database>, rowIds: string[]): Promise<Cell[]> {
  const cells: Cell[] = [];
  for (const part of chunk(rowIds, 1, 30_000)) {
    // One statement: the rows by id give the keys the cells are stored under, and the joins
    // give the ids back (0022).
    const stored = await db
      .selectFrom('rows as r')
      .innerJoin('cells', 'cells.row_key', 'r.key')
      .innerJoin('columns as c', 'c.column_key', 'cells.column_key')
      .select([
        'r.id as row_id',
        'r.created_at as row_created_at',
        'c.id as column_id',
        'cells.status',
        'cells.value',
        'cells.error',
        'cells.is_input',
        'cells.updated_at',
        'cells.stale',
      ])
      .where('r.id', 'in', part)
      .execute();
    appendAll(
      cells,
      // A cell with no stored time was written with its row (compact rows): it reads as the row's created_at.
      stored.map((cell) => toCell(cell, cell.row_id, cell.column_id, fromStoredTime(cell.row_created_at))),
    );
  }
  return cells;
}

export async function updateRowMetadata(db: Kysely<Database>, rowId: string, metadata: Record<string, unknown> | null, now: string): Promise<void> {
  await db
    .updateTable('rows')
    .set({ metadata: metadata === null ? null : JSON.stringify(metadata), updated_at: toStoredTime(now) })
    .where('id', '=', rowId)
    .execute();
}

export async function writeInputCells(
  db: Kysely<Database>,
  tableId: string,
  rowId: string,
  values: { columnId: string; value: unknown }[],
  now: string,
): Promise<void> {
  if (values.length > 0) {
    const row = await rowKeyOf(db, rowId).executeTakeFirst();
    const columnKeys = await readColumnKeys(db, [tableId]);
    for (const { columnId, value } of values) {
      const columnKey = columnKeys.keyOf.get(columnId);
      if (row === undefined || columnKey === undefined) continue;
      const isEmpty = value === null || value === undefined;
      const written = { value: isEmpty ? null : JSON.stringify(value), status: isEmpty ? 'created' : 'done', updated_at: now };
      // An upsert: an input that was never given a value has no stored cell. A cleared value is
      // stored as `created` (not deleted), so the cell keeps the time it was cleared.
      await db
        .insertInto('cells')
        .values({ row_key: Number(row.key), column_key: columnKey, error: null, is_input: 1, attempts: 0, ...written })
        .onConflict((conflict) => conflict.columns(['row_key', 'column_key']).doUpdateSet(written))
        .execute();
    }
  }
  await db
    .updateTable('rows')
    .set({ updated_at: toStoredTime(now) })
    .where('id', '=', rowId)
    .execute();
}

/**
 * Mark computed cells out of date, keeping their answers: done, failed and queued cells record
 * why (a queued one may return to its old answer if its run is cancelled); running cells go back
 * to `created`, losing their lease token, so an answer computed from the old inputs is discarded.
 * 'inputs' wins over 'config': `mode: "new"` recomputes cells whose inputs changed.
 * `rowIds` null means every row of the table.
 */
export async function markCellsStale(
  db: Kysely<Database>,
  tableId: string,
  rowIds: string[] | null,
  columnIds: string[],
  now: string,
  reason: CellStaleness = 'inputs',
): Promise<number> {
  if ((rowIds !== null && rowIds.length === 0) || columnIds.length === 0) return 0;
  let marked = 0;
  for (const part of rowIds === null ? [null] : chunk(rowIds, 1, 20_000)) {
    const inScope = (expression: ExpressionBuilder<Database, 'cells'>) =>
      expression.and([
        expression('row_key', 'in', part ? rowKeysOf(db, part) : rowKeysOfTable(db, tableId)),
        expression('column_key', 'in', columnKeysOf(db, columnIds, tableId)),
      ]);
    const running = await db
      .selectFrom('cells')
      .select((expression) => expression.fn.countAll<number>().as('count'))
      .where(inScope)
      .where('status', '=', 'in_progress')
      .executeTakeFirstOrThrow();
    const runningCount = Number(running.count);
    if (runningCount > 0) {
      await db
        .updateTable('cells')
        .where(inScope)
        .set({ status: 'created', value: null, error: null, lease_token: null, lease_expires_at: null, attempts: 0, stale: null, updated_at: now })
        .where('status', '=', 'in_progress')
        .execute();
      await applyCellCountDeltas(db, tableId, { in_progress: -runningCount, created: runningCount });
    }
    let update = db.updateTable('cells').where(inScope).set({ stale: reason }).where('status', 'in', ['done', 'failed', 'requested']);
    // A cell already out of date because of its inputs stays so (it is what `new` recomputes).
    update =
      reason === 'inputs'
        ? update.where((expression) => expression.or([expression('stale', 'is', null), expression('stale', '!=', 'inputs')]))
        : update.where('stale', 'is', null);
    const result = await update.executeTakeFirst();
    marked += runningCount + Number(result.numUpdatedRows);
  }
  return marked;
}

/** Computed cells with an answer (done or failed) in these columns that a change would make out of date. */
export async function countAnsweredCells(db: Kysely<Database>, tableId: string, columnIds: string[]): Promise<number> {
  if (columnIds.length === 0) return 0;
  const result = await db
    .selectFrom('cells')
    .select((expression) => expression.fn.countAll<number>().as('count'))
    .where('row_key', 'in', rowKeysOfTable(db, tableId))
    .where('column_key', 'in', columnKeysOf(db, columnIds, tableId))
    .where('status', 'in', ['done', 'failed'])
    .where('is_input', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(result.count);
}

export async function deleteRows(db: Kysely<Database>, tableId: string, rowIds: string[]): Promise<string[]> {
  const existing = (await findRows(db, tableId, rowIds)).map((row) => row.id);
  if (existing.length === 0) return [];
  for (const part of chunk(existing, 1, 30_000)) {
    const counts = await countComputedCells(db, { tableId, rowIds: part });
    await db.deleteFrom('cells').where('row_key', 'in', rowKeysOf(db, part)).execute();
    await db.deleteFrom('rows').where('id', 'in', part).execute();
    await applyCellCountDeltas(db, tableId, negate(counts));
  }
  await db
    .updateTable('tables')
    .set((expression) => ({ num_rows: expression('num_rows', '-', existing.length) }))
    .where('id', '=', tableId)
    .execute();
  return existing;
}
