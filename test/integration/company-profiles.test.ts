import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScriptedReader } from '../fixtures/research-harness/scripted-reader.ts';
import { startResearchTestServer, type ResearchTestServer } from '../fixtures/research-harness/research-test-server.ts';
import { testBackends } from '../support/backends.ts';
import { waitForIdle } from '../support/wait-for.ts';

describe.each(testBackends())('Company profiles and the built-in company columns on %s', (backend) => {
  let harness: ResearchTestServer;
  const url = (site: string, path = '/') => harness.environment.web.urlFor(site, path);
  const chatCalls = () => harness.environment.llm!.calls.filter((call) => call.path === '/v1/chat/completions');
  const companyTable = async (client: ResearchTestServer['server']['alice'], inputs: string[]) => {
    const table = (await client.post('/v1/tables', { kind: 'company', name: `companies ${inputs.length}` })).body;
    await client.post(`/v1/tables/${table.id}/rows`, { rows: inputs.map((input) => ({ data: { input } })), run: true });
    return { table, data: await waitForIdle(client, table.id, 20_000) };
  };

  beforeAll(async () => {
    harness = await startResearchTestServer(backend, {
      handler: createScriptedReader([]),
      // Caches off: what the second table does not fetch, it does not fetch because the profile is reused.
      environment: { FATHOM_RESEARCH_PAGE_CACHE_SECONDS: '0', FATHOM_CACHE_TTL_HOURS: '0' },
    });
  });
  afterAll(async () => {
    await harness?.close();
  });

  let firstTable: { table: any; data: any };

  it('builds profiles from markup first and the model for the rest, and fills company_name and company_website', async () => {
    firstTable = await companyTable(harness.server.alice, [url('acme'), url('globex'), url('dunmore', '/pricing'), url('oldfern')]);
    const [acme, globex, dunmore, fernwood] = firstTable.data.rows;
    for (const row of firstTable.data.rows) {
      for (const key of ['company_profile', 'company_name', 'company_website']) expect(row.data[key].status, `${key}: ${row.data[key].error}`).toBe('done');
      expect(row.company_profile_id).toBe(row.data.company_profile.value.answer.id);
    }
    expect(acme.data.company_profile.value.answer).toMatchObject({
      name: 'Acme Robotics',
      domain: 'acme.test',
      website: url('acme'),
      context: {
        short_description: 'Acme Robotics builds warehouse robots that pick, pack and ship.',
        founding_year: 2014,
        employee_count: '51-200',
        hq_country: 'United States',
        hq_state_province: 'OR',
        hq_city: 'Springfield',
        hq_full_address: '1 Gearbox Way, Springfield, OR, 97477, US',
        social_profiles: {
          linkedin: 'https://www.linkedin.com/company/acme-robotics',
          x: 'https://x.com/acmerobotics',
          github: 'https://github.com/acme-robotics',
          youtube: 'https://www.youtube.com/@acmerobotics',
          crunchbase: 'https://www.crunchbase.com/organization/acme-robotics',
        },
      },
    });
    expect(acme.data.company_profile.value.source).toContain(url('acme'));
    expect(acme.data.company_profile.value.as_of).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(acme.data.company_name.value).toMatchObject({ answer: 'Acme Robotics', source: expect.arrayContaining([url('acme')]) });
    expect(acme.data.company_website.value).toMatchObject({ answer: url('acme'), source: [url('acme')] });

    expect(globex.data.company_name.value.answer).toBe('Globex Analytics');
    expect(globex.data.company_profile.value.answer.context).toMatchObject({
      short_description: 'Demand forecasting for logistics companies.',
      founding_year: 2019,
    });

    // No metadata at all: the name comes from the title; the model reads the year and city from the about page's prose.
    expect(dunmore.data.company_profile.value.answer).toMatchObject({ name: 'Dunmore Bakery', domain: 'dunmore.test', website: url('dunmore') });
    expect(dunmore.data.company_profile.value.answer.context).toMatchObject({
      short_description: null,
      founding_year: 1952,
      hq_city: 'Galway',
      employee_count: null,
    });
    expect(dunmore.data.company_profile.value.source).toEqual(expect.arrayContaining([url('dunmore'), url('dunmore', '/about')]));

    // The redirecting domain resolves to the site it redirects to.
    expect(fernwood.data.company_profile.value.answer).toMatchObject({ domain: 'fernwood.test', name: 'Fernwood Analytics', website: url('fernwood') });
    expect(fernwood.data.company_profile.value.answer.context).toMatchObject({ founding_year: 2020, hq_city: 'Leeds', hq_country: 'United Kingdom' });
    expect(fernwood.data.company_website.value.answer).toBe(url('fernwood'));
  });

  it('reuses stored profiles in a second table: no page fetched, no model called, same profile ids', async () => {
    const requestsBefore = harness.environment.web.requestLog.length;
    const callsBefore = chatCalls().length;
    const second = await companyTable(harness.server.alice, [
      url('acme', '/about'),
      `www.acme.test:${harness.environment.web.port}`,
      url('oldfern'),
      url('dunmore'),
    ]);
    expect(harness.environment.web.requestLog.length - requestsBefore).toBe(0);
    expect(chatCalls().length - callsBefore).toBe(0);
    const firstIds = Object.fromEntries(firstTable.data.rows.map((row: any) => [row.data.company_profile.value.answer.domain, row.company_profile_id]));
    const [acmeAbout, acmeHost, oldfern, dunmore] = second.data.rows;
    expect(acmeAbout.company_profile_id).toBe(firstIds['acme.test']);
    expect(acmeHost.company_profile_id).toBe(firstIds['acme.test']);
    expect(oldfern.company_profile_id).toBe(firstIds['fernwood.test']);
    expect(dunmore.company_profile_id).toBe(firstIds['dunmore.test']);
    expect(acmeAbout.data.company_profile.value).toMatchObject({ is_reused: true, usage: { calls: 0 } });
    expect(acmeAbout.data.company_name.value.answer).toBe('Acme Robotics');

    // A fresh profile is kept even by a mode "all" run: the TTL decides, not the run.
    const rerun = await harness.server.alice.post(`/v1/tables/${second.table.id}/run`, { mode: 'all' });
    expect(rerun.status).toBe(200);
    await waitForIdle(harness.server.alice, second.table.id, 20_000);
    expect(harness.environment.web.requestLog.length - requestsBefore).toBe(0);
    expect(chatCalls().length - callsBefore).toBe(0);
  });

  it('GET /v1/companies/{identifier}: by id, domain, URL, former domain and name; 404 when unknown or in another workspace', async () => {
    const acmeId = firstTable.data.rows[0].company_profile_id;
    const byId = await harness.server.alice.get(`/v1/companies/${acmeId}`);
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({
      id: acmeId,
      domain: 'acme.test',
      name: 'Acme Robotics',
      founding_year: 2014,
      employee_count: '51-200',
      hq_city: 'Springfield',
      social_profiles: { linkedin: 'https://www.linkedin.com/company/acme-robotics' },
      website_authority: null,
    });
    expect(byId.body).not.toHaveProperty('relevance_score');
    expect(byId.body.sources).toContain(url('acme'));
    for (const identifier of ['acme.test', 'WWW.ACME.TEST', url('acme', '/pricing'), 'Acme Robotics, Inc.']) {
      const found = await harness.server.alice.get(`/v1/companies/${encodeURIComponent(identifier)}`);
      expect(found.status, identifier).toBe(200);
      expect(found.body.id, identifier).toBe(acmeId);
    }
    expect((await harness.server.alice.get('/v1/companies/oldfern.test')).body.domain).toBe('fernwood.test');
    const unknown = await harness.server.alice.get('/v1/companies/never-researched.example');
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toContain('no company profile');
    expect((await harness.server.alice.get(`/v1/companies/${crypto.randomUUID()}`)).status).toBe(404);
    // Another workspace sees nothing of it, by id or by domain.
    expect((await harness.server.bob.get(`/v1/companies/${acmeId}`)).status).toBe(404);
    expect((await harness.server.bob.get('/v1/companies/acme.test')).status).toBe(404);
    expect((await harness.server.anonymous.get('/v1/companies/acme.test')).status).toBe(401);
    const document = (await harness.server.anonymous.get('/openapi.json')).body;
    expect(document.paths['/v1/companies/{company_identifier}'].get.operationId).toBe('get_company_v1_companies__company_identifier__get');
    expect(document.components.schemas.CompanyResult.properties).toHaveProperty('hq_full_address');
  });

  it('keeps workspaces apart: another workspace builds its own profile of the same domain', async () => {
    const theirs = await companyTable(harness.server.bob, [url('acme')]);
    const row = theirs.data.rows[0];
    expect(row.data.company_profile.status).toBe('done');
    expect(row.company_profile_id).not.toBe(firstTable.data.rows[0].company_profile_id);
    expect(row.data.company_profile.value.is_reused).toBe(false);
  });
});
