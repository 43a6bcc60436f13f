import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTableRefresh } from '../../src/store/postgres/table-refresh.ts';
import { testBackends } from '../support/backends.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * PostgreSQL after a bulk load (issue 11.4): a load sent as many requests of 1,000 rows leaves
 * rows and cells all-visible (index-only reads skip the heap) without waiting for autovacuum, and
 * a refresh runs ANALYZE only when a good share of the cells was written since the last one (a
 * run queuing cells does not count: see table-refresh.ts).
 */
describe.skipIf(!testBackends().includes('postgres'))('Refresh after bulk loads on PostgreSQL', () => {
  let server: TestServer;
  const REQUESTS = 14;

  beforeAll(async () => {
    server = await startTestServer('postgres');
    const table = (await server.alice.post('/v1/tables', { name: 'load', kind: 'company' })).body;
    for (let request = 0; request < REQUESTS; request += 1) {
      const rows = Array.from({ length: 1_000 }, (_, index) => ({ data: { input: `company-${request}-${index}.example` } }));
      expect((await server.alice.post(`/v1/tables/${table.id}/rows`, { rows })).status).toBe(200);
    }
  });
  afterAll(() => server.close());

  const db = () => server.fathom.database.db;

  it('leaves a load of many 1,000-row requests all-visible soon after its last request', async () => {
    // Nothing else vacuums here: the test server's PostgreSQL may run without autovacuum, and
    // autovacuum would take up to a minute.
    const pages = await waitFor(async () => {
      const result = await sql<{ relname: string; relpages: number; relallvisible: number }>`
        select relname, relpages, relallvisible from pg_class where oid in ('rows'::regclass, 'cells'::regclass)`.execute(db());
      const settled = result.rows.every((table) => table.relpages > 0 && table.relallvisible === table.relpages);
      return settled ? result.rows : undefined;
    }, 30_000);
    expect(pages.map((table) => table.relname).sort()).toEqual(['cells', 'rows']);
  });

  it('analyzes the first time, then only after a tenth of the cells were written', async () => {
    const statements: string[] = [];
    const recorded = db().withPlugin({
      transformQuery: (args) => {
        if (args.node.kind === 'RawNode') statements.push(args.node.sqlFragments.join('?').trim());
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const refresh = createTableRefresh(recorded);
    // What the first ANALYZE will count: the cells stored (computed cells that never ran are not).
    const stored = await sql<{ cells: number }>`select count(*)::int as cells from cells`.execute(db());
    const cells = stored.rows[0]!.cells;
    expect(cells).toBeGreaterThan(0);
    const run = async () => {
      statements.length = 0;
      await refresh.refresh();
      return statements.filter((text) => /^(vacuum|analyze)/.test(text));
    };
    const vacuum = 'vacuum (parallel 0) rows, cells';
    const analyze = 'analyze rows, cells';
    expect(await run()).toEqual([vacuum, analyze]);
    refresh.noteCellsWritten(Math.floor(cells * 0.05));
    expect(await run()).toEqual([vacuum]);
    refresh.noteCellsWritten(Math.floor(cells * 0.06));
    expect(await run()).toEqual([vacuum, analyze]);
    expect(await run()).toEqual([vacuum]);
  });
});
