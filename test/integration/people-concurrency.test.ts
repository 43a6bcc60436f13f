import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellContext } from '../../src/engine/cell-executor.ts';
import { EXPECTED_SALES_LEADERS, PEOPLE_FIXTURE_SITES, peopleSearchDocuments } from '../fixtures/fixture-web/people/people-sites.ts';
import { startResearchTestServer, type ResearchTestServer } from '../fixtures/research-harness/research-test-server.ts';
import { testBackends } from '../support/backends.ts';
import { waitForIdle } from '../support/wait-for.ts';

/**
 * Finders racing on one company row (the same cell claimed twice after a lost lease, a re-run
 * beside a retry, two finder columns whose roles overlap) must still leave one child row per
 * person. On PostgreSQL the racing transactions really interleave; the store serialises them
 * on the company row (`lockRow`), so this fails without it.
 */
describe.each(testBackends())('People finders racing on one company row on %s', (backend) => {
  let harness: ResearchTestServer;
  const url = (site: string, path = '/') => harness.environment.web.urlFor(site, path);
  const alice = () => harness.server.alice;
  const SALES = { kind: 'company_people_finder', name: 'Sales leaders', key: 'sales_leaders', value: { roles: ['sales leadership'], max_results: 5 } };

  beforeAll(async () => {
    harness = await startResearchTestServer(backend, { withSearch: true, sites: PEOPLE_FIXTURE_SITES });
    harness.environment.search!.addDocuments(peopleSearchDocuments((site, path) => url(site, path)));
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
  });

  const namesUnder = async (childTableId: string, parentRowId: string) =>
    (await waitForIdle(alice(), childTableId, 30_000)).rows
      .filter((row: any) => row.parent_row_id === parentRowId)
      .map((row: any) => row.data.full_name.value.answer as string)
      .sort();

  it('four executions of one finder cell at once write each person once', async () => {
    const table = (await alice().post('/v1/tables', { kind: 'company', name: 'Race', column_configs: [SALES] })).body;
    // Not run: the cell is executed below, four times at once, as racing workers would.
    const added = await alice().post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: url('northwind') } }] });
    expect(added.status).toBe(200);
    const rowId = (await alice().get(`/v1/tables/${table.id}/data`)).body.rows[0].id;
    const store = harness.server.fathom.services.store;
    const workspaceId = (await store.findTableById(table.id))!.workspaceId;
    const column = (await store.listColumns(table.id)).find((candidate) => candidate.key === 'sales_leaders')!;
    const executor = harness.agents.executorFor(column, 'company')!;
    const context = (): CellContext => ({
      table: { id: table.id, kind: 'company', workspaceId, name: table.name },
      row: { id: rowId, parentRowId: null, companyProfileId: null },
      column,
      inputs: { input: url('northwind'), company_name: 'Northwind Traders' },
      dependencyValues: {},
      parentInputs: null,
      attempt: 1,
      bypassCache: false,
      runId: null,
      signal: new AbortController().signal,
    });
    const results = await Promise.all([1, 2, 3, 4].map(() => executor.execute(context())));
    for (const result of results)
      expect((result.value.answer as any[]).map((person: any) => person.full_name).sort()).toEqual(EXPECTED_SALES_LEADERS.northwind!.current);
    // Exactly one execution added the people; the others found them there.
    expect(results.map((result: any) => result.value.child_rows.added).sort()).toEqual([0, 0, 0, 2]);
    const childTableId = table.child_relationships[0].table_id;
    expect(await namesUnder(childTableId, rowId)).toEqual(EXPECTED_SALES_LEADERS.northwind!.current);
  });

  it('two finder columns whose roles overlap, run together, share one row for the person both find', async () => {
    const CRO = { kind: 'company_people_finder', name: 'CRO', key: 'cro', value: { roles: ['Chief Revenue Officer'], max_results: 5 } };
    const table = (await alice().post('/v1/tables', { kind: 'company', name: 'Overlap', column_configs: [SALES, CRO] })).body;
    await alice().post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: url('northwind') } }], run: true });
    const data = await waitForIdle(alice(), table.id, 30_000);
    const row = data.rows[0];
    expect(row.data.sales_leaders.status, row.data.sales_leaders.error).toBe('done');
    expect(row.data.cro.value.answer.map((person: any) => person.full_name)).toEqual(['Ann Bell']);
    expect(await namesUnder(data.child_relationships[0].table_id, row.id)).toEqual(EXPECTED_SALES_LEADERS.northwind!.current);
  });
});
