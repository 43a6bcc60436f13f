import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ldJson, shapeSite } from '../fixtures/fixture-web/profile-shapes/profile-fixture.ts';
import { createScriptedReader } from '../fixtures/research-harness/scripted-reader.ts';
import { startResearchTestServer, type ResearchTestServer } from '../fixtures/research-harness/research-test-server.ts';
import { testBackends } from '../support/backends.ts';
import { waitForIdle } from '../support/wait-for.ts';

// A site whose structured data holds U+0000 (JSON-LD's "\u0000" escapes it past the HTML parser,
// which drops raw NUL bytes): name, description, city. PostgreSQL text cannot hold it.
const nulSite = shapeSite('nulcorp', {
  '/': {
    title: 'Nul Corp',
    head: ldJson({
      '@context': 'https://schema.org',
      '@type': 'Organization',
      name: 'Nul\u0000 Corp',
      url: '/',
      description: 'Widgets\u0000 for everyone.',
      foundingDate: '2011',
      address: { '@type': 'PostalAddress', addressLocality: 'Ber\u0000lin', addressCountry: 'DE' },
      sameAs: ['https://www.linkedin.com/company/nul\u0000corp'],
    }),
    main: '<h1>Widgets for everyone</h1><p>Nul Corp makes widgets.</p>',
  },
});

describe.each(testBackends())('A company site whose pages hold U+0000, on %s', (backend) => {
  let harness: ResearchTestServer;

  beforeAll(async () => {
    harness = await startResearchTestServer(backend, { handler: createScriptedReader([]), sites: [nulSite] });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('is profiled without it: the cells end done, the profile is stored and read back, and the table reads', async () => {
    const client = harness.server.alice;
    const table = (await client.post('/v1/tables', { kind: 'company', name: 'nul pages' })).body;
    await client.post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: harness.environment.web.urlFor('nulcorp') } }], run: true });
    const data = await waitForIdle(client, table.id, 20_000);
    const [row] = data.rows;
    for (const key of ['company_profile', 'company_name', 'company_website']) expect(row.data[key].status, `${key}: ${row.data[key].error}`).toBe('done');
    const profile = row.data.company_profile.value.answer;
    expect(JSON.stringify(profile)).not.toContain('\\u0000');
    expect(profile.name, JSON.stringify(profile.provenance)).toBe('Nul Corp');
    expect(profile.context).toMatchObject({
      short_description: 'Widgets for everyone.',
      founding_year: 2011,
      hq_city: 'Berlin',
      social_profiles: { linkedin: 'https://www.linkedin.com/company/nulcorp' },
    });
    expect(row.data.company_name.value.answer).toBe('Nul Corp');
    // The stored profile is found again by its name, as a company search or a second table would.
    const again = (await client.get(`/v1/companies/${encodeURIComponent('nulcorp.test')}`)).body;
    expect(again.name ?? again.company_name ?? JSON.stringify(again)).toContain('Nul Corp');
  });
});
