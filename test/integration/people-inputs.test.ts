import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsStandin, type DnsStandin } from '../fixtures/dns-standin/dns-standin-server.ts';
import { PEOPLE_FIXTURE_SITES, PEOPLE_MX_RECORDS } from '../fixtures/fixture-web/people/people-sites.ts';
import type { ChatRequest } from '../fixtures/openai-compatible-server/index.ts';
import { startResearchTestServer, type ResearchTestServer } from '../fixtures/research-harness/research-test-server.ts';
import { testBackends } from '../support/backends.ts';
import { waitForIdle } from '../support/wait-for.ts';

/**
 * The email finder's inputs (contract §3.6): `full_name`, `profile_url` and `company_website`,
 * the website from the parent company row or from a local input column. Adding the column to a
 * table without them is a 422 naming exactly the missing columns; a row without a name or a
 * website fails its cell naming exactly what is empty there; a row without a profile URL is
 * still looked up (the address comes from the name and the company's domain).
 */
describe.each(testBackends())('Email finder inputs on %s', (backend) => {
  let harness: ResearchTestServer;
  let dns: DnsStandin;
  const url = (site: string, path = '/') => harness.environment.web.urlFor(site, path);
  const alice = () => harness.server.alice;
  const EMAIL = { kind: 'email_finder', name: 'Work email', key: 'work_email' };

  beforeAll(async () => {
    dns = await startDnsStandin(PEOPLE_MX_RECORDS);
    // The people table's built-ins are `llm` columns reading `input` ("Name, Role"): the stand-in model splits it.
    harness = await startResearchTestServer(backend, {
      sites: PEOPLE_FIXTURE_SITES,
      handler: splitPersonInput,
      environment: { FATHOM_DNS_SERVERS: dns.server },
    });
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
    await dns?.close();
  });

  it('a standalone people table reads company_website from its own input column', async () => {
    const table = (
      await alice().post('/v1/tables', {
        kind: 'people',
        name: 'Contacts',
        column_configs: [{ kind: 'input', name: 'Company website', key: 'company_website' }, EMAIL],
      })
    ).body;
    expect(table.columns.map((column: any) => column.config.key)).toContain('work_email');
    await alice().post(`/v1/tables/${table.id}/rows`, {
      rows: [{ data: { input: 'Ann Bell, Chief Revenue Officer', company_website: url('northwind') } }, { data: { input: 'Omar Haddad, VP Sales' } }],
      run: true,
    });
    const [ann, omar] = (await waitForIdle(alice(), table.id, 30_000)).rows;
    expect(ann.data.full_name.value.answer).toBe('Ann Bell');
    expect(ann.data.work_email.status, ann.data.work_email.error).toBe('done');
    expect(ann.data.work_email.value).toMatchObject({ answer: 'ann.bell@northwind.test', method: 'published' });
    expect(omar.data.full_name.value.answer).toBe('Omar Haddad');
    expect(omar.data.work_email.status).toBe('failed');
    expect(omar.data.work_email.error).toContain("'company_website' is empty in this row (it has no parent company row)");
    expect(omar.data.work_email.error).not.toContain("'full_name'");
  });

  it('answers 422 naming exactly the columns a generic table lacks, then fails each row naming exactly what it lacks', async () => {
    const table = (
      await alice().post('/v1/tables', {
        kind: 'generic',
        name: 'Leads',
        column_configs: [
          { kind: 'input', name: 'Name', key: 'full_name' },
          { kind: 'input', name: 'Website', key: 'company_website' },
        ],
      })
    ).body;
    const refused = await alice().post(`/v1/tables/${table.id}/columns`, { column_configs: [EMAIL] });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toHaveLength(1);
    expect(refused.body.detail[0].msg).toContain("needs columns keyed 'profile_url' in this table");
    expect(refused.body.detail[0].msg).not.toContain("'full_name'");
    const added = await alice().post(`/v1/tables/${table.id}/columns`, {
      column_configs: [{ kind: 'input', name: 'Profile', key: 'profile_url' }, EMAIL],
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    await alice().post(`/v1/tables/${table.id}/rows`, {
      rows: [
        { data: { input: 'a', full_name: 'Ann Bell', company_website: url('northwind') } },
        { data: { input: 'b', full_name: 'Lena Fischer' } },
        { data: { input: 'c', company_website: url('northwind') } },
        { data: { input: 'd' } },
      ],
      run: true,
    });
    const [withAll, noWebsite, noName, nothing] = (await waitForIdle(alice(), table.id, 30_000)).rows.map((row: any) => row.data.work_email);
    // No profile URL in the row: not needed to find a published address.
    expect(withAll.status, withAll.error).toBe('done');
    expect(withAll.value).toMatchObject({ answer: 'ann.bell@northwind.test', method: 'published' });
    expect(noWebsite.status).toBe('failed');
    expect(noWebsite.error).toContain("'company_website' is empty in this row");
    expect(noWebsite.error).not.toContain("'full_name'");
    expect(noName.status).toBe('failed');
    expect(noName.error).toContain("'full_name' is empty in this row");
    expect(noName.error).not.toContain("'company_website' is empty");
    expect(nothing.status).toBe('failed');
    expect(nothing.error).toContain("'full_name' is empty in this row; 'company_website' is empty in this row");
  });
});

/** The built-in people columns' model: name and role from "Name, Role"; no profile URL. */
function splitPersonInput(request: ChatRequest) {
  const input = /^input: (.*)$/m.exec(request.prompt)?.[1]?.trim() ?? '';
  const [name, ...role] = input.split(',').map((part) => part.trim());
  const answer = request.prompt.includes('full name') ? name : request.prompt.includes('job title') ? role.join(', ') : 'Not found';
  return { content: { answer, explanation: 'Read from the input.', sources: [] } };
}
