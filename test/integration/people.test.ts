import { get as httpGet } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsStandin, type DnsStandin } from '../fixtures/dns-standin/dns-standin-server.ts';
import { startHunterStandin, type HunterStandin } from '../fixtures/email-finder-standin/hunter-standin-server.ts';
import type { FixtureSite } from '../fixtures/fixture-web/index.ts';
import {
  EXPECTED_EMAILS,
  EXPECTED_SALES_LEADERS,
  PEOPLE_FIXTURE_SITES,
  PEOPLE_MX_RECORDS,
  peopleSearchDocuments,
} from '../fixtures/fixture-web/people/people-sites.ts';
import { startResearchTestServer, type ResearchTestServer } from '../fixtures/research-harness/research-test-server.ts';
import { testBackends } from '../support/backends.ts';
import { waitForIdle } from '../support/wait-for.ts';

// A company whose team changes between runs: who is listed is read at request time.
let rotatingTeam = ['Kofi Mensah — VP Sales', 'Rita Gomez — Head of Sales'];
const rotatingSite: FixtureSite = {
  name: 'rotating',
  robotsTxt: 'User-agent: *\nAllow: /\n',
  pages: [
    {
      path: '/',
      body: '<!doctype html><html><head><title>Rotating Co</title><meta property="og:site_name" content="Rotating Co"></head><body><nav><a href="/team">Team</a> <a href="/about">About</a> <a href="/contact">Contact</a></nav><p>Rotating Co.</p></body></html>',
    },
    {
      path: '/team',
      respond: ({ response }) => {
        response
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(`<!doctype html><html><head><title>Team</title></head><body><ul>${rotatingTeam.map((line) => `<li>${line}</li>`).join('')}</ul></body></html>`);
      },
    },
  ],
};

/** The body the fixture web serves at `address` (a `*.test` URL), asked from this process by Host header. */
function servedPage(address: string): Promise<string> {
  const target = new URL(address);
  return new Promise((resolve, reject) => {
    const request = httpGet({ host: '127.0.0.1', port: target.port, path: target.pathname, headers: { host: target.host } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve(body));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

describe.each(testBackends())('People finders on %s', (backend) => {
  let harness: ResearchTestServer;
  let dns: DnsStandin;
  let hunter: HunterStandin;
  let companyTable: any;
  let companyRows: Record<string, any>;
  let childTableId: string;
  const url = (site: string, path = '/') => harness.environment.web.urlFor(site, path);
  const alice = () => harness.server.alice;
  const SALES = { kind: 'company_people_finder', name: 'Sales leaders', key: 'sales_leaders', value: { roles: ['sales leadership'], max_results: 5 } };

  beforeAll(async () => {
    dns = await startDnsStandin(PEOPLE_MX_RECORDS);
    hunter = await startHunterStandin({
      apiKey: 'hunter-key',
      people: { 'mia holt@tidewater.test': { email: 'mia@tidewater.test', score: 87, source: 'https://press.example/tidewater' } },
    });
    harness = await startResearchTestServer(backend, {
      withSearch: true,
      sites: PEOPLE_FIXTURE_SITES,
      unsearchedSites: [rotatingSite],
      // Pages are read once per run: the cache must not hide the rotating team's change.
      // The optional paid finder is configured: it is asked only where public evidence gives nothing.
      environment: {
        FATHOM_DNS_SERVERS: dns.server,
        FATHOM_RESEARCH_PAGE_CACHE_SECONDS: '0',
        FATHOM_EMAIL_FINDER_PROVIDER: 'hunter',
        FATHOM_EMAIL_FINDER_URL: hunter.baseUrl,
        FATHOM_EMAIL_FINDER_API_KEY: 'hunter-key',
      },
    });
    harness.environment.search!.addDocuments(peopleSearchDocuments((site, path) => url(site, path)));
    companyTable = (await alice().post('/v1/tables', { kind: 'company', name: 'Accounts', column_configs: [SALES] })).body;
    await alice().post(`/v1/tables/${companyTable.id}/rows`, {
      rows: ['northwind', 'quarry', 'saltmarsh', 'tidewater'].map((site) => ({ data: { input: url(site) } })),
      run: true,
    });
    const data = await waitForIdle(alice(), companyTable.id, 30_000);
    companyRows = Object.fromEntries(data.rows.map((row: any) => [new URL(row.data.input.value).hostname.split('.')[0], row]));
    childTableId = data.child_relationships[0].table_id;
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
    await dns?.close();
    await hunter?.close();
  });

  const childRows = async () => (await waitForIdle(alice(), childTableId, 30_000)).rows;

  it('creates one linked people table, reused by a second finder and left out of the table list', async () => {
    const parent = (await alice().get(`/v1/tables/${companyTable.id}`)).body;
    expect(parent.child_relationships).toEqual([{ table_id: childTableId, relationship_type: 'company_people' }]);
    const child = (await alice().get(`/v1/tables/${childTableId}`)).body;
    expect(child).toMatchObject({ kind: 'people', parent_relationships: [{ table_id: companyTable.id, relationship_type: 'company_people' }] });
    expect(child.columns.map((column: any) => column.config.key)).toEqual(['input', 'full_name', 'role', 'profile_url']);
    const added = await alice().post(`/v1/tables/${companyTable.id}/columns`, {
      column_configs: [{ kind: 'company_people_finder', name: 'Finance', key: 'finance', value: { roles: ['CFO'] } }],
    });
    expect(added.status).toBe(200);
    expect((await alice().get(`/v1/tables/${companyTable.id}`)).body.child_relationships).toHaveLength(1);
    const listed = (await alice().get('/v1/tables?limit=100')).body.map((table: any) => table.id);
    expect(listed).toContain(companyTable.id);
    expect(listed).not.toContain(childTableId);
    await alice().delete(`/v1/tables/${companyTable.id}/columns/${added.body[0].id}`);
  });

  it('answers the finder cell with the people found, each named verbatim in its cited source; former holders are left out', async () => {
    for (const [site, expected] of Object.entries(EXPECTED_SALES_LEADERS)) {
      const cell = companyRows[site].data.sales_leaders;
      expect(cell.status, `${site}: ${cell.error}`).toBe('done');
      const names = cell.value.answer.map((person: any) => person.full_name);
      expect(names.sort(), site).toEqual([...expected.current].sort());
      expect(
        cell.value.former_people.map((person: any) => person.full_name),
        site,
      ).toEqual(expected.former);
      for (const person of cell.value.people) {
        expect(person.excerpt).toContain(person.full_name);
        expect(cell.value.source).toContain(person.source);
      }
      expect(cell.value.usage.model_calls).toBe(0);
    }
    const saltmarsh = companyRows.saltmarsh.data.sales_leaders.value;
    expect(saltmarsh.answer).toEqual([{ full_name: 'Grace Okafor', role: 'VP Sales', profile_url: url('linkedin', '/in/grace-okafor') }]);
    expect(saltmarsh.research.queries[0]).toContain('site:linkedin.test "Saltmarsh Analytics"');
    expect(companyRows.tidewater.data.sales_leaders.value.explanation).toContain('Nobody at Tidewater Design');
    // The JSON-LD Person's sameAs gives the profile URL; the sitemap led to the page.
    const quarry = companyRows.quarry.data.sales_leaders.value;
    expect(quarry.answer).toContainEqual({ full_name: 'Priya Natarajan', role: 'Head of Sales', profile_url: 'https://www.linkedin.test/in/priya-natarajan' });
    expect(quarry.research.pages_read).toContain(url('quarry', '/company/leadership'));
    // LinkedIn itself is never fetched: its snippets are the evidence.
    expect(harness.environment.web.requestsTo('linkedin')).toEqual([]);
    // Verbatim in the source itself, not only in the excerpt the finder recorded: the page as the
    // fixture web serves it, or the search result at that URL.
    const searchResults = peopleSearchDocuments((site, path) => url(site, path));
    const checked = { page: 0, search: 0 };
    for (const site of Object.keys(EXPECTED_SALES_LEADERS)) {
      for (const person of companyRows[site].data.sales_leaders.value.people) {
        const result = searchResults.find((document) => document.url === person.source);
        const evidence = result ? `${result.title} ${result.text}` : await servedPage(person.source);
        expect(evidence, `${person.full_name} in ${person.source}`).toContain(person.full_name);
        checked[result ? 'search' : 'page'] += 1;
      }
    }
    expect(checked).toEqual({ page: 4, search: 1 });
  });

  it('writes one child row per person with parent links, built-ins done and parent_data', async () => {
    const rows = await childRows();
    expect(rows).toHaveLength(5);
    const ann = rows.find((row: any) => row.data.full_name.value.answer === 'Ann Bell');
    expect(ann.parent_row_id).toBe(companyRows.northwind.id);
    expect(ann.data.role).toMatchObject({ status: 'done', value: { answer: 'Chief Revenue Officer', source: [url('northwind', '/team')] } });
    expect(ann.data.profile_url.value.answer).toBe('Not found');
    expect(ann.data.input.value).toBe('Ann Bell, Chief Revenue Officer');
    expect(ann.metadata.people_finder).toMatchObject({ column_key: 'sales_leaders', status: 'found' });
    expect(ann.parent_data.company_name.value.answer).toBe('Northwind Traders');
    const single = (await alice().get(`/v1/tables/${childTableId}/rows/${ann.id}`)).body;
    expect(single.parent_data.company_website.value.answer).toBe(url('northwind'));
    const without = (await alice().get(`/v1/tables/${childTableId}/rows/${ann.id}?include_parent_data=false`)).body;
    expect(without.parent_data).toBeNull();
    expect(rows.every((row: any) => row.data.full_name.status === 'done' && row.data.role.status === 'done')).toBe(true);
  });

  it('re-running never duplicates a person; people no longer found are marked, not deleted', async () => {
    rotatingTeam = ['Kofi Mensah — VP Sales', 'Rita Gomez — Head of Sales'];
    const table = (await alice().post('/v1/tables', { kind: 'company', name: 'Rotating', column_configs: [SALES] })).body;
    await alice().post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: url('rotating') } }], run: true });
    const first = await waitForIdle(alice(), table.id, 30_000);
    const child = first.child_relationships[0].table_id;
    expect((await waitForIdle(alice(), child)).rows.map((row: any) => row.data.full_name.value.answer).sort()).toEqual(['Kofi Mensah', 'Rita Gomez']);
    rotatingTeam = ['Kofi Mensah — VP Sales', 'Lee Park — Chief Revenue Officer'];
    await alice().post(`/v1/tables/${table.id}/run`, { mode: 'all', columns: [first.columns.find((column: any) => column.config.key === 'sales_leaders').id] });
    const second = await waitForIdle(alice(), table.id, 30_000);
    expect(second.rows[0].data.sales_leaders.value.child_rows).toEqual({ added: 1, kept: 1, no_longer_found: ['Rita Gomez'] });
    const rows = (await waitForIdle(alice(), child)).rows;
    expect(rows.map((row: any) => row.data.full_name.value.answer).sort()).toEqual(['Kofi Mensah', 'Lee Park', 'Rita Gomez']);
    const rita = rows.find((row: any) => row.data.full_name.value.answer === 'Rita Gomez');
    expect(rita.metadata.people_finder).toMatchObject({ status: 'no_longer_found' });
    // The same people written differently (honorific, accents, case) are the same rows; Rita is found again.
    rotatingTeam = ['Dr. Kofi Mensah — VP Sales', 'Lee Park — Chief Revenue Officer', 'Rita Gómez — Head of Sales'];
    await alice().post(`/v1/tables/${table.id}/run`, { mode: 'all', columns: [first.columns.find((column: any) => column.config.key === 'sales_leaders').id] });
    const third = await waitForIdle(alice(), table.id, 30_000);
    expect(third.rows[0].data.sales_leaders.value.child_rows).toEqual({ added: 0, kept: 3, no_longer_found: [] });
    const again = (await waitForIdle(alice(), child)).rows;
    expect(again).toHaveLength(3);
    expect(again.find((row: any) => row.id === rita.id).metadata.people_finder).toMatchObject({ status: 'found' });
    // Clone copies the hierarchy; delete removes it.
    const clone = (await alice().post(`/v1/tables/${table.id}/clone`)).body;
    expect(clone.child_relationships).toHaveLength(1);
    expect((await waitForIdle(alice(), clone.child_relationships[0].table_id)).rows).toHaveLength(3);
    await alice().delete(`/v1/tables/${table.id}`);
    expect((await alice().get(`/v1/tables/${child}`)).status).toBe(404);
  });

  it('finds work emails: published, from a learned pattern (with its examples), or "Not found" where the domain takes no mail', async () => {
    const added = await alice().post(`/v1/tables/${childTableId}/columns`, {
      column_configs: [
        { kind: 'email_finder', name: 'Work email', key: 'work_email' },
        { kind: 'phone_finder', name: 'Phone', key: 'phone' },
      ],
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    await alice().post(`/v1/tables/${childTableId}/run`, { mode: 'new' });
    const rows = await childRows();
    const byName = new Map<string, any>(rows.map((row: any) => [row.data.full_name.value.answer, row.data]));
    for (const expected of EXPECTED_EMAILS) {
      const cell = byName.get(expected.full_name)!.work_email;
      expect(cell.status, `${expected.full_name}: ${cell.error}`).toBe('done');
      expect(cell.value.answer, expected.full_name).toBe(expected.email);
      expect(cell.value.method, expected.full_name).toBe(expected.method);
    }
    const omar = byName.get('Omar Haddad')!.work_email.value;
    expect(omar.pattern).toBe('first.last');
    expect(omar.examples.map((example: any) => example.email).sort()).toEqual(['ann.bell@northwind.test', 'lena.fischer@northwind.test']);
    expect(byName.get('Grace Okafor')!.work_email.value.explanation).toContain('saltmarsh.test does not exist in DNS');
    expect(byName.get('Ann Bell')!.work_email.value.mx).toEqual({ acceptsMail: true, exchanges: ['mx1.northwind.test'] });
  });

  it('asks the configured paid email finder only when public evidence gives no address', async () => {
    dns.setMx('tidewater.test', ['mx.tidewater.test']);
    const table = (
      await alice().post('/v1/tables', {
        kind: 'company',
        name: 'Design',
        column_configs: [{ kind: 'company_people_finder', name: 'Design', key: 'design', value: { roles: ['Head of Design'] } }],
      })
    ).body;
    await alice().post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: url('tidewater') } }], run: true });
    const child = (await waitForIdle(alice(), table.id, 30_000)).child_relationships[0].table_id;
    await alice().post(`/v1/tables/${child}/columns`, { column_configs: [{ kind: 'email_finder', name: 'Email', key: 'email' }] });
    await alice().post(`/v1/tables/${child}/run`, { mode: 'new' });
    const [mia] = (await waitForIdle(alice(), child, 30_000)).rows;
    expect(mia.data.full_name.value.answer).toBe('Mia Holt');
    expect(mia.data.email.value).toMatchObject({
      answer: 'mia@tidewater.test',
      method: 'provider',
      provider: 'hunter',
      score: 87,
      source: ['https://press.example/tidewater'],
    });
    // Ann's address was published: the paid finder was never asked about her.
    expect(hunter.requests.some((request) => request.includes('first_name=Ann'))).toBe(false);
  });

  it('finds phones in E.164 with country and line type, the company main line marked as such', async () => {
    const rows = await childRows();
    const byName = new Map<string, any>(rows.map((row: any) => [row.data.full_name.value.answer, row.data]));
    expect(byName.get('Omar Haddad')!.phone.value).toMatchObject({
      answer: '+442079460000',
      line: 'company_main_line',
      country: 'GB',
      source: [url('northwind', '/')],
    });
    expect(byName.get('Priya Natarajan')!.phone.value).toMatchObject({ answer: '+14155552671', line: 'company_main_line', country: 'US' });
  });

  it('finds a direct phone published beside the person, read from the parent company row', async () => {
    const table = (
      await alice().post('/v1/tables', {
        kind: 'company',
        name: 'Finance',
        column_configs: [{ kind: 'company_people_finder', name: 'CFO', key: 'cfo', value: { roles: ['CFO'] } }],
      })
    ).body;
    await alice().post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: url('northwind') } }], run: true });
    const child = (await waitForIdle(alice(), table.id, 30_000)).child_relationships[0].table_id;
    await alice().post(`/v1/tables/${child}/columns`, { column_configs: [{ kind: 'phone_finder', name: 'Phone', key: 'phone' }] });
    await alice().post(`/v1/tables/${child}/run`, { mode: 'new' });
    const [lena] = (await waitForIdle(alice(), child, 30_000)).rows;
    expect(lena.data.full_name.value.answer).toBe('Lena Fischer');
    expect(lena.data.phone.value).toMatchObject({
      answer: '+442079460321',
      line: 'direct',
      country: 'GB',
      line_type: 'FIXED_LINE',
      source: [url('northwind', '/contact')],
      excerpts: [{ url: url('northwind', '/contact'), quote: 'Lena Fischer: lena.fischer@northwind.test, direct +44 20 7946 0321' }],
    });
  });

  it('reverse lookup: from an address to the person and the shared company profile; free mail needs evidence', async () => {
    const table = (
      await alice().post('/v1/tables', {
        kind: 'generic',
        column_configs: [{ kind: 'reverse_email_lookup', name: 'Who', key: 'who', email_column_key: 'input' }],
      })
    ).body;
    // A free-mail address with evidence: a search result shows it beside a name.
    harness.environment.search!.addDocuments([
      {
        url: url('saltmarsh', '/blog/illustrations'),
        title: 'Illustrations by Jane Marsh',
        text: 'Commissions: write to Jane Marsh at jane.marsh.draws@gmail.com.',
      },
    ]);
    await alice().post(`/v1/tables/${table.id}/rows`, {
      rows: ['ann.bell@northwind.test', 'omar.haddad@northwind.test', 'someone@gmail.com', 'jane.marsh.draws@gmail.com'].map((input) => ({ data: { input } })),
      run: true,
    });
    const rows = (await waitForIdle(alice(), table.id, 30_000)).rows.map((row: any) => row.data.who);
    const profileId = companyRows.northwind.company_profile_id;
    expect(rows[0].status, rows[0].error).toBe('done');
    expect(rows[0].value).toMatchObject({
      answer: {
        full_name: 'Ann Bell',
        role: 'Chief Revenue Officer',
        company: { name: 'Northwind Traders', domain: 'northwind.test', company_profile_id: profileId },
      },
      method: 'published',
    });
    expect(rows[1].value).toMatchObject({ answer: { full_name: 'Omar Haddad', role: 'VP Sales, EMEA' }, method: 'pattern' });
    expect(rows[2].value).toMatchObject({ answer: { full_name: null, company: null }, method: 'none' });
    expect(rows[3].value).toMatchObject({
      answer: { full_name: 'Jane Marsh', company: null },
      method: 'published',
      source: [url('saltmarsh', '/blog/illustrations')],
    });
  });

  it('answers 422 for a finder on a people table and an email finder whose table lacks its inputs', async () => {
    const people = (await alice().post('/v1/tables', { kind: 'people' })).body;
    const finder = await alice().post(`/v1/tables/${people.id}/columns`, { column_configs: [SALES] });
    expect(finder.status).toBe(422);
    expect(finder.body.detail[0].msg).toContain("'company_people_finder' is not allowed on people tables");
    const email = await alice().post(`/v1/tables/${people.id}/columns`, { column_configs: [{ kind: 'email_finder', name: 'Email', key: 'email' }] });
    expect(email.status).toBe(422);
    expect(email.body.detail[0].msg).toContain("'company_website'");
    const generic = (await alice().post('/v1/tables', { kind: 'generic' })).body;
    const onGeneric = await alice().post(`/v1/tables/${generic.id}/columns`, { column_configs: [{ kind: 'email_finder', name: 'Email', key: 'email' }] });
    expect(onGeneric.status).toBe(422);
    expect(onGeneric.body.detail[0].msg).toContain("'full_name', 'profile_url', 'company_website'");
  });
});
