import { sql, type Kysely } from 'kysely';
import type { Database } from '../database-schema.ts';

/** Rows between two checkpoints: the most an offset read walks past. */
const STRIDE = 256;
/** Tables whose directory is kept (least recently used dropped first). */
const MAX_TABLES = 64;

interface TableDirectory {
  lastRowSeq: number;
  numRows: number;
  /** checkpoints[i]: the seq of the row at position i × STRIDE. */
  checkpoints: number[];
}

/**
 * Where row N of a table is, without walking rows 0…N-1: the seq of every STRIDE-th row, so an
 * OFFSET read starts at the nearest checkpoint and walks fewer than STRIDE index entries.
 * Kept in memory per table and checked against the table's (last_row_seq, num_rows) on each use:
 * inserts only ever append (seq grows), so a table whose row count grew exactly as much as its
 * last seq had only appends and its directory is extended from the old end; any delete changes
 * the pair otherwise and the directory is rebuilt by one index-only scan. Any process can hold
 * one (several API processes on PostgreSQL) because the pair is read from the database.
 */
export class RowPositionDirectory {
  private readonly tables = new Map<string, TableDirectory>();

  /** The seq to start from and the rows to skip after it, for `offset` into the table's order. */
  async seek(db: Kysely<Database>, tableId: string, offset: number): Promise<{ fromSeq: number; skip: number } | null> {
    if (offset < STRIDE) return null;
    const table = await db.selectFrom('tables').select(['last_row_seq', 'num_rows']).where('id', '=', tableId).executeTakeFirst();
    if (!table) return null;
    const directory = await this.current(db, tableId, Number(table.last_row_seq), Number(table.num_rows));
    const index = Math.floor(offset / STRIDE);
    const fromSeq = directory.checkpoints[index];
    // Past the end: no row is there; let the plain query answer its empty page.
    if (fromSeq === undefined) return null;
    return { fromSeq, skip: offset - index * STRIDE };
  }

  private async current(db: Kysely<Database>, tableId: string, lastRowSeq: number, numRows: number): Promise<TableDirectory> {
    const known = this.tables.get(tableId);
    this.tables.delete(tableId);
    let directory: TableDirectory;
    if (known && known.lastRowSeq === lastRowSeq && known.numRows === numRows) directory = known;
    else if (known && numRows - known.numRows === lastRowSeq - known.lastRowSeq && numRows >= known.numRows) {
      directory = await extend(db, tableId, known, lastRowSeq, numRows);
    } else directory = await build(db, tableId, lastRowSeq, numRows);
    this.tables.set(tableId, directory);
    if (this.tables.size > MAX_TABLES) this.tables.delete(this.tables.keys().next().value!);
    return directory;
  }
}

async function build(db: Kysely<Database>, tableId: string, lastRowSeq: number, numRows: number): Promise<TableDirectory> {
  return { lastRowSeq, numRows, checkpoints: await checkpointsAfter(db, tableId, 0, 0) };
}

/** Only appends since `known`: checkpoints for the new rows, counting positions on from its end. */
async function extend(db: Kysely<Database>, tableId: string, known: TableDirectory, lastRowSeq: number, numRows: number): Promise<TableDirectory> {
  const added = await checkpointsAfter(db, tableId, known.lastRowSeq, known.numRows);
  return { lastRowSeq, numRows, checkpoints: [...known.checkpoints, ...added] };
}

/**
 * Seqs of the rows after `afterSeq` whose position (counting from `firstPosition`) falls on a
 * checkpoint; numbered by the database so only the checkpoints cross to the process.
 */
async function checkpointsAfter(db: Kysely<Database>, tableId: string, afterSeq: number, firstPosition: number): Promise<number[]> {
  const skipToBoundary = (STRIDE - (firstPosition % STRIDE)) % STRIDE;
  const result = await sql<{ seq: number }>`
    select seq from (
      select seq, row_number() over (order by seq) - 1 as position from rows where table_id = ${tableId} and seq > ${afterSeq}
    ) as numbered
    where (position - ${skipToBoundary}) % ${STRIDE} = 0 and position >= ${skipToBoundary}
    order by seq`.execute(db);
  return result.rows.map((row) => Number(row.seq));
}
