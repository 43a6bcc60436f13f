import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends.ts';
import { storedCells } from '../support/cell-writes.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/**
 * Compact rows (issue 11 item 2, docs/decisions/2026-12-06-compact-rows.md): rows name their table
 * by an integer key, and times that repeat are not stored twice — a row unchanged since it was made
 * stores no `updated_at`, nor does an input cell written with its row; both read as the row's
 * `created_at`, and store their own time once changed.
 */
describe.each(testBackends())('Compact rows on %s', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(backend);
  });
  afterAll(() => server.close());

  const storedTimes = async (rowId: string) => {
    const { db } = server.fathom.database;
    const row = await db.selectFrom('rows').select(['created_at', 'updated_at', 'table_key']).where('id', '=', rowId).executeTakeFirstOrThrow();
    const cells = await storedCells(db).select(['columns.key', 'cells.updated_at']).where('rows.id', '=', rowId).orderBy('columns.key').execute();
    return {
      // Row times are epoch ms (0025); cell times ISO text.
      created: Number(row.created_at),
      row: row.updated_at === null ? null : new Date(Number(row.updated_at)).toISOString(),
      tableKey: Number(row.table_key),
      cells: Object.fromEntries(cells.map((cell) => [cell.key, cell.updated_at])),
    };
  };

  it('stores no time for a new row or its input cells, reads them as the row was made, and stores the time of a change', async () => {
    const table = (await server.alice.post('/v1/tables', { kind: 'generic', column_configs: [{ kind: 'input', name: 'Notes', key: 'notes' }] })).body;
    const added = (await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: 'a.test', notes: 'x' } }] })).body;
    const rowId = added[0].id as string;
    const createdAt = added[0].created_at as string;
    expect(await storedTimes(rowId)).toMatchObject({ created: Date.parse(createdAt), row: null, cells: { input: null, notes: null } });

    const read = (await server.alice.get(`/v1/tables/${table.id}/rows/${rowId}`)).body;
    expect(read.data.input).toMatchObject({ value: 'a.test', status: 'done', updated_at: createdAt });
    expect(read.data.notes).toMatchObject({ value: 'x', status: 'done', updated_at: createdAt });
    const [row] = await server.fathom.services.store.findRows(table.id, [rowId]);
    expect(row).toMatchObject({ id: rowId, tableId: table.id, createdAt, updatedAt: createdAt });

    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await server.alice.patch(`/v1/tables/${table.id}/rows`, { rows: [{ id: rowId, data: { notes: 'y' } }] })).status).toBe(200);
    const times = await storedTimes(rowId);
    expect(times.row).not.toBeNull();
    expect(times.row! > createdAt).toBe(true);
    expect(times.cells).toEqual({ input: null, notes: times.row });
    const edited = (await server.alice.get(`/v1/tables/${table.id}/rows/${rowId}`)).body;
    expect(edited.data.input.updated_at).toBe(createdAt);
    expect(edited.data.notes).toMatchObject({ value: 'y', updated_at: times.row });
    expect((await server.fathom.services.store.findRows(table.id, [rowId]))[0]!.updatedAt).toBe(times.row);
  });

  it('keeps each table to its own rows by table key, and a row of one table is not found through another', async () => {
    const make = async (input: string) => {
      const table = (await server.alice.post('/v1/tables', { kind: 'generic' })).body;
      const rows = (await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input } }, { data: { input: `${input}-2` } }] })).body;
      return { table, rows: rows as { id: string }[] };
    };
    const first = await make('first.test');
    const second = await make('second.test');
    const firstKey = (await storedTimes(first.rows[0]!.id)).tableKey;
    const secondKey = (await storedTimes(second.rows[0]!.id)).tableKey;
    expect(firstKey).not.toBe(secondKey);
    const page = (await server.alice.get(`/v1/tables/${second.table.id}/data`)).body;
    expect(page.rows.map((row: { id: string }) => row.id)).toEqual(second.rows.map((row) => row.id));
    expect((await server.alice.get(`/v1/tables/${second.table.id}/rows/${first.rows[0]!.id}`)).status).toBe(404);
    expect(await server.fathom.services.store.findRows(second.table.id, [first.rows[0]!.id, second.rows[1]!.id])).toMatchObject([
      { id: second.rows[1]!.id, tableId: second.table.id },
    ]);
  });
});
