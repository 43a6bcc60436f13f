import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listStoredCells } from '../../src/store/kysely/row-queries.ts';
import { testBackends } from '../support/backends.ts';
import { writeCell } from '../support/cell-writes.ts';
import { openTestStore } from '../support/test-database.ts';
import { QueueFixture, TestClock } from '../store-conformance/queue-fixture.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/**
 * The engine's two reads a claimed batch (findTableWithColumns, findRowsWithCellValues) must
 * answer what the general reads they replaced answer (findTableById + listColumns, findRows +
 * listStoredCells, less the computed cells not done, which no context reads), on both
 * databases: rows of another table and unknown ids left out, a row without stored cells still
 * listed, stored values parsed.
 */
describe.each(testBackends())('Cell context reads on %s', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(backend);
  });
  afterAll(() => server.close());

  it('reads a table with its columns, and rows with their stored cell values, as the general reads do', async () => {
    const store = server.fathom.services.store;
    const columnConfigs = [
      { kind: 'input', name: 'Notes', key: 'notes' },
      { kind: 'agent', name: 'Summary', key: 'summary', value: { agent_type: 'llm', prompt: 'Summarise {input} {notes}', output_format: 'text' } },
    ];
    const table = (await server.alice.post('/v1/tables', { kind: 'generic', column_configs: columnConfigs })).body;
    const other = (await server.alice.post('/v1/tables', { kind: 'generic', column_configs: [] })).body;
    const rows = (await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: 'a.test', notes: 'x' } }, { data: {} }] })).body;
    const otherRow = (await server.alice.post(`/v1/tables/${other.id}/rows`, { rows: [{ data: { input: 'b.test' } }] })).body[0];
    // A done computed cell (read) and a failed one (a context never reads it).
    const summary = table.columns.find((column: { config: { key: string } }) => column.config.key === 'summary').id;
    const { db } = server.fathom.database;
    await writeCell(db, rows[0].id, summary, { status: 'done', value: JSON.stringify({ answer: 'Summary A', source: [], explanation: 'test' }) });
    await writeCell(db, rows[1].id, summary, { status: 'failed', value: null, error: 'model said no' });

    const found = await store.findTableWithColumns(table.id);
    const general = (await store.findTableById(table.id))!;
    expect(found?.table).toEqual({
      id: general.id,
      kind: general.kind,
      workspaceId: general.workspaceId,
      name: general.name,
      parentTableId: general.parentTableId,
    });
    expect(found?.columns).toEqual(await store.listColumns(table.id));
    expect((await store.findTableWithColumns(other.id))?.columns).toEqual(await store.listColumns(other.id));
    expect(await store.findTableWithColumns('no-such-table')).toBeUndefined();

    const rowIds = [rows[0].id, rows[1].id, otherRow.id, 'no-such-row'];
    const read = await store.findRowsWithCellValues(table.id, rowIds);
    const expectedRows = await store.findRows(table.id, rowIds);
    const storedCells = await listStoredCells(db, [rows[0].id, rows[1].id]);
    expect(read.map((row) => row.id).sort()).toEqual(expectedRows.map((row) => row.id).sort());
    for (const row of read) {
      const expected = expectedRows.find((candidate) => candidate.id === row.id)!;
      expect({ parentRowId: row.parentRowId, companyProfileId: row.companyProfileId }).toEqual({
        parentRowId: expected.parentRowId,
        companyProfileId: expected.companyProfileId,
      });
      const sortByColumn = (cells: { columnId: string }[]) => [...cells].sort((left, right) => left.columnId.localeCompare(right.columnId));
      expect(sortByColumn(row.cells)).toEqual(
        sortByColumn(
          storedCells
            .filter((cell) => cell.rowId === row.id && (cell.isInput || cell.status === 'done'))
            .map((cell) => ({ columnId: cell.columnId, status: cell.status, value: cell.value })),
        ),
      );
    }
    // The first row stores its two input values and its done answer; the second stores its empty
    // input cell or none at all, and its failed cell is left out.
    const first = read.find((row) => row.id === rows[0].id)!;
    expect(first.cells.map((cell) => JSON.stringify(cell.value)).sort()).toEqual(
      ['"a.test"', '"x"', JSON.stringify({ answer: 'Summary A', source: [], explanation: 'test' })].sort(),
    );
    expect(read.find((row) => row.id === rows[1].id)!.cells.some((cell) => cell.columnId === summary)).toBe(false);
    expect(storedCells.some((cell) => cell.rowId === rows[1].id && cell.columnId === summary && cell.status === 'failed')).toBe(true);
  });

  it('gives each cell a claim takes the row a context reads, in the claim itself where the database allows, or leaves it to the read', async () => {
    const testStore = await openTestStore(backend);
    try {
      const clock = new TestClock();
      const table = await QueueFixture.create(testStore.store, clock, { columns: [{ key: 'a' }, { key: 'b' }, { key: 'c' }, { key: 'd' }], rows: 3 });
      const { db } = testStore.database;
      // Row 0: a done answer (read) and a failed cell (never read); row 1: a done answer holding
      // an escape jsonb refuses, kept as sent; row 2: only its input.
      await writeCell(db, table.rowIds[0]!, table.column('a'), { status: 'done', value: JSON.stringify({ answer: 'A0', source: [], explanation: 'test' }) });
      await writeCell(db, table.rowIds[0]!, table.column('c'), { status: 'failed', value: null, error: 'no' });
      await writeCell(db, table.rowIds[1]!, table.column('a'), { status: 'done', value: JSON.stringify({ answer: 'nul \u0000 and \ud800', source: [] }) });
      // Two cells of each row in one claim: each carries its row (the claim sends each row once).
      await table.queue(['b', 'd']);
      const claimed = await table.claim(10);
      expect(claimed).toHaveLength(6);
      for (const cell of claimed) {
        if (backend === 'sqlite') {
          expect(cell.row).toBeUndefined();
          continue;
        }
        const [read] = await testStore.store.findRowsWithCellValues(table.tableId, [cell.rowId]);
        const byColumn = (cells: { columnId: string }[]) => [...cells].sort((left, right) => left.columnId.localeCompare(right.columnId));
        expect({ ...cell.row!, cells: byColumn(cell.row!.cells) }).toEqual({ ...read!, cells: byColumn(read!.cells) });
      }
      if (backend === 'postgres') {
        for (const first of claimed.filter((cell) => cell.rowId === table.rowIds[0])) {
          expect(first.row!.cells.map((cell) => cell.columnId).sort()).toEqual([table.column('input'), table.column('a')].sort());
        }
      }
    } finally {
      await testStore.close();
    }
  });
});
