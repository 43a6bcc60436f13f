import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends.ts';
import { storedCells, writeCell } from '../support/cell-writes.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const llmColumn = (key: string, prompt: string) => ({ kind: 'agent', name: key, key, value: { agent_type: 'llm', prompt, output_format: 'text' } });

/**
 * Sparse cells (issue 11 item 2): a cell nobody gave a value, an error or a run is not stored,
 * and reads everywhere as `created` with no value.
 */
describe.each(testBackends())('Sparse cells on %s', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(backend);
  });
  afterAll(() => server.close());

  const storedCellsOf = async (tableId: string) =>
    storedCells(server.fathom.database.db).select(['cells.status', 'cells.value']).where('columns.table_id', '=', tableId).execute();
  const columnIdOf = async (tableId: string, key: string) =>
    (await server.fathom.database.db.selectFrom('columns').select('id').where('table_id', '=', tableId).where('key', '=', key).executeTakeFirstOrThrow()).id;

  it('stores only input cells with values, and reads every other cell as created with no value', async () => {
    const table = (
      await server.alice.post('/v1/tables', {
        kind: 'generic',
        column_configs: [{ kind: 'input', name: 'Notes', key: 'notes' }, llmColumn('summary', 'Summarise {input}')],
      })
    ).body;
    const added = await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: 'a.test', notes: 'x' } }, { data: { input: 'b.test' } }] });
    expect(added.status).toBe(200);
    // Three input values; no placeholder for the empty `notes` or the two `summary` cells.
    expect(await storedCellsOf(table.id)).toHaveLength(3);

    const data = (await server.alice.get(`/v1/tables/${table.id}/data`)).body;
    const second = data.rows[1];
    expect(second.data.notes).toEqual({ value: null, status: 'created', updated_at: second.created_at });
    expect(second.data.summary).toEqual({ value: null, status: 'created', updated_at: second.created_at });
    expect(data.rows[0].data.notes).toMatchObject({ value: 'x', status: 'done' });
    // The row read and the echo of the insert agree with the page.
    expect((await server.alice.get(`/v1/tables/${table.id}/rows/${second.id}`)).body.data).toEqual(second.data);
    expect(added.body[1].data).toEqual(second.data);
    expect(await server.fathom.services.store.countCellsByStatus(table.id)).toEqual({ created: 2, requested: 0, in_progress: 0, done: 0, failed: 0 });
  });

  it('adds a column to a table with rows without writing a cell, and keeps the created count exact through deletes', async () => {
    const table = (await server.alice.post('/v1/tables', { kind: 'generic', column_configs: [] })).body;
    const rows = Array.from({ length: 5 }, (_, index) => ({ data: { input: `row-${index}.test` } }));
    const added = (await server.alice.post(`/v1/tables/${table.id}/rows`, { rows })).body;
    const before = await storedCellsOf(table.id);
    const column = (await server.alice.post(`/v1/tables/${table.id}/columns`, { column_configs: [llmColumn('about', 'About {input}')] })).body[0];
    expect(await storedCellsOf(table.id)).toEqual(before);
    const store = server.fathom.services.store;
    expect(await store.countCellsByStatus(table.id)).toMatchObject({ created: 5 });
    const created = async () => (await store.findTableById(table.id))!.cellCounts.created;
    expect(await created()).toBe(5);
    const page = (await server.alice.get(`/v1/tables/${table.id}/data`)).body;
    expect(page.rows.map((row: any) => row.data.about)).toEqual(page.rows.map(() => ({ value: null, status: 'created', updated_at: column.created_at })));

    expect((await server.alice.delete(`/v1/tables/${table.id}/rows`, { rows: [added[0].id, added[1].id] })).status).toBe(200);
    expect(await created()).toBe(3);
    expect(await store.countCellsByStatus(table.id)).toMatchObject({ created: 3 });
    expect((await server.alice.delete(`/v1/tables/${table.id}/columns/${column.id}`)).status).toBeLessThan(300);
    expect(await created()).toBe(0);
  });

  it('writes an input set on a row that had none, and keeps a cleared input as a created cell', async () => {
    const table = (await server.alice.post('/v1/tables', { kind: 'generic', column_configs: [{ kind: 'input', name: 'Notes', key: 'notes' }] })).body;
    const [row] = (await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: 'a.test' } }] })).body;
    const notes = await columnIdOf(table.id, 'notes');
    await server.alice.patch(`/v1/tables/${table.id}/rows`, { rows: [{ id: row.id, data: { notes: 'later' } }] });
    expect((await server.alice.get(`/v1/tables/${table.id}/rows/${row.id}`)).body.data.notes).toMatchObject({ value: 'later', status: 'done' });
    await server.alice.patch(`/v1/tables/${table.id}/rows`, { rows: [{ id: row.id, data: { notes: null } }] });
    expect((await server.alice.get(`/v1/tables/${table.id}/rows/${row.id}`)).body.data.notes).toMatchObject({ value: null, status: 'created' });
    expect((await storedCellsOf(table.id)).filter((cell) => cell.column_id === notes)).toEqual([
      { row_id: row.id, column_id: notes, status: 'created', value: null },
    ]);
  });

  it('finds absent cells as not run and empty, on one column and on any column', async () => {
    const table = (
      await server.alice.post('/v1/tables', {
        kind: 'generic',
        column_configs: [{ kind: 'input', name: 'Notes', key: 'notes' }, llmColumn('summary', 'Summarise {input}')],
      })
    ).body;
    const rows = (await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: 'a.test', notes: 'x' } }, { data: { input: 'b.test' } }] }))
      .body;
    const read = async (filter: unknown) =>
      (await server.alice.get(`/v1/tables/${table.id}/data?${new URLSearchParams({ filter: JSON.stringify(filter) })}`)).body.rows.map((row: any) => row.id);
    expect(await read([{ status: 'not_run' }])).toEqual([rows[0].id, rows[1].id]);
    expect(await read([{ column: 'notes', empty: true }])).toEqual([rows[1].id]);
    expect(await read([{ column: 'summary', empty: true }])).toEqual([rows[0].id, rows[1].id]);
    expect(await read([{ column: 'summary', status: 'not_run' }])).toEqual([rows[0].id, rows[1].id]);
    expect(await read([{ column: 'summary', not_found: true }])).toEqual([]);

    // Stored cells beside absent ones: a done answer is neither; a stored `created` cell is both; a failed one is empty only.
    const summary = await columnIdOf(table.id, 'summary');
    const { db } = server.fathom.database;
    await writeCell(db, rows[0].id, summary, { status: 'done', value: JSON.stringify({ answer: 'A summary', source: [], explanation: 'e' }) });
    expect(await read([{ status: 'not_run' }])).toEqual([rows[1].id]);
    expect(await read([{ column: 'summary', status: 'not_run' }])).toEqual([rows[1].id]);
    expect(await read([{ column: 'summary', empty: true }])).toEqual([rows[1].id]);
    await writeCell(db, rows[1].id, summary, { status: 'created', value: null });
    expect(await read([{ status: 'not_run' }])).toEqual([rows[1].id]);
    expect(await read([{ column: 'summary', empty: true }])).toEqual([rows[1].id]);
    await writeCell(db, rows[1].id, summary, { status: 'failed', value: null, error: 'no' });
    expect(await read([{ status: 'not_run' }])).toEqual([]);
    expect(await read([{ column: 'summary', status: 'not_run' }])).toEqual([]);
    expect(await read([{ column: 'summary', empty: true }])).toEqual([rows[1].id]);
  });

  it('queues absent cells a run selects, and an absent upstream cell keeps its dependents waiting', async () => {
    const table = (
      await server.alice.post('/v1/tables', {
        kind: 'generic',
        column_configs: [llmColumn('first', 'About {input}'), llmColumn('second', 'More about {first}')],
      })
    ).body;
    const rows = (await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: 'a.test' } }, { data: { input: 'b.test' } }] })).body;
    const store = server.fathom.services.store;
    const second = await columnIdOf(table.id, 'second');
    const now = new Date().toISOString();
    const selection = { tableId: table.id, columnIds: [second], rowIds: null, statuses: ['created' as const], stuckBefore: null };
    expect(await store.countRequestableCells(selection)).toEqual(new Map([[second, 2]]));
    // Queue `second` alone: `first` is absent (never run), so `second` may not start.
    await server.fathom.database.db
      .insertInto('runs')
      .values({
        id: 'run-sparse',
        table_id: table.id,
        mode: 'new',
        status: 'created',
        rows: null,
        columns: null,
        num_requested_cells: 0,
        created_at: now,
        updated_at: now,
      } as never)
      .execute();
    expect(await store.requestCells({ ...selection, runId: 'run-sparse', bypassCache: false, now })).toBe(2);
    const queued = await storedCells(server.fathom.database.db)
      .select(['cells.status', 'cells.is_ready', 'cells.previous_status'])
      .where('columns.id', '=', second)
      .execute()
      .then((cells) => cells.map(({ row_id, status, is_ready, previous_status }) => ({ row_id, status, is_ready, previous_status })));
    expect(queued.map((cell) => ({ ...cell, is_ready: Number(cell.is_ready) })).sort((left, right) => left.row_id.localeCompare(right.row_id))).toEqual(
      rows
        .map((row: any) => ({ row_id: row.id, status: 'requested', is_ready: 0, previous_status: 'created' }))
        .sort((left: any, right: any) => left.row_id.localeCompare(right.row_id)),
    );
    expect(await store.countCellsByStatus(table.id)).toEqual({ created: 2, requested: 2, in_progress: 0, done: 0, failed: 0 });
    expect((await store.findTableById(table.id))!.cellCounts).toEqual({ created: 2, requested: 2, in_progress: 0, done: 0, failed: 0 });
    // Nobody will compute `first`: the sweep fails `second`, naming it.
    await store.sweepWaitingCells({ now, limit: 100, tableId: table.id });
    const data = (await server.alice.get(`/v1/tables/${table.id}/data`)).body;
    for (const row of data.rows) {
      expect(row.data.second).toMatchObject({ status: 'failed', error: expect.stringContaining('not computed and not queued') });
      expect(row.data.first).toMatchObject({ status: 'created', value: null });
    }
  });
});
