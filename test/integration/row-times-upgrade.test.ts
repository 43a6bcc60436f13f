import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/database-schema.ts';
import { openDatabase } from '../../src/store/open-database.ts';
import { testBackends, type Backend } from '../support/backends.ts';
import { createCapturedLogger } from '../support/captured-logger.ts';
import { toLayoutBefore0025 } from '../support/layout-before-0025.ts';
import { linkCompanyAndPeople } from '../support/linked-company.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { serveExistingDatabase } from '../support/test-server.ts';

/**
 * Migration 0025 (row times as epoch ms, docs/decisions/2026-12-07-row-times-as-epoch-ms.md) on a
 * database as the previous release stored it: `rows.created_at`/`updated_at` as ISO text. The
 * database is filled through the API (new rows, edited rows, a people child table), read, turned
 * back into the layout before 0025, and migrated by the next start. Every read must be the same,
 * and the times stored as the milliseconds they name.
 */
describe.each(testBackends())('Migration 0025 (row times as epoch ms) on an existing %s database', (backend) => {
  const open = (database: TestDatabase, logLines: Record<string, unknown>[] = []) =>
    serveExistingDatabase(database.location, { logger: createCapturedLogger('info', logLines).logger });
  type Served = Awaited<ReturnType<typeof open>>;

  const fill = async (served: Served): Promise<string[]> => {
    const { client, fathom } = served;
    const table = (await client.post('/v1/tables', { kind: 'company', column_configs: [{ kind: 'input', name: 'Notes', key: 'notes' }] })).body;
    const rows = (
      await client.post(`/v1/tables/${table.id}/rows`, {
        rows: Array.from({ length: 6 }, (_, index) => ({ data: { input: `company-${index}.test`, notes: `note ${index}` } })),
      })
    ).body;
    await new Promise((resolve) => setTimeout(resolve, 3));
    // Edited rows store a time of their own; a second batch has a later created_at.
    await client.patch(`/v1/tables/${table.id}/rows`, { rows: [{ id: rows[1].id, data: { notes: 'edited' } }] });
    await client.post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: 'later.test' } }] });
    const linked = await linkCompanyAndPeople(fathom.services.store, fathom.database.db, { tableId: table.id, rowId: rows[0].id, domain: 'company-0.test' });
    return [table.id, linked.childTableId];
  };

  /** What the API and the store answer about the tables' rows. */
  const reads = async (served: Served, tableIds: string[]) => {
    const answers: Record<string, unknown> = {};
    for (const tableId of tableIds) {
      const page = (await served.client.get(`/v1/tables/${tableId}/data?limit=1000`)).body;
      answers[`${tableId} data`] = page;
      for (const row of page.rows) answers[`${tableId} row ${row.id}`] = (await served.client.get(`/v1/tables/${tableId}/rows/${row.id}`)).body;
      answers[`${tableId} store rows`] = await served.fathom.services.store.findRows(
        tableId,
        page.rows.map((row: { id: string }) => row.id),
      );
    }
    return answers;
  };

  const storedTimes = async (db: Kysely<Database>) =>
    backend === 'sqlite'
      ? (
          await sql<{ id: string; created_at: unknown; updated_at: unknown; created_type: string }>`
          select id, created_at, updated_at, typeof(created_at) as created_type from rows order by id`.execute(db)
        ).rows
      : (
          await sql<{ id: string; created_at: unknown; updated_at: unknown; created_type: string }>`
          select id, created_at, updated_at, pg_typeof(created_at)::text as created_type from rows order by id`.execute(db)
        ).rows;

  const indexesOfRows = async (db: Kysely<Database>, engine: Backend) =>
    engine === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'rows' order by name`.execute(db)).rows
      : (
          await sql<{
            name: string;
          }>`select indexname as name from pg_indexes where tablename = 'rows' and schemaname = current_schema() order by indexname`.execute(db)
        ).rows;

  it('stores every row time as its epoch ms in place, with a progress line, and the API reads every row as before', async () => {
    const database = createTestDatabase(backend);
    try {
      const first = await open(database);
      let tableIds: string[];
      let before: Record<string, unknown>;
      try {
        tableIds = await fill(first);
        before = await reads(first, tableIds);
      } finally {
        await first.close();
      }
      const raw = await openDatabase(database.location);
      const indexes = await indexesOfRows(raw.db, backend);
      await toLayoutBefore0025(raw.db, backend);
      const previous = await storedTimes(raw.db);
      expect(previous.every((row) => typeof row.created_at === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(row.created_at))).toBe(true);
      expect(previous.filter((row) => row.updated_at !== null)).toHaveLength(1);
      await raw.close();

      const logLines: Record<string, unknown>[] = [];
      const upgraded = await open(database, logLines);
      try {
        expect(await reads(upgraded, tableIds)).toEqual(before);
        const db = upgraded.fathom.database.db;
        const after = await storedTimes(db);
        expect(after.map((row) => row.created_type)).toEqual(previous.map(() => (backend === 'sqlite' ? 'integer' : 'bigint')));
        expect(after.map((row) => [row.id, Number(row.created_at), row.updated_at === null ? null : Number(row.updated_at)])).toEqual(
          previous.map((row) => [row.id, Date.parse(row.created_at as string), row.updated_at === null ? null : Date.parse(row.updated_at as string)]),
        );
        expect(await indexesOfRows(db, backend)).toEqual(indexes);
        const progress = logLines.filter((line) => line.msg === 'database-migration').map((line) => String(line.progress));
        expect(progress).toContain(`0025-row-times-as-epoch-ms: rewriting the times of ${previous.length} rows`);
        expect(progress).toContain(`0025-row-times-as-epoch-ms: ${previous.length} of ${previous.length} rows rewritten`);
      } finally {
        await upgraded.close();
      }
      // Recorded and done: a second start changes nothing.
      const again = await open(database);
      try {
        expect(await reads(again, tableIds)).toEqual(before);
      } finally {
        await again.close();
      }
    } finally {
      await database.drop();
    }
  });

  // SQLite alone keeps a column's values of any type: a time the server never wrote is kept as it was.
  if (backend === 'sqlite')
    it('keeps a row time it cannot convert exactly as the text it was, and reads it back unchanged', async () => {
      const database = createTestDatabase(backend);
      try {
        const first = await open(database);
        let tableId: string;
        let rowId: string;
        try {
          const table = (await first.client.post('/v1/tables', { kind: 'generic' })).body;
          tableId = table.id;
          rowId = (await first.client.post(`/v1/tables/${tableId}/rows`, { rows: [{ data: { input: 'a' } }, { data: { input: 'b' } }] })).body[0].id;
        } finally {
          await first.close();
        }
        const raw = await openDatabase(database.location);
        await toLayoutBefore0025(raw.db, backend);
        const odd = '2026-12-07T01:00:53.123456Z';
        await sql`update rows set created_at = ${odd} where id = ${rowId}`.execute(raw.db);
        await raw.close();

        const upgraded = await open(database);
        try {
          const stored = await storedTimes(upgraded.fathom.database.db);
          expect(stored.map((row) => (row.id === rowId ? [row.created_at, row.created_type] : row.created_type))).toEqual(
            stored.map((row) => (row.id === rowId ? [odd, 'text'] : 'integer')),
          );
          const read = (await upgraded.client.get(`/v1/tables/${tableId}/rows/${rowId}`)).body;
          expect(read.created_at).toBe(odd);
          expect(read.data.input.updated_at).toBe(odd);
        } finally {
          await upgraded.close();
        }
      } finally {
        await database.drop();
      }
    });
});
