import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_FIXTURE_SITES, PROFILE_FIXTURES, RESOLUTION_FIXTURE_SITES } from '../fixtures/fixture-web/index.ts';
import { startResearchTestServer, type ResearchTestServer } from '../fixtures/research-harness/research-test-server.ts';
import { testBackends } from '../support/backends.ts';
import { waitForIdle } from '../support/wait-for.ts';

// A company served by the fixture web but absent from the search stand-in's corpus.
const quayside = PROFILE_FIXTURES.find((fixture) => fixture.site.name === 'quayside')!.site;

// Names in a company table, resolved through the SearXNG stand-in and the workspace's profiles. No model.
describe.each(testBackends())('Resolving company names to companies on %s', (backend) => {
  let harness: ResearchTestServer;
  const url = (site: string, path = '/') => harness.environment.web.urlFor(site, path);
  const searches = () => harness.environment.search!.callsTo('searxng').map((call) => call.search?.query);

  beforeAll(async () => {
    harness = await startResearchTestServer(backend, {
      withSearch: true,
      sites: [...DEFAULT_FIXTURE_SITES, ...RESOLUTION_FIXTURE_SITES],
      unsearchedSites: [quayside],
    });
  });
  beforeEach(() => {
    harness.environment.search!.reset();
  });
  afterAll(async () => {
    await harness?.close();
  });

  const companyRows = async (rows: Array<Record<string, string>>, extraColumns: string[] = [], client = harness.server.alice) => {
    const table = (
      await client.post('/v1/tables', {
        kind: 'company',
        column_configs: extraColumns.map((key) => ({ kind: 'input', name: key, key })),
      })
    ).body;
    await client.post(`/v1/tables/${table.id}/rows`, { rows: rows.map((data) => ({ data })), run: true });
    return (await waitForIdle(client, table.id, 25_000)).rows;
  };

  it('resolves a typo by the site’s own name, and says how it matched', async () => {
    const [row] = await companyRows([{ input: 'Cobalt Helth' }]);
    const profile = row.data.company_profile;
    expect(profile.status, profile.error).toBe('done');
    expect(profile.value.answer).toMatchObject({ domain: 'cobalt.test', name: 'Cobalt Health', resolution: { method: 'name_search' } });
    expect(profile.value.answer.resolution.score).toBeGreaterThanOrEqual(0.75);
    expect(profile.value.answer.resolution.candidates[0]).toMatchObject({ domain: 'cobalt.test', name: 'Cobalt Health', source: 'search' });
    expect(profile.value.explanation).toContain('Matched by name from a web search');
    expect(row.company_profile_id).toBe(profile.value.answer.id);
    expect(row.data.company_website.value.answer).toBe(url('cobalt'));
  });

  it('takes the company’s own site, not the directory page that ranks first', async () => {
    const firstResult = harness.environment.search!.corpus.search('Tern Robotics', { limit: 10 })[0];
    expect(firstResult?.document.url).toBe(url('bizdirectory', '/companies/tern-robotics'));
    const [row] = await companyRows([{ input: 'Tern Robotics' }]);
    const answer = row.data.company_profile.value.answer;
    expect(answer, row.data.company_profile.value.explanation).toMatchObject({
      domain: 'ternrobotics.test',
      name: 'Tern Robotics',
      context: { founding_year: 2019 },
    });
    const candidates = answer.resolution.candidates.map((candidate: any) => [candidate.domain, candidate.name]);
    expect(candidates).toContainEqual(['bizdirectory.test', 'BizDirectory']);
    expect(candidates[0]).toEqual(['ternrobotics.test', 'Tern Robotics']);
  });

  it('lets the row decide between two companies of one name, and names both when it cannot', async () => {
    const [health, freight, unknown] = await companyRows(
      [
        { input: 'Meridian', industry: 'hospital scheduling software' },
        { input: 'Meridian', industry: 'freight forwarding' },
        { input: 'Meridian', industry: '' },
      ],
      ['industry'],
    );
    expect(health.data.company_profile.value.answer).toMatchObject({ domain: 'meridian-health.test', resolution: { method: 'name_search' } });
    expect(freight.data.company_profile.value.answer).toMatchObject({ domain: 'meridian-freight.test' });
    const ambiguous = unknown.data.company_profile;
    expect(ambiguous.status).toBe('done');
    expect(ambiguous.value.answer).toBe('Not found');
    expect(ambiguous.value.explanation).toMatch(/could be Meridian \(meridian-(health|freight)\.test.*or Meridian \(meridian-(health|freight)\.test/);
    expect(ambiguous.value.resolution.candidates.map((candidate: any) => candidate.domain).sort()).toEqual(['meridian-freight.test', 'meridian-health.test']);
    expect(unknown.company_profile_id).toBeNull();
    expect(unknown.data.company_name.value.answer).toBe('Not found');
    expect(unknown.data.company_website.value.answer).toBe('Not found');
  });

  it('does not let the one namesake a workspace stored answer for a bare name that fits two companies', async () => {
    // Another workspace, so that only the hospital-software Meridian is stored there.
    const bob = harness.server.bob;
    const [health] = await companyRows([{ input: 'Meridian', industry: 'hospital scheduling software' }], ['industry'], bob);
    expect(health.data.company_profile.value.answer).toMatchObject({ domain: 'meridian-health.test' });
    harness.environment.search!.reset();
    const [bare] = await companyRows([{ input: 'Meridian' }], [], bob);
    expect(bare.data.company_profile.value.answer, bare.data.company_profile.value.explanation).toBe('Not found');
    expect(bare.data.company_profile.value.explanation).toMatch(/could be Meridian .*or Meridian /);
    expect(bare.company_profile_id).toBeNull();
    // The stored profile recalled its namesake, so both were weighed again (from the search the first row cached) rather than the stored one taken.
    expect(bare.data.company_profile.value.resolution.candidates.map((candidate: any) => candidate.domain).sort()).toEqual([
      'meridian-freight.test',
      'meridian-health.test',
    ]);
  });

  it('never turns garbage or generic words into a company', async () => {
    const rows = await companyRows([{ input: 'not a website at all!!' }, { input: 'software company' }, { input: 'Zorblax Quintessence' }, { input: '!!!' }]);
    for (const row of rows) {
      expect(row.data.company_profile.status).toBe('done');
      expect(row.data.company_profile.value.answer).toBe('Not found');
      expect(row.company_profile_id).toBeNull();
      expect(row.data.company_name.value.answer).toBe('Not found');
    }
    expect(rows[0].data.company_profile.value.explanation).toContain('does not name a company');
    expect(rows[1].data.company_profile.value.explanation).toContain('generic words');
    // Text that cannot name a company is refused before any search is spent on it.
    expect(searches()).toEqual(['Zorblax Quintessence']);
  });

  it('finds a company known only by the profile the workspace already has, typo included, without searching', async () => {
    const [built] = await companyRows([{ input: url('quayside') }]);
    expect(built.data.company_profile.value.answer).toMatchObject({ name: 'Quayside Ferries', resolution: { method: 'url', score: 1 } });
    harness.environment.search!.reset();
    const [exact, typo] = await companyRows([{ input: 'Quayside Ferries' }, { input: 'Quaysde Ferries' }]);
    expect(exact.company_profile_id).toBe(built.company_profile_id);
    expect(exact.data.company_profile.value).toMatchObject({ is_reused: true, answer: { resolution: { method: 'workspace_profile', score: 1 } } });
    expect(typo.company_profile_id).toBe(built.company_profile_id);
    expect(typo.data.company_profile.value.answer.resolution).toMatchObject({ method: 'workspace_profile' });
    expect(typo.data.company_profile.value.answer.resolution.candidates[0]).toMatchObject({ domain: 'quayside.test', source: 'workspace' });
    // The search stand-in does not know Quayside: only the typo (not an exact name) was searched, and found nothing better.
    expect(searches()).toEqual(['Quaysde Ferries']);
  });
});
