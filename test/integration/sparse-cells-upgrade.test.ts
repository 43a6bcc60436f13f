import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/database-schema.ts';
import { readCellCounts } from '../../src/store/kysely/cell-counters.ts';
import { up as sparseCells } from '../../src/store/migrations/0019-sparse-cells.ts';
import { up as rowsWithoutRowid } from '../../src/store/migrations/0020-rows-without-rowid.ts';
import { openDatabase } from '../../src/store/open-database.ts';
import { testBackends } from '../support/backends.ts';
import { createCapturedLogger } from '../support/captured-logger.ts';
import { writeCell } from '../support/cell-writes.ts';
import { readCellsById, readRowsAndColumns, toLayoutBefore0022, type CellById } from '../support/layout-before-0022.ts';
import { linkCompanyAndPeople } from '../support/linked-company.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { serveExistingDatabase } from '../support/test-server.ts';

const llmColumn = (key: string, prompt: string) => ({ kind: 'agent', name: key, key, value: { agent_type: 'llm', prompt, output_format: 'text' } });

/**
 * Migration 0019 on a database laid out as the previous release left it: every (row, column) has
 * a stored cell, placeholders included. The database is filled through the API, then given the
 * placeholders that release wrote (status created, no value, updated when the later of its row
 * and column was made) and the record of 0019 removed; the next start migrates it in place. Every
 * row, run, profile and counter must be unchanged, and every cell must read through the API
 * exactly as the previous release read it from its stored row.
 */
describe.each(testBackends())('Migration 0019 (sparse cells) on an existing %s database', (backend) => {
  const open = (database: TestDatabase, logLines: Record<string, unknown>[] = []) =>
    serveExistingDatabase(database.location, { logger: createCapturedLogger('info', logLines).logger });

  /** A company table with answers, failures, a cancelled and a queued run, a profile and a people child table. */
  const fill = async (database: TestDatabase): Promise<{ tableIds: string[] }> => {
    const first = await open(database);
    try {
      const { client, fathom } = first;
      const table = (
        await client.post('/v1/tables', {
          kind: 'company',
          column_configs: [{ kind: 'input', name: 'Notes', key: 'notes' }, llmColumn('summary', 'Summarise {company_name}')],
        })
      ).body;
      const rows = (
        await client.post(`/v1/tables/${table.id}/rows`, {
          rows: Array.from({ length: 7 }, (_, index) => ({ data: { input: `company-${index}.test`, ...(index % 3 === 0 ? { notes: `note ${index}` } : {}) } })),
        })
      ).body;
      // A column added later: its placeholders are as old as the column, not the rows.
      await client.post(`/v1/tables/${table.id}/columns`, { column_configs: [llmColumn('later', 'Later {input}')] });
      const db = fathom.database.db;
      const columnId = async (key: string) =>
        (await db.selectFrom('columns').select('id').where('table_id', '=', table.id).where('key', '=', key).executeTakeFirstOrThrow()).id;
      const summary = await columnId('summary');
      const answer = (text: string) => JSON.stringify({ answer: text, source: ['https://example.test'], explanation: 'test' });
      await writeCell(db, rows[0].id, summary, { status: 'done', value: answer('Makes anvils') });
      await writeCell(db, rows[1].id, summary, { status: 'failed', value: null, error: 'model said no' });
      await writeCell(db, rows[2].id, await columnId('company_name'), { status: 'done', value: answer('Company Two') });
      // A run cancelled before it started: its cells go back to created, later than they were made.
      const cancelled = (await client.post(`/v1/tables/${table.id}/run`, { mode: 'new', rows: [rows[3].id], columns: [summary] })).body;
      expect((await client.post(`/v1/tables/${table.id}/runs/${cancelled.id}/cancel`)).status).toBe(200);
      // A run still queued.
      expect((await client.post(`/v1/tables/${table.id}/run`, { mode: 'new', rows: [rows[4].id, rows[5].id], columns: [summary] })).status).toBe(200);
      // An input cleared after it was set.
      await client.patch(`/v1/tables/${table.id}/rows`, { rows: [{ id: rows[6].id, data: { notes: 'set' } }] });
      await client.patch(`/v1/tables/${table.id}/rows`, { rows: [{ id: rows[6].id, data: { notes: null } }] });
      // A company profile linked to a row, and a people child table with two people under it.
      const linked = await linkCompanyAndPeople(fathom.services.store, db, { tableId: table.id, rowId: rows[0].id, domain: 'company-0.test' });
      return { tableIds: [table.id, linked.childTableId] };
    } finally {
      await first.close();
    }
  };

  /**
   * Give every (row, column) without a cell the placeholder the previous release stored, and forget
   * 0019 (in the layout before 0022, integer cell keys, which then runs after it).
   */
  const asPreviousRelease = async (db: Kysely<Database>) => {
    await toLayoutBefore0022(db, backend);
    await sql`
      insert into cells (row_id, column_id, table_id, status, value, error, is_input, attempts, updated_at)
      select r.id, c.id, r.table_id, 'created', null, null, case when c.kind = 'input' then 1 else 0 end, 0,
             case when r.created_at > c.created_at then r.created_at else c.created_at end
      from rows r join columns c on c.table_id = r.table_id
      where not exists (select 1 from cells s where s.row_id = r.id and s.column_id = c.id)`.execute(db);
    await sql`delete from kysely_migration where name = '0019-sparse-cells'`.execute(db);
  };

  type Snapshot = Awaited<ReturnType<typeof snapshot>>;
  const snapshot = async (db: Kysely<Database>) => {
    const tables = await db.selectFrom('tables').selectAll().orderBy('id').execute();
    const { rows, columns } = await readRowsAndColumns(db);
    return {
      // Without the integer key 0022 gives tables (absent before it).
      tables: tables.map(({ table_key: _tableKey, ...table }) => table),
      columns: columns as unknown as { id: string; table_id: string; key: string; created_at: string }[],
      rows: rows as unknown as { id: string; table_id: string; created_at: string }[],
      runs: await db.selectFrom('runs').selectAll().orderBy('id').execute(),
      profiles: await db.selectFrom('company_profiles').selectAll().orderBy('id').execute(),
      counts: [
        ...(
          await readCellCounts(
            db,
            tables.map((table) => table.id),
          )
        ).entries(),
      ].sort(([a], [b]) => a.localeCompare(b)),
      cells: await readCellsById(db),
    };
  };

  /** A stored cell as the previous release presented it (its listCells + presentCell). */
  const presentedByPreviousRelease = (cell: CellById) => ({
    value: cell.value === null ? null : JSON.parse(cell.value),
    status: cell.status,
    updated_at: cell.updated_at,
    ...(cell.error === null ? {} : { error: cell.error }),
    ...(cell.stale ? { out_of_date: cell.stale } : {}),
  });

  const isPlaceholder = (cell: CellById, previous: Snapshot) => {
    const row = previous.rows.find((candidate) => candidate.id === cell.row_id)!;
    const column = previous.columns.find((candidate) => candidate.id === cell.column_id)!;
    const madeAt = [row.created_at, column.created_at].sort().at(-1);
    return (
      cell.status === 'created' &&
      cell.value === null &&
      cell.error === null &&
      cell.stale === null &&
      cell.run_id === null &&
      cell.previous_status === null &&
      Number(cell.attempts) === 0 &&
      cell.updated_at === madeAt
    );
  };

  const expectUpgraded = async (previous: Snapshot, tableIds: string[], upgraded: Awaited<ReturnType<typeof open>>) => {
    const now = await snapshot(upgraded.fathom.database.db);
    expect(now.tables).toEqual(previous.tables);
    expect(now.columns).toEqual(previous.columns);
    expect(now.rows).toEqual(previous.rows);
    expect(now.runs).toEqual(previous.runs);
    expect(now.profiles).toEqual(previous.profiles);
    expect(now.counts).toEqual(previous.counts);
    // Only placeholders went; every other cell is stored exactly as it was.
    const kept = previous.cells.filter((cell) => !isPlaceholder(cell, previous));
    expect(kept.length).toBeLessThan(previous.cells.length);
    expect(now.cells).toEqual(kept);
    // The cancelled run's cell and the cleared input are still stored (created, but later than made).
    expect(kept.filter((cell) => cell.status === 'created').length).toBeGreaterThanOrEqual(2);

    for (const tableId of tableIds) {
      const columns = previous.columns.filter((column) => column.table_id === tableId);
      const page = (await upgraded.client.get(`/v1/tables/${tableId}/data?limit=1000`)).body;
      expect(page.rows.length).toBe(previous.rows.filter((row) => row.table_id === tableId).length);
      for (const row of page.rows) {
        const expected = Object.fromEntries(
          columns.map((column) => [
            column.key,
            presentedByPreviousRelease(previous.cells.find((cell) => cell.row_id === row.id && cell.column_id === column.id)!),
          ]),
        );
        expect(row.data).toEqual(expected);
        expect((await upgraded.client.get(`/v1/tables/${tableId}/rows/${row.id}`)).body.data).toEqual(expected);
      }
    }
  };

  it('removes the placeholders in place, with a progress line, leaving every row, cell, run, profile and counter as it read before', async () => {
    const database = createTestDatabase(backend);
    try {
      const { tableIds } = await fill(database);
      const raw = await openDatabase(database.location);
      await asPreviousRelease(raw.db);
      const previous = await snapshot(raw.db);
      await raw.close();

      const logLines: Record<string, unknown>[] = [];
      const upgraded = await open(database, logLines);
      try {
        await expectUpgraded(previous, tableIds, upgraded);
        expect(
          logLines.some((line) => line.msg === 'database-migration' && /0019-sparse-cells: .* rows, \d+ empty cells removed/.test(String(line.progress))),
        ).toBe(true);
      } finally {
        await upgraded.close();
      }
    } finally {
      await database.drop();
    }
  });

  // 0020 exists on SQLite only (PostgreSQL tables have no rowid); registered there alone, so no run reports a skip.
  if (backend === 'sqlite')
    it('rebuilds rows as a WITHOUT ROWID table (0020), keeping every row, its indexes and what the API reads', async () => {
      const database = createTestDatabase(backend);
      try {
        const { tableIds } = await fill(database);
        const raw = await openDatabase(database.location);
        await toLayoutBefore0022(raw.db, backend);
        // The previous release's rows: a rowid table with its own id index.
        const table = (await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'rows'`.execute(raw.db)).rows[0]!.sql;
        const indexes = (
          await sql<{ sql: string }>`select sql from sqlite_master where type = 'index' and tbl_name = 'rows' and sql is not null`.execute(raw.db)
        ).rows;
        await sql.raw(table.replace(/"rows"/, '"rows_previous"').replace(/\s*without rowid\s*$/i, '')).execute(raw.db);
        await sql`insert into rows_previous select * from rows`.execute(raw.db);
        await sql`drop table rows`.execute(raw.db);
        await sql`alter table rows_previous rename to rows`.execute(raw.db);
        for (const index of indexes) await sql.raw(index.sql).execute(raw.db);
        await sql`delete from kysely_migration where name = '0020-rows-without-rowid'`.execute(raw.db);
        const layout = async (db: Kysely<Database>) =>
          (
            await sql<{
              type: string;
              name: string;
              sql: string | null;
            }>`select type, name, sql from sqlite_master where tbl_name = 'rows' order by name`.execute(db)
          ).rows;
        expect((await layout(raw.db)).map((entry) => entry.name)).toEqual(['rows', 'rows_parent', 'rows_table_seq', 'sqlite_autoindex_rows_1']);
        const previous = await snapshot(raw.db);
        const pages = [];
        // 0020 by itself (0022 then makes `rows` a rowid table again, keyed by its integer key).
        const logLines: Record<string, unknown>[] = [];
        await rowsWithoutRowid(raw.db as Kysely<unknown>, backend, (progress) => logLines.push({ progress }));
        const now = await layout(raw.db);
        expect(now.map((entry) => entry.name)).toEqual(['rows', 'rows_parent', 'rows_table_seq']);
        expect(now.find((entry) => entry.name === 'rows')!.sql).toMatch(/without rowid$/i);
        expect(await snapshot(raw.db)).toEqual(previous);
        await sql`insert into kysely_migration (name, timestamp) values ('0020-rows-without-rowid', ${new Date().toISOString()})`.execute(raw.db);
        await raw.close();
        const upgraded = await open(database);
        try {
          expect(await snapshot(upgraded.fathom.database.db)).toEqual(previous);
          for (const tableId of tableIds) pages.push((await upgraded.client.get(`/v1/tables/${tableId}/data?limit=1000`)).body.rows.length);
          expect(pages).toEqual(tableIds.map((tableId) => previous.rows.filter((row) => row.table_id === tableId).length));
          expect(logLines.some((line) => /0020-rows-without-rowid: .* rows rebuilt/.test(String(line.progress)))).toBe(true);
        } finally {
          await upgraded.close();
        }
      } finally {
        await database.drop();
      }
    });

  it('finishes after being stopped between batches', async () => {
    const database = createTestDatabase(backend);
    try {
      const { tableIds } = await fill(database);
      const raw = await openDatabase(database.location);
      await asPreviousRelease(raw.db);
      const previous = await snapshot(raw.db);
      // Stopped after its first batch of two rows (each batch commits on its own outside the migrator).
      const stop = new Error('killed');
      await expect(
        sparseCells(
          raw.db as Kysely<unknown>,
          backend,
          () => {
            throw stop;
          },
          2,
        ),
      ).rejects.toBe(stop);
      const partly = await raw.db
        .selectFrom('cells')
        .select((expression) => expression.fn.countAll<number>().as('count'))
        .executeTakeFirstOrThrow();
      expect(Number(partly.count)).toBeLessThan(previous.cells.length);
      await raw.close();

      const upgraded = await open(database);
      try {
        await expectUpgraded(previous, tableIds, upgraded);
      } finally {
        await upgraded.close();
      }
    } finally {
      await database.drop();
    }
  });
});
