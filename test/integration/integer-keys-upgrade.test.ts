import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/database-schema.ts';
import { readCellCounts } from '../../src/store/kysely/cell-counters.ts';
import { up as integerCellKeys } from '../../src/store/migrations/0022-integer-cell-keys.ts';
import { openDatabase } from '../../src/store/open-database.ts';
import { testBackends } from '../support/backends.ts';
import { createCapturedLogger } from '../support/captured-logger.ts';
import { writeCell } from '../support/cell-writes.ts';
import { readCellsById, readRowsAndColumns, toLayoutBefore0022 } from '../support/layout-before-0022.ts';
import { linkCompanyAndPeople } from '../support/linked-company.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { serveExistingDatabase } from '../support/test-server.ts';

const llmColumn = (key: string, prompt: string) => ({ kind: 'agent', name: key, key, value: { agent_type: 'llm', prompt, output_format: 'text' } });

/**
 * Migration 0022 (integer cell keys) on a database as the previous release stored it: cells keyed
 * by text row, column and table ids. The database is filled through the API with cells in every
 * status (answers, failures, queued and running cells with runs and leases, out-of-date answers),
 * runs, a company profile, counters and a people child table; what the API reads is recorded;
 * the database is turned back into the layout before 0022 and its record removed; the next start
 * migrates it in place. Every stored cell, row, column, run, profile and counter must be the same,
 * and the API must read exactly what it read before.
 */
describe.each(testBackends())('Migration 0022 (integer cell keys) on an existing %s database', (backend) => {
  const open = (database: TestDatabase, logLines: Record<string, unknown>[] = []) =>
    serveExistingDatabase(database.location, { logger: createCapturedLogger('info', logLines).logger });
  type Served = Awaited<ReturnType<typeof open>>;

  const fill = async (served: Served): Promise<string[]> => {
    const { client, fathom } = served;
    const table = (
      await client.post('/v1/tables', {
        kind: 'company',
        column_configs: [
          { kind: 'input', name: 'Notes', key: 'notes' },
          llmColumn('summary', 'Summarise {company_name}'),
          llmColumn('plain', 'Describe {input}'),
        ],
      })
    ).body;
    const rows = (
      await client.post(`/v1/tables/${table.id}/rows`, {
        rows: Array.from({ length: 9 }, (_, index) => ({ data: { input: `company-${index}.test`, ...(index % 3 === 0 ? { notes: `note ${index}` } : {}) } })),
      })
    ).body;
    await client.post(`/v1/tables/${table.id}/columns`, { column_configs: [llmColumn('later', 'Later {input}')] });
    const db = fathom.database.db;
    const columnId = async (key: string) =>
      (await db.selectFrom('columns').select('id').where('table_id', '=', table.id).where('key', '=', key).executeTakeFirstOrThrow()).id;
    const answer = (text: string) => JSON.stringify({ answer: text, source: ['https://example.test'], explanation: 'test' });
    const [summary, plain, companyName] = [await columnId('summary'), await columnId('plain'), await columnId('company_name')];
    await writeCell(db, rows[0].id, summary, { status: 'done', value: answer('Makes anvils') });
    await writeCell(db, rows[1].id, summary, { status: 'failed', value: null, error: 'model said no' });
    await writeCell(db, rows[2].id, plain, { status: 'done', value: answer('A plain answer') });
    await writeCell(db, rows[2].id, companyName, { status: 'done', value: answer('Company Two') });
    // Out of date: the input the answers were computed from changed.
    await client.patch(`/v1/tables/${table.id}/rows`, { rows: [{ id: rows[2].id, data: { input: 'company-two.test' } }] });
    // A run cancelled before it started, and one still queued (waiting on company_name).
    const cancelled = (await client.post(`/v1/tables/${table.id}/run`, { mode: 'new', rows: [rows[3].id], columns: [summary] })).body;
    expect((await client.post(`/v1/tables/${table.id}/runs/${cancelled.id}/cancel`)).status).toBe(200);
    expect((await client.post(`/v1/tables/${table.id}/run`, { mode: 'new', rows: [rows[4].id, rows[5].id], columns: [summary] })).status).toBe(200);
    // A run with one cell held by a worker (in progress, with a lease) and one ready.
    expect((await client.post(`/v1/tables/${table.id}/run`, { mode: 'new', rows: [rows[6].id, rows[7].id], columns: [plain] })).status).toBe(200);
    const store = fathom.services.store;
    const claimed = await store.claimCells({
      limit: 1,
      leaseToken: 'lease-before-upgrade',
      leaseExpiresAt: Date.now() + 3_600_000,
      now: new Date().toISOString(),
    });
    expect(claimed).toHaveLength(1);
    // An input cleared after it was set.
    await client.patch(`/v1/tables/${table.id}/rows`, { rows: [{ id: rows[8].id, data: { notes: 'set' } }] });
    await client.patch(`/v1/tables/${table.id}/rows`, { rows: [{ id: rows[8].id, data: { notes: null } }] });
    const linked = await linkCompanyAndPeople(store, db, { tableId: table.id, rowId: rows[0].id, domain: 'company-0.test' });
    return [table.id, linked.childTableId];
  };

  /** Everything the API reads of the tables: pages, each row, the table with its status block, runs and their failed cells. */
  const apiReads = async (served: Served, tableIds: string[]) => {
    const reads: Record<string, unknown> = {};
    for (const tableId of tableIds) {
      const page = (await served.client.get(`/v1/tables/${tableId}/data?limit=1000`)).body;
      reads[`${tableId} data`] = page;
      reads[`${tableId} filtered`] = (await served.client.get(`/v1/tables/${tableId}/data?limit=1000&sort=-input`)).body;
      for (const row of page.rows) reads[`${tableId} row ${row.id}`] = (await served.client.get(`/v1/tables/${tableId}/rows/${row.id}`)).body;
      reads[`${tableId} table`] = (await served.client.get(`/v1/tables/${tableId}`)).body;
      const runs = (await served.client.get(`/v1/tables/${tableId}/runs`)).body;
      // A run still going reports how long it has run so far: the clock, not the data.
      reads[`${tableId} runs`] = JSON.parse(JSON.stringify(runs, (key, value) => (key === 'duration_seconds' ? undefined : value)));
      for (const run of runs) {
        reads[`${tableId} run ${run.id} failed cells`] = (await served.client.get(`/v1/tables/${tableId}/runs/${run.id}/failed-cells`)).body;
      }
    }
    return reads;
  };

  const snapshot = async (db: Kysely<Database>) => {
    const tables = await db.selectFrom('tables').selectAll().orderBy('id').execute();
    return {
      // Without the integer key 0022 gives tables (absent before it).
      tables: tables.map(({ table_key: _tableKey, ...table }) => table),
      ...(await readRowsAndColumns(db)),
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

  /** Fill, read through the API, and turn the database back into the layout before 0022. */
  const prepare = async (database: TestDatabase) => {
    const first = await open(database);
    let tableIds: string[];
    let before: Record<string, unknown>;
    try {
      tableIds = await fill(first);
      before = await apiReads(first, tableIds);
    } finally {
      await first.close();
    }
    const raw = await openDatabase(database.location);
    const keyed = await snapshot(raw.db);
    await toLayoutBefore0022(raw.db, backend);
    const previous = await snapshot(raw.db);
    // The previous layout holds exactly what this release stored.
    expect(previous).toEqual(keyed);
    return { raw, tableIds, before, previous };
  };

  it('keys rows, columns and cells by integers in place, with a progress line, and the API reads every table as before', async () => {
    const database = createTestDatabase(backend);
    try {
      const { raw, tableIds, before, previous } = await prepare(database);
      const statuses = new Set(previous.cells.map((cell) => cell.status));
      expect([...statuses].sort()).toEqual(['created', 'done', 'failed', 'in_progress', 'requested']);
      expect(previous.cells.some((cell) => cell.stale !== null)).toBe(true);
      expect(previous.cells.some((cell) => cell.lease_token !== null)).toBe(true);
      await raw.close();

      const logLines: Record<string, unknown>[] = [];
      const upgraded = await open(database, logLines);
      try {
        expect(await snapshot(upgraded.fathom.database.db)).toEqual(previous);
        expect(await apiReads(upgraded, tableIds)).toEqual(before);
        expect(
          logLines.some((line) => line.msg === 'database-migration' && /0022-integer-cell-keys: .* of .* rows, \d+ cells copied/.test(String(line.progress))),
        ).toBe(true);
      } finally {
        await upgraded.close();
      }
    } finally {
      await database.drop();
    }
  });

  // On PostgreSQL the migrator runs 0022 in one transaction: a kill rolls it all back.
  if (backend === 'sqlite')
    it('finishes after being stopped after its first batch of cells', async () => {
      const database = createTestDatabase(backend);
      try {
        const { raw, tableIds, before, previous } = await prepare(database);
        const stop = new Error('killed');
        await expect(
          integerCellKeys(
            raw.db as Kysely<unknown>,
            backend,
            (line) => {
              if (/cells copied/.test(line)) throw stop;
            },
            2,
          ),
        ).rejects.toBe(stop);
        // Part of the cells copied, committed; the old table still whole.
        const copied = Number((await sql<{ count: number }>`select count(*) as count from cells_keyed`.execute(raw.db)).rows[0]!.count);
        expect(copied).toBeGreaterThan(0);
        expect(copied).toBeLessThan(previous.cells.length);
        expect(await readCellsById(raw.db)).toEqual(previous.cells);
        await raw.close();

        const upgraded = await open(database);
        try {
          expect(await snapshot(upgraded.fathom.database.db)).toEqual(previous);
          expect(await apiReads(upgraded, tableIds)).toEqual(before);
          const leftover = await sql`select name from sqlite_master where name = 'cells_keyed'`.execute(upgraded.fathom.database.db);
          expect(leftover.rows).toEqual([]);
        } finally {
          await upgraded.close();
        }
      } finally {
        await database.drop();
      }
    });
});
