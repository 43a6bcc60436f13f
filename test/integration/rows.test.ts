import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends.ts';
import { computedCellKeys, writeCell } from '../support/cell-writes.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

describe.each(testBackends())('Rows API on %s', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(backend);
  });
  afterAll(() => server.close());

  /** Mark every computed cell of a table done, as a finished run would. */
  const completeAll = async (tableId: string) => {
    const { db } = server.fathom.database;
    const computed = await computedCellKeys(db, tableId);
    for (const { rowId, columnId } of computed) {
      await writeCell(db, rowId, columnId, { status: 'done', value: JSON.stringify({ answer: 'computed', source: [], explanation: 'test' }) });
    }
    await db.deleteFrom('table_cell_counts').where('table_id', '=', tableId).execute();
    await db
      .insertInto('table_cell_counts')
      .values({ table_id: tableId, shard: 0, cells_created: 0, cells_requested: 0, cells_in_progress: 0, cells_done: computed.length, cells_failed: 0 })
      .execute();
  };

  const newTable = async () =>
    (
      await server.alice.post('/v1/tables', {
        kind: 'company',
        column_configs: [
          { kind: 'input', name: 'Notes', key: 'notes' },
          { kind: 'agent', name: 'About', key: 'about', value: { agent_type: 'llm', prompt: 'About {company_name}' } },
          { kind: 'agent', name: 'Tier', key: 'tier', value: { agent_type: 'llm', prompt: 'Tier from {about}' } },
          { kind: 'agent', name: 'Memo', key: 'memo', value: { agent_type: 'llm', prompt: 'Memo on {notes}' } },
        ],
      })
    ).body;

  describe('update', () => {
    it('merges input data by key and marks dependent computed cells out of date, transitively, keeping their answers', async () => {
      const table = await newTable();
      const [row] = (await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: 'old.test', notes: 'keep' } }] })).body;
      await completeAll(table.id);
      expect((await server.alice.get(`/v1/tables/${table.id}`)).body.status).toMatchObject({ num_cells_completed: 6, run_status: 'idle' });

      const response = await server.alice.patch(`/v1/tables/${table.id}/rows`, { rows: [{ id: row.id, data: { input: 'new.test' } }] });
      expect(response.status).toBe(200);
      const updated = response.body[0];
      expect(updated.id).toBe(row.id);
      expect(updated.data.input).toMatchObject({ value: 'new.test', status: 'done' });
      expect(updated.data.notes).toMatchObject({ value: 'keep', status: 'done' });
      // memo reads {notes}, but custom agents on company tables also receive company_name and
      // company_website, so a new input makes it stale too.
      for (const key of ['company_profile', 'company_name', 'company_website', 'about', 'tier', 'memo']) {
        expect(updated.data[key], key).toMatchObject({ value: { answer: 'computed' }, status: 'done', out_of_date: 'inputs' });
      }
      expect((await server.alice.get(`/v1/tables/${table.id}`)).body.status).toMatchObject({ num_cells_completed: 6, num_cells_out_of_date: 6 });
      expect(await server.fathom.services.store.countCellsByStatus(table.id)).toEqual({ created: 0, requested: 0, in_progress: 0, done: 6, failed: 0 });

      await server.fathom.database.db
        .updateTable('cells')
        .set({ stale: null })
        .where('column_key', 'in', (query) => query.selectFrom('columns').select('column_key').where('table_id', '=', table.id))
        .execute();
      const notes = (await server.alice.patch(`/v1/tables/${table.id}/rows`, { rows: [{ id: row.id, data: { notes: 'changed' } }] })).body[0];
      expect(notes.data.memo).toMatchObject({ value: { answer: 'computed' }, status: 'done', out_of_date: 'inputs' });
      for (const key of ['company_profile', 'company_name', 'company_website', 'about', 'tier']) {
        expect(notes.data[key], key).toMatchObject({ status: 'done', value: { answer: 'computed' } });
        expect(notes.data[key].out_of_date, key).toBeUndefined();
      }
      expect((await server.alice.get(`/v1/tables/${table.id}`)).body.status).toMatchObject({ num_cells_completed: 6, num_cells_out_of_date: 1 });
    });

    it('leaves computed cells alone when the value did not change', async () => {
      const table = await newTable();
      const [row] = (await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: 'same.test', notes: 'n' } }] })).body;
      await completeAll(table.id);
      const response = await server.alice.patch(`/v1/tables/${table.id}/rows`, { rows: [{ id: row.id, data: { input: 'same.test' } }] });
      expect(response.body[0].data.about.status).toBe('done');
    });

    it('creates rows without id, in request order, and merges metadata', async () => {
      const table = await newTable();
      const [row] = (await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: 'a.test' }, metadata: { a: 1 } }] })).body;
      const response = await server.alice.patch(`/v1/tables/${table.id}/rows`, {
        rows: [{ data: { input: 'fresh.test' } }, { id: row.id, data: { notes: 'added' }, metadata: { b: 2 } }],
      });
      expect(response.status).toBe(200);
      expect(response.body.map((item: any) => item.data.input.value)).toEqual(['fresh.test', 'a.test']);
      expect(response.body[1].data.notes.value).toBe('added');
      expect(response.body[1].metadata).toEqual({ a: 1, b: 2 });
      expect((await server.alice.get(`/v1/tables/${table.id}`)).body.status.num_rows).toBe(2);
    });

    it('404 for an unknown row id, and nothing changes', async () => {
      const table = await newTable();
      const [row] = (await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: 'a.test' } }] })).body;
      const response = await server.alice.patch(`/v1/tables/${table.id}/rows`, {
        rows: [
          { id: row.id, data: { input: 'changed.test' } },
          { id: '8a3c6a64-0000-4000-8000-000000000000', data: { input: 'x' } },
        ],
      });
      expect(response.status).toBe(404);
      expect(response.body.detail).toContain('8a3c6a64-0000-4000-8000-000000000000');
      const unchanged = await server.alice.get(`/v1/tables/${table.id}/rows/${row.id}`);
      expect(unchanged.body.data.input.value).toBe('a.test');
    });

    it('422 for writes to computed columns and for a wrong shape', async () => {
      const table = await newTable();
      const [row] = (await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: 'a.test' } }] })).body;
      const computed = await server.alice.patch(`/v1/tables/${table.id}/rows`, { rows: [{ id: row.id, data: { about: 'forged' } }] });
      expect(computed.status).toBe(422);
      expect(computed.body.detail[0].loc).toEqual(['body', 'rows', 0, 'data', 'about']);
      const shape = await server.alice.patch(`/v1/tables/${table.id}/rows`, { rows: [{ id: row.id }] });
      expect(shape.body.detail[0]).toMatchObject({ loc: ['body', 'rows', 0, 'data'], type: 'missing' });
    });

    it('run: true queues only the changed or created rows', async () => {
      const table = await newTable();
      const rows = (await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: 'a.test' } }, { data: { input: 'b.test' } }] })).body;
      await completeAll(table.id);
      await server.alice.patch(`/v1/tables/${table.id}/rows`, { rows: [{ id: rows[0].id, data: { notes: 'now with notes' } }], run: true });
      const status = (await server.alice.get(`/v1/tables/${table.id}`)).body.status;
      expect(status).toMatchObject({ num_cells_in_progress: 1, run_status: 'running' });
      const cell = (await server.alice.get(`/v1/tables/${table.id}/rows/${rows[0].id}`)).body.data.memo;
      expect(cell.status).toBe('requested');
    });
  });

  describe('delete', () => {
    it('deletes by id and answers the deleted ids', async () => {
      const table = await newTable();
      const rows = (
        await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: '1' } }, { data: { input: '2' } }, { data: { input: '3' } }] })
      ).body;
      const response = await server.alice.delete(`/v1/tables/${table.id}/rows`, { rows: [rows[0].id, rows[2].id] });
      expect(response.status).toBe(200);
      expect(response.body.sort()).toEqual([rows[0].id, rows[2].id].sort());
      const data = (await server.alice.get(`/v1/tables/${table.id}/data`)).body;
      expect(data.rows.map((row: any) => row.id)).toEqual([rows[1].id]);
      expect(data.status.num_rows).toBe(1);
      expect(await server.fathom.services.store.countCellsByStatus(table.id)).toEqual({ created: 6, requested: 0, in_progress: 0, done: 0, failed: 0 });
      expect((await server.alice.get(`/v1/tables/${table.id}`)).body.status).toMatchObject({ num_rows: 1, num_cells_in_progress: 0 });
    });

    it('404 for unknown ids (nothing deleted) and 422 for malformed ones', async () => {
      const table = await newTable();
      const [row] = (await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: '1' } }] })).body;
      const unknown = await server.alice.delete(`/v1/tables/${table.id}/rows`, { rows: [row.id, '0b6f7d2e-0000-4000-8000-000000000000'] });
      expect(unknown.status).toBe(404);
      expect((await server.alice.get(`/v1/tables/${table.id}/rows/${row.id}`)).status).toBe(200);
      const malformed = await server.alice.delete(`/v1/tables/${table.id}/rows`, { rows: ['not-a-uuid'] });
      expect(malformed.body.detail[0]).toMatchObject({ loc: ['body', 'rows', 0], type: 'uuid_parsing' });
      const empty = await server.alice.delete(`/v1/tables/${table.id}/rows`, { rows: [] });
      expect(empty.body.detail[0]).toMatchObject({ loc: ['body', 'rows'], type: 'too_short' });
      const missing = await server.alice.delete(`/v1/tables/${table.id}/rows`, {});
      expect(missing.body.detail[0]).toMatchObject({ loc: ['body', 'rows'], type: 'missing' });
    });
  });

  describe('get', () => {
    it('answers the row with its cells, columns and a row status', async () => {
      const table = await newTable();
      const [row] = (await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: 'a.test' }, metadata: { k: 'v' } }] })).body;
      const response = await server.alice.get(`/v1/tables/${table.id}/rows/${row.id}`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: row.id, status: 'idle', metadata: { k: 'v' }, parent_row_id: null, parent_data: null });
      expect(response.body.columns.map((column: any) => column.config.key)).toEqual([
        'input',
        'company_profile',
        'company_name',
        'company_website',
        'notes',
        'about',
        'tier',
        'memo',
      ]);
      expect(Object.keys(response.body.data)).toHaveLength(8);
      await server.alice.post(`/v1/tables/${table.id}/run`, { rows: [row.id] });
      expect((await server.alice.get(`/v1/tables/${table.id}/rows/${row.id}`)).body.status).toBe('running');
    });

    it('404 for unknown rows and rows of another table', async () => {
      const first = await newTable();
      const second = await newTable();
      const [row] = (await server.alice.post(`/v1/tables/${first.id}/rows`, { rows: [{ data: { input: 'a' } }] })).body;
      expect((await server.alice.get(`/v1/tables/${second.id}/rows/${row.id}`)).status).toBe(404);
      expect((await server.alice.get(`/v1/tables/${first.id}/rows/nope`)).status).toBe(404);
    });
  });
});
