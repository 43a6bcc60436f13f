import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE_FIXTURE_SITES } from '../fixtures/fixture-web/people/people-sites.ts';
import { startResearchTestServer, type ResearchTestServer } from '../fixtures/research-harness/research-test-server.ts';
import { createFathomClient, type FathomClient } from '../../src/sdk/index.ts';
import { runFathom } from '../support/spawn-fathom.ts';
import { waitForIdle } from '../support/wait-for.ts';

// The CLI and SDK reach a company table's people table: relationships, parent columns on export.
describe('people tables from the CLI and SDK (SQLite server)', () => {
  let harness: ResearchTestServer;
  let client: FathomClient;
  let environment: Record<string, string>;
  let companyId: string;
  let childId: string;

  beforeAll(async () => {
    harness = await startResearchTestServer('sqlite', { sites: PEOPLE_FIXTURE_SITES });
    client = createFathomClient({ baseUrl: harness.server.baseUrl, token: harness.server.tokens.alice });
    environment = { FATHOM_BASE_URL: harness.server.baseUrl, FATHOM_API_TOKEN: harness.server.tokens.alice };
    const table = await client.tables.create({
      kind: 'company',
      name: 'Accounts',
      column_configs: [{ kind: 'company_people_finder', name: 'Sales leaders', key: 'sales_leaders', value: { roles: ['sales leadership'], max_results: 5 } }],
    });
    companyId = table.id;
    await client.rows.create(companyId, { rows: [{ data: { input: harness.environment.web.urlFor('northwind') } }], run: true });
    await waitForIdle(harness.server.alice, companyId, 30_000);
    childId = table.child_relationships![0]!.table_id;
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
  });

  it('the SDK reaches the child table and back to its parent', async () => {
    const [child] = await client.tables.children(companyId);
    expect(child).toMatchObject({ id: childId, kind: 'people' });
    expect((await client.tables.parent(childId))?.id).toBe(companyId);
    expect(await client.tables.parent(companyId)).toBeNull();
  });

  it('`fathom tables get` lists the relationships; export adds parent columns', async () => {
    const got = await runFathom(['tables', 'get', companyId], environment);
    expect(got.code, got.stderr).toBe(0);
    expect(JSON.parse(got.stdout).child_relationships).toEqual([{ table_id: childId, relationship_type: 'company_people' }]);
    const exported = await runFathom(
      ['export', '--table', childId, '--format', 'ndjson', '--columns', 'full_name,role', '--parent-columns', 'company_name'],
      environment,
    );
    expect(exported.code, exported.stderr).toBe(0);
    const lines = exported.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toEqual([
      { full_name: 'Ann Bell', role: 'Chief Revenue Officer', 'parent.company_name': 'Northwind Traders' },
      { full_name: 'Omar Haddad', role: 'VP Sales, EMEA', 'parent.company_name': 'Northwind Traders' },
    ]);
    const refused = await runFathom(['export', '--table', companyId, '--parent-columns', 'input'], environment);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('has no parent table');
  });
});
