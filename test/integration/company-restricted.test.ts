import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_LLM_PROVIDER_MESSAGE } from '../../src/providers/llm/not-configured-llm-provider.ts';
import { startResearchTestServer, type ResearchTestServer } from '../fixtures/research-harness/research-test-server.ts';
import { testBackends } from '../support/backends.ts';
import { waitForIdle } from '../support/wait-for.ts';

// A server as an operator might run one: no LLM configured, only named sites allowed past the
// private-address check (127.0.0.1 itself is not), and profiles stale as soon as they are built.
describe.each(testBackends())('Company tables without an LLM, behind the address checks, with a zero TTL on %s', (backend) => {
  let harness: ResearchTestServer;
  const url = (site: string, path = '/') => harness.environment.web.urlFor(site, path);
  const run = async (inputs: string[], columns: unknown[] = []) => {
    const table = (await harness.server.alice.post('/v1/tables', { kind: 'company', column_configs: columns })).body;
    await harness.server.alice.post(`/v1/tables/${table.id}/rows`, { rows: inputs.map((input) => ({ data: { input } })), run: true });
    return { table, data: await waitForIdle(harness.server.alice, table.id, 20_000) };
  };

  beforeAll(async () => {
    harness = await startResearchTestServer(backend, {
      environment: { FATHOM_FETCH_ALLOW_HOSTS: 'acme.test,dunmore.test,trapdoor.test', FATHOM_COMPANY_PROFILE_TTL_HOURS: '0' },
    });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('builds profiles from markup alone, and fails research and llm cells at once with the no-provider message', async () => {
    const { data } = await run(
      [url('acme'), url('dunmore')],
      [
        { kind: 'agent', name: 'Price', key: 'price', value: { agent_type: 'research_pro', prompt: 'Starting monthly price', output_format: 'text' } },
        { kind: 'criterion_grade', name: 'Retail', key: 'retail', value: { criterion: 'Sells to retailers' } },
        { kind: 'agent', name: 'Summary', key: 'summary', value: { agent_type: 'llm', prompt: 'Summarise {company_name}', output_format: 'text' } },
      ],
    );
    const [acme, dunmore] = data.rows;
    expect(acme.data.company_profile.status).toBe('done');
    expect(acme.data.company_profile.value.answer).toMatchObject({
      name: 'Acme Robotics',
      context: { founding_year: 2014, hq_city: 'Springfield', full_description: null },
    });
    expect(acme.data.company_profile.value.usage.calls).toBe(0);
    expect(dunmore.data.company_profile.value.answer).toMatchObject({
      name: 'Dunmore Bakery',
      context: { founding_year: null, hq_city: null, short_description: null },
    });
    expect(dunmore.data.company_website.value.answer).toBe(url('dunmore'));
    for (const row of [acme, dunmore]) {
      for (const key of ['price', 'retail', 'summary']) {
        expect(row.data[key].status).toBe('failed');
        expect(row.data[key].error).toBe(NO_LLM_PROVIDER_MESSAGE);
      }
    }
    // Research failed before reading anything: only the profile's pages were fetched.
    const paths = harness.environment.web.requestLog.map((request) => request.path);
    expect(paths.filter((path) => path === '/pricing')).toEqual([]);
  });

  it('refuses loopback, a redirect to the metadata address and a name resolving to 10.0.0.1, with clear cell errors', async () => {
    const loopback = `http://127.0.0.1:${harness.environment.web.port}/`;
    const { data } = await run([loopback, url('trapdoor'), url('ten-net')]);
    const errors = data.rows.map((row: any) => row.data.company_profile.error as string);
    expect(data.rows.map((row: any) => row.data.company_profile.status)).toEqual(['failed', 'failed', 'failed']);
    expect(errors[0]).toContain('127.0.0.1 is a loopback address; add it to FATHOM_FETCH_ALLOW_HOSTS');
    expect(errors[1]).toContain('169.254.169.254 is a link-local address');
    expect(errors[2]).toContain('ten-net.test resolves to 10.0.0.1, a private address');
    for (const row of data.rows) {
      expect(row.company_profile_id).toBeNull();
      expect(row.data.company_name.status).toBe('failed');
      // The dependent names the column that failed as the grid shows it; that cell says why.
      expect(row.data.company_name.error).toBe('waiting on Company Profile, which failed');
    }
    // Nothing reached the metadata address or 10.0.0.1; the loopback request never left the fetcher.
    expect(harness.environment.web.requestsTo('trapdoor', '/')).toHaveLength(1);
    expect(harness.environment.web.requestLog.some((request) => request.site === null)).toBe(false);
  });

  it('reuses a stale profile in mode "new" and rebuilds it in mode "all", keeping its id', async () => {
    const first = await run([url('acme')]);
    const profileId = first.data.rows[0].company_profile_id;
    const asOf = first.data.rows[0].data.company_profile.value.as_of;
    const before = harness.environment.web.requestsTo('acme').length;
    const second = await run([url('acme')]);
    expect(second.data.rows[0].company_profile_id).toBe(profileId);
    expect(second.data.rows[0].data.company_profile.value.is_reused).toBe(true);
    expect(harness.environment.web.requestsTo('acme').length).toBe(before);

    await new Promise((resolve) => setTimeout(resolve, 5));
    await harness.server.alice.post(`/v1/tables/${second.table.id}/run`, { mode: 'all' });
    const refreshed = await waitForIdle(harness.server.alice, second.table.id, 20_000);
    const value = refreshed.rows[0].data.company_profile.value;
    expect(value.is_reused).toBe(false);
    expect(refreshed.rows[0].company_profile_id).toBe(profileId);
    expect(Date.parse(value.as_of)).toBeGreaterThan(Date.parse(asOf));
    expect(harness.environment.web.requestsTo('acme', '/').length).toBeGreaterThan(0);
    expect(harness.environment.web.requestsTo('acme').length).toBeGreaterThan(before);
  });
});
