import { sql, type Kysely } from 'kysely';
import type { Database } from '../database-schema.ts';
import { readTableKey } from './cell-keys.ts';

/** Rows between two checkpoints: the most an offset read walks past. */
const STRIDE = 256;
/** Checkpoints found by one statement while a directory is built (~4 ms of SQLite's time when the machine is quiet). */
const CHECKPOINTS_PER_STATEMENT = 128;
/** Tables whose directory is kept (least recently used dropped first). */
const MAX_TABLES = 64;

interface TableDirectory {
  lastRowSeq: number;
  numRows: number;
  /** checkpoints[i]: the seq of the row at position i × stride. */
  checkpoints: number[];
}

/**
 * Where row N of a table is, without walking rows 0…N-1: the seq of every STRIDE-th row, so an
 * OFFSET read starts at the nearest checkpoint and walks fewer than STRIDE index entries.
 * Kept in memory per table and checked against the table's (last_row_seq, num_rows) on each use:
 * inserts only ever append (seq grows), so a table whose row count grew exactly as much as its
 * last seq had only appends and its directory is extended from the old end; any delete changes
 * the pair otherwise and the directory is rebuilt. Any process can hold one (several API
 * processes on PostgreSQL) because the pair is read from the database.
 *
 * A build jumps from checkpoint to checkpoint on the (table_id, seq) index (`limit 1 offset
 * STRIDE-1`), so the database walks the index and only the checkpoints cross to the process: at
 * 1,000,000 rows that is ~0.13 s where numbering every row with row_number() took ~1 s. It runs
 * CHECKPOINTS_PER_STATEMENT at a time and lets the event loop run between statements (SQLite
 * runs on it), and reads that need the same build share it.
 */
export class RowPositionDirectory {
  private readonly tables = new Map<string, TableDirectory>();
  /** Builds and extensions under way, by table, for the (last_row_seq, num_rows) they are for. */
  private readonly pending = new Map<string, { key: string; directory: Promise<TableDirectory> }>();

  constructor(
    private readonly stride = STRIDE,
    private readonly checkpointsPerStatement = CHECKPOINTS_PER_STATEMENT,
  ) {}

  /** The seq to start from and the rows to skip after it, for `offset` into the table's order. */
  async seek(db: Kysely<Database>, tableId: string, offset: number): Promise<{ fromSeq: number; skip: number } | null> {
    if (offset < this.stride) return null;
    const table = await db.selectFrom('tables').select(['last_row_seq', 'num_rows']).where('id', '=', tableId).executeTakeFirst();
    if (!table) return null;
    const directory = await this.current(db, tableId, Number(table.last_row_seq), Number(table.num_rows));
    const index = Math.floor(offset / this.stride);
    const fromSeq = directory.checkpoints[index];
    // Past the end: no row is there; let the plain query answer its empty page.
    if (fromSeq === undefined) return null;
    return { fromSeq, skip: offset - index * this.stride };
  }

  private async current(db: Kysely<Database>, tableId: string, lastRowSeq: number, numRows: number): Promise<TableDirectory> {
    const known = this.tables.get(tableId);
    if (known && known.lastRowSeq === lastRowSeq && known.numRows === numRows) {
      // Most recently used last.
      this.tables.delete(tableId);
      this.tables.set(tableId, known);
      return known;
    }
    const key = `${lastRowSeq}:${numRows}`;
    const under = this.pending.get(tableId);
    if (under?.key === key) return under.directory;
    const directory = this.update(db, tableId, known, lastRowSeq, numRows);
    this.pending.set(tableId, { key, directory });
    try {
      const updated = await directory;
      // A newer state may have been read and kept while this one was built.
      const kept = this.tables.get(tableId);
      if (!kept || kept === known) {
        this.tables.delete(tableId);
        this.tables.set(tableId, updated);
        if (this.tables.size > MAX_TABLES) this.tables.delete(this.tables.keys().next().value!);
      }
      return updated;
    } finally {
      if (this.pending.get(tableId)?.directory === directory) this.pending.delete(tableId);
    }
  }

  private async update(db: Kysely<Database>, tableId: string, known: TableDirectory | undefined, lastRowSeq: number, numRows: number): Promise<TableDirectory> {
    if (known && numRows - known.numRows === lastRowSeq - known.lastRowSeq && numRows >= known.numRows) {
      // Only appends since `known`: checkpoints for the new rows, counting positions on from its end.
      const added = await this.checkpointsAfter(db, tableId, known.lastRowSeq, known.numRows, lastRowSeq);
      return { lastRowSeq, numRows, checkpoints: [...known.checkpoints, ...added] };
    }
    return { lastRowSeq, numRows, checkpoints: await this.checkpointsAfter(db, tableId, 0, 0, lastRowSeq) };
  }

  /**
   * Seqs of the rows in (`afterSeq`, `lastRowSeq`] whose position (counting from `firstPosition`)
   * falls on a checkpoint. Bounded by the `lastRowSeq` the directory is stamped with, so rows
   * appended while it is built are left to the next extension instead of being counted twice.
   */
  private async checkpointsAfter(db: Kysely<Database>, tableId: string, afterSeq: number, firstPosition: number, lastRowSeq: number): Promise<number[]> {
    const skipToBoundary = (this.stride - (firstPosition % this.stride)) % this.stride;
    const tableKey = await readTableKey(db, tableId);
    if (tableKey === undefined) return [];
    const first = await db
      .selectFrom('rows')
      .select('seq')
      .where('table_key', '=', tableKey)
      .where('seq', '>', afterSeq)
      .where('seq', '<=', lastRowSeq)
      .orderBy('seq')
      .limit(1)
      .offset(skipToBoundary)
      .executeTakeFirst();
    if (!first) return [];
    const checkpoints = [Number(first.seq)];
    for (;;) {
      const next = await this.jumpsFrom(db, tableKey, checkpoints.at(-1)!, lastRowSeq);
      for (const seq of next) checkpoints.push(seq);
      if (next.length < this.checkpointsPerStatement) return checkpoints;
      // SQLite runs on the event loop: let other requests in between two statements of a long build.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Up to checkpointsPerStatement checkpoints after the one at `fromSeq`, each STRIDE rows on from the last. */
  private async jumpsFrom(db: Kysely<Database>, tableKey: number, fromSeq: number, lastRowSeq: number): Promise<number[]> {
    const result = await sql<{ seq: number }>`
      with recursive jumps(seq, step) as (
        select cast(${fromSeq} as bigint), 0
        union all
        select (
          select r.seq from rows as r
          where r.table_key = ${tableKey} and r.seq > jumps.seq and r.seq <= ${lastRowSeq}
          order by r.seq limit 1 offset ${sql.lit(this.stride - 1)}
        ), jumps.step + 1
        from jumps
        where jumps.seq is not null and jumps.step < ${sql.lit(this.checkpointsPerStatement)}
      )
      select seq from jumps where step > 0 and seq is not null order by step`.execute(db);
    return result.rows.map((row) => Number(row.seq));
  }
}
