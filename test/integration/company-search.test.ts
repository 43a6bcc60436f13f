import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/** A small index: payroll, robotics and bakery companies in three countries, with known firmographics. */
const COMPANIES = [
  {
    domain: 'paylane.de',
    name: 'Paylane',
    short_description: 'Payroll software for German small businesses.',
    products_services: 'Payroll, payslips, tax filing',
    target_audience: 'HR teams at small and mid-sized companies',
    employee_count: '51-200',
    hq_country: 'Germany',
    hq_city: 'Berlin',
    founding_year: 2016,
  },
  {
    domain: 'lohnwerk.de',
    name: 'Lohnwerk',
    short_description: 'Cloud payroll and HR administration.',
    products_services: 'Payroll processing, time tracking',
    target_audience: 'HR teams in the Mittelstand',
    employee_count: '11-50',
    hq_country: 'Deutschland',
    hq_city: 'München',
    founding_year: 2019,
  },
  {
    domain: 'payfield.com',
    name: 'Payfield',
    short_description: 'Payroll and benefits platform for US startups.',
    products_services: 'Payroll, benefits, compliance',
    target_audience: 'HR teams at startups',
    employee_count: '201-500',
    hq_country: 'United States',
    hq_city: 'Austin',
    founding_year: 2012,
  },
  {
    domain: 'gripbot.com',
    name: 'Gripbot',
    short_description: 'Warehouse robots that pick and pack orders.',
    products_services: 'Picking robots, fleet software',
    target_audience: 'Logistics and fulfilment operators',
    employee_count: '51-200',
    hq_country: 'USA',
    hq_city: 'Pittsburgh',
    founding_year: 2015,
  },
  {
    domain: 'stacker-robotics.co.uk',
    name: 'Stacker Robotics',
    short_description: 'Autonomous mobile robots for warehouses.',
    products_services: 'Mobile robots, warehouse automation',
    target_audience: 'Logistics operators and retailers',
    employee_count: '11-50',
    hq_country: 'United Kingdom',
    hq_city: 'Leeds',
    founding_year: 2020,
  },
  {
    domain: 'crumbhouse.co.uk',
    name: 'Crumbhouse Bakery',
    short_description: 'Sourdough bakery and café.',
    products_services: 'Bread, pastries, coffee',
    target_audience: 'Local shoppers',
    employee_count: '1-10',
    hq_country: 'UK',
    hq_city: 'Leeds',
    founding_year: 1998,
  },
  // Nothing known but its name and offer: unknown size, country and year.
  { domain: 'payroll-unknown.io', name: 'Mystery Payroll', products_services: 'Payroll software' },
];

describe.each(testBackends())('Company search and lookalikes on %s', (backend) => {
  let server: TestServer;
  const ids: Record<string, string> = {};
  const search = (body: unknown) => server.alice.post('/v1/companies/search', body);
  const domainsOf = (response: { body: { results: Array<{ domain: string }> } }) => response.body.results.map((result) => result.domain);

  beforeAll(async () => {
    server = await startTestServer(backend);
    const imported = await server.alice.post('/v1/companies/import', { companies: COMPANIES, source: 'fixtures.ndjson' });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    for (const entry of imported.body.companies) ids[entry.domain] = entry.id;
    // An alias: the old domain of Gripbot leads to its profile.
    await server.alice.post('/v1/companies/import', { companies: [{ domain: 'oldgrip.com', name: 'Gripbot (old site)' }] });
    // Workspace B has a payroll company of its own: A must never see it.
    await server.bob.post('/v1/companies/import', {
      companies: [{ domain: 'bobpay.de', name: 'Bobpay', products_services: 'Payroll software', hq_country: 'Germany' }],
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('ranks by text, answers the §6.3 shape, and echoes the request', async () => {
    const response = await search({ q: 'payroll software in Germany' });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const domains = domainsOf(response);
    // German payroll first (Lohnwerk says "Deutschland"), then other payroll; the bakery shares no word.
    expect(domains.slice(0, 3)).toEqual(expect.arrayContaining(['lohnwerk.de', 'paylane.de']));
    expect(domains.indexOf('lohnwerk.de')).toBeLessThan(domains.indexOf('payfield.com'));
    expect(domains.indexOf('paylane.de')).toBeLessThan(domains.indexOf('payfield.com'));
    expect(domains).toContain('payroll-unknown.io');
    expect(domains).not.toContain('crumbhouse.co.uk');
    expect(domains).not.toContain('bobpay.de');
    const first = response.body.results[0];
    expect(Object.keys(first)).toEqual(
      expect.arrayContaining([
        'id',
        'domain',
        'name',
        'short_description',
        'employee_count',
        'hq_country',
        'social_profiles',
        'website_authority',
        'relevance_score',
      ]),
    );
    expect(first.sources).toEqual(['import:fixtures.ndjson']);
    for (const result of response.body.results) {
      expect(result.relevance_score).toBeGreaterThanOrEqual(0);
      expect(result.relevance_score).toBeLessThanOrEqual(1);
    }
    const scores = response.body.results.map((result: { relevance_score: number }) => result.relevance_score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(response.body.request).toMatchObject({ offset: 0, limit: 20, query: 'payroll software in Germany', ranking: 'lexical' });
    expect(response.body.request.filters).toEqual({
      include: { size: [], country: [], city: [] },
      exclude: { size: [], country: [], city: [], domains: [] },
      range: { founded: { min: null, max: null } },
    });
  });

  it('applies every filter path, include and exclude together, and unknown values only where exclusion keeps them', async () => {
    const q = 'payroll';
    const domains = async (filters: unknown) => {
      const response = await search({ q, filters });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return domainsOf(response).sort();
    };
    expect(await domains({ include: { country: ['Germany'] } })).toEqual(['lohnwerk.de', 'paylane.de']);
    expect(await domains({ include: { country: ['United States'] } })).toEqual(['payfield.com']);
    expect(await domains({ exclude: { country: ['germany'] } })).toEqual(['payfield.com', 'payroll-unknown.io']);
    expect(await domains({ include: { size: ['11-50', '51-200'] } })).toEqual(['lohnwerk.de', 'paylane.de']);
    expect(await domains({ exclude: { size: ['51-200'] } })).toEqual(['lohnwerk.de', 'payfield.com', 'payroll-unknown.io']);
    expect(await domains({ include: { city: ['munchen'] } })).toEqual(['lohnwerk.de']);
    expect(await domains({ exclude: { city: ['Berlin', 'Austin'] } })).toEqual(['lohnwerk.de', 'payroll-unknown.io']);
    expect(await domains({ range: { founded: { min: 2015 } } })).toEqual(['lohnwerk.de', 'paylane.de']);
    expect(await domains({ range: { founded: { max: 2016 } } })).toEqual(['payfield.com', 'paylane.de']);
    expect(await domains({ range: { founded: { min: 2013, max: 2018 } } })).toEqual(['paylane.de']);
    // Include and exclude together: Germany, but not Berlin, and not the 51-200 bucket.
    expect(await domains({ include: { country: ['Germany'] }, exclude: { city: ['Berlin'] } })).toEqual(['lohnwerk.de']);
    expect(await domains({ include: { country: ['Germany', 'USA'] }, exclude: { size: ['11-50'] } })).toEqual(['payfield.com', 'paylane.de']);
    expect(await domains({ include: { size: ['51-200'] }, exclude: { size: ['51-200'] } })).toEqual([]);
  });

  it('excludes domains given as URLs and sub-domains, and through recorded aliases', async () => {
    const response = await search({
      q: 'payroll robots',
      filters: { exclude: { domains: ['https://www.paylane.de/pricing', 'blog.payfield.com', 'LOHNWERK.DE'] } },
    });
    expect(response.status).toBe(200);
    expect(domainsOf(response)).not.toEqual(expect.arrayContaining(['paylane.de']));
    expect(domainsOf(response)).not.toContain('payfield.com');
    expect(domainsOf(response)).not.toContain('lohnwerk.de');
    expect(domainsOf(response)).toContain('gripbot.com');
    expect(response.body.request.filters.exclude.domains).toEqual(['https://www.paylane.de/pricing', 'blog.payfield.com', 'LOHNWERK.DE']);
  });

  it('pages without repeating a company, and GET answers as POST does', async () => {
    const all = await search({ q: 'payroll robots warehouse bakery software', pagination: { offset: 0, limit: 250 } });
    const everything = domainsOf(all);
    expect(everything.length).toBeGreaterThanOrEqual(6);
    const paged: string[] = [];
    for (let offset = 0; offset < everything.length + 2; offset += 2) {
      paged.push(...domainsOf(await search({ q: 'payroll robots warehouse bakery software', pagination: { offset, limit: 2 } })));
    }
    expect(paged).toEqual(everything);
    const viaGet = await server.alice.get(
      `/v1/companies/search?q=${encodeURIComponent('payroll software in Germany')}&limit=3&offset=1&filters=${encodeURIComponent(JSON.stringify({ exclude: { size: ['1-10'] } }))}`,
    );
    expect(viaGet.status, JSON.stringify(viaGet.body)).toBe(200);
    const viaPost = await search({ q: 'payroll software in Germany', filters: { exclude: { size: ['1-10'] } }, pagination: { offset: 1, limit: 3 } });
    expect(viaGet.body.results).toEqual(viaPost.body.results);
    expect(viaGet.body.request).toMatchObject({ offset: 1, limit: 3 });
  });

  it('never returns deleted profiles or another workspace’s', async () => {
    await server.alice.post('/v1/companies/import', { companies: [{ domain: 'shortlived.de', name: 'Shortlived Payroll', products_services: 'payroll' }] });
    expect(domainsOf(await search({ q: 'shortlived payroll' }))).toContain('shortlived.de');
    expect((await server.bob.delete('/v1/companies/shortlived.de')).status).toBe(404);
    const removed = await server.alice.delete('/v1/companies/shortlived.de');
    expect(removed.status).toBe(200);
    expect(domainsOf(await search({ q: 'shortlived payroll' }))).not.toContain('shortlived.de');
    expect((await server.alice.get('/v1/companies/shortlived.de')).status).toBe(404);
    const bobs = await server.bob.post('/v1/companies/search', { q: 'payroll' });
    expect(domainsOf(bobs)).toEqual(['bobpay.de']);
  });

  it('finds lookalikes that share offer and audience, never the seed, by domain, URL or id', async () => {
    const response = await server.alice.post('/v1/companies/paylane.de/similar', {});
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const domains = domainsOf(response);
    expect(domains).not.toContain('paylane.de');
    // The German payroll company of similar size comes before the US one.
    expect(domains.indexOf('lohnwerk.de')).toBeLessThan(domains.indexOf('payfield.com'));
    // Every payroll company before any company that only shares a word or two.
    const lastPayroll = Math.max(...['lohnwerk.de', 'payfield.com'].map((domain) => domains.indexOf(domain)));
    for (const other of ['crumbhouse.co.uk', 'stacker-robotics.co.uk'])
      if (domains.includes(other)) expect(domains.indexOf(other)).toBeGreaterThan(lastPayroll);
    expect(response.body.reference_company).toMatchObject({ id: ids['paylane.de'], domain: 'paylane.de' });
    expect(response.body.reference_company).not.toHaveProperty('relevance_score');
    expect(response.body.request).toMatchObject({ offset: 0, limit: 20, reference_company_id: ids['paylane.de'] });
    for (const identifier of [ids['paylane.de']!, 'https://www.paylane.de/about']) {
      const again = await server.alice.post(`/v1/companies/${encodeURIComponent(identifier)}/similar`, {});
      expect(domainsOf(again), identifier).toEqual(domains);
    }
    const viaGet = await server.alice.get(`/v1/companies/paylane.de/similar?limit=1&filters=${encodeURIComponent('{"exclude":{"domains":["lohnwerk.de"]}}')}`);
    expect(viaGet.status).toBe(200);
    expect(domainsOf(viaGet)).toHaveLength(1);
    expect(domainsOf(viaGet)).not.toContain('lohnwerk.de');
    expect(domainsOf(viaGet)).not.toContain('paylane.de');
    // The alias of a seed finds the seed, and the seed stays out.
    const byAlias = await server.alice.post('/v1/companies/gripbot.com/similar', { pagination: { limit: 250 } });
    expect(domainsOf(byAlias)[0]).toBe('stacker-robotics.co.uk');
    expect(domainsOf(byAlias)).not.toContain('gripbot.com');
    expect((await server.alice.post('/v1/companies/unknown-company.example/similar', {})).status).toBe(404);
    expect((await server.bob.post(`/v1/companies/${ids['paylane.de']}/similar`, {})).status).toBe(404);
  });

  it('refuses bad filters and paging with FastAPI 422s that name the field', async () => {
    const expectIssue = async (response: { status: number; body: any }, loc: unknown[], type?: string) => {
      expect(response.status, JSON.stringify(response.body)).toBe(422);
      expect(response.body.detail).toEqual(expect.arrayContaining([expect.objectContaining({ loc, ...(type ? { type } : {}) })]));
    };
    await expectIssue(await search({ q: 'x', filters: { include: { industry: ['fintech'] } } }), ['body', 'filters', 'include'], 'extra_forbidden');
    await expectIssue(await search({ q: 'x', filters: { sort: 'name' } }), ['body', 'filters'], 'extra_forbidden');
    await expectIssue(await search({ q: 'x', filters: { include: { size: ['50-200'] } } }), ['body', 'filters', 'include', 'size', 0], 'enum');
    await expectIssue(await search({ q: 'x', filters: { range: { founded: { min: 'recent' } } } }), ['body', 'filters', 'range', 'founded', 'min']);
    await expectIssue(await search({ q: 'x', filters: { exclude: { domains: ['not a domain'] } } }), ['body', 'filters', 'exclude', 'domains', 0]);
    const many = Array.from({ length: 1_001 }, (_, index) => `company${index}.com`);
    await expectIssue(await search({ q: 'x', filters: { exclude: { domains: many } } }), ['body', 'filters', 'exclude', 'domains'], 'too_long');
    // Duplicates count once: 1,000 distinct domains written twice over are accepted.
    const distinct = Array.from({ length: 1_000 }, (_, index) => `company${index}.com`);
    expect(
      (await search({ q: 'payroll', filters: { exclude: { domains: [...distinct, ...distinct.map((domain) => `https://www.${domain}/`)] } } })).status,
    ).toBe(200);
    await expectIssue(await search({ q: 'x', pagination: { offset: 0, limit: 251 } }), ['body', 'pagination', 'limit'], 'less_than_equal');
    await expectIssue(await search({ q: 'x', pagination: { offset: -1, limit: 10 } }), ['body', 'pagination', 'offset']);
    await expectIssue(await search({ filters: {} }), ['body', 'q'], 'missing');
    await expectIssue(await server.alice.get('/v1/companies/search?q=x&limit=300'), ['query', 'limit']);
    await expectIssue(await server.alice.get('/v1/companies/search?q=x&filters=%7Bnot-json'), ['query', 'filters'], 'json_invalid');
    await expectIssue(await server.alice.get(`/v1/companies/search?q=x&filters=${encodeURIComponent('{"include":{"size":["huge"]}}')}`), [
      'query',
      'filters',
      'include',
      'size',
      0,
    ]);
    await expectIssue(
      await server.alice.post('/v1/companies/paylane.de/similar', { filters: { exclude: { planet: [] } } }),
      ['body', 'filters', 'exclude'],
      'extra_forbidden',
    );
    expect((await server.anonymous.post('/v1/companies/search', { q: 'payroll' })).status).toBe(401);
  });

  it('answers the requests the vendor CLI sends (GET forms, urlencoded query and filters, URL-encoded identifiers)', async () => {
    // extruct-api companies search --query … --filters …: urllib.urlencode (spaces as "+"), compact JSON filters.
    const filters = JSON.stringify({ include: { country: ['Germany'] } });
    const query = new URLSearchParams({ q: 'payroll software', offset: '0', limit: '20', filters }).toString();
    expect(query).toContain('q=payroll+software');
    const searched = await server.alice.get(`/v1/companies/search?${query}`);
    expect(searched.status, JSON.stringify(searched.body)).toBe(200);
    expect(domainsOf(searched).sort()).toEqual(['lohnwerk.de', 'paylane.de']);
    expect(searched.body.request).toMatchObject({ query: 'payroll software', offset: 0, limit: 20 });
    // extruct-api companies similar --company-identifier https://www.paylane.de/ (URL-encoded into the path).
    const similar = await server.alice.get(`/v1/companies/${encodeURIComponent('https://www.paylane.de/')}/similar?offset=0&limit=20`);
    expect(similar.status, JSON.stringify(similar.body)).toBe(200);
    expect(similar.body.reference_company.domain).toBe('paylane.de');
    expect(domainsOf(similar)).not.toContain('paylane.de');
    // Company lookup by domain, as lookup_company_profile calls it.
    const lookup = await server.alice.get('/v1/companies/paylane.de');
    expect(lookup.status).toBe(200);
    expect(lookup.body).toMatchObject({ domain: 'paylane.de', name: 'Paylane', employee_count: '51-200' });
  });
});
