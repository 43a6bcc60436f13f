import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestFile } from '../../src/cli/file-digest.ts';
import { runFathom } from '../support/spawn-fathom.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

describe('fathom companies import|search|lookup (subprocesses, SQLite server)', () => {
  let server: TestServer;
  let environment: Record<string, string>;
  let directory: string;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
    environment = { FATHOM_BASE_URL: server.baseUrl, FATHOM_API_TOKEN: server.tokens.alice, EXTRUCT_API_TOKEN: '' };
    directory = mkdtempSync(join(tmpdir(), 'fathom-companies-cli-'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });
  const fathom = (args: string[]) => runFathom(args, environment);

  it('imports a CSV of profiles in batches, resumes after the last batch sent, and searches it', async () => {
    const csv = join(directory, 'customers.csv');
    const lines = ['Website,Name,Short Description,Employee Count,HQ Country,Founding Year'];
    for (let index = 0; index < 7; index += 1)
      lines.push(`https://www.payroll${index}.de/,Payroll ${index},Payroll software for small businesses,11-50,Germany,${2010 + index}`);
    lines.push('bakery.fr,Boulangerie,Bread and pastries,1-10,France,1990');
    writeFileSync(csv, `${lines.join('\n')}\n`);
    const first = await fathom(['companies', 'import', csv, '--batch-size', '4']);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ stored: 8, queued: 0, resumed_after: 0 });
    expect(first.stderr).toContain('stored 8 profiles');
    expect(existsSync(`${csv}.fathom-import.json`)).toBe(false);

    const searched = await fathom(['companies', 'search', 'payroll software', '--filters', '{"range": {"founded": {"min": 2014}}}', '--limit', '10']);
    expect(searched.code, searched.stderr).toBe(0);
    const answer = JSON.parse(searched.stdout);
    expect(answer.results.map((result: { domain: string }) => result.domain).sort()).toEqual(['payroll4.de', 'payroll5.de', 'payroll6.de']);
    expect(answer.results[0].sources).toEqual(['import:customers.csv']);

    const similar = await fathom(['companies', 'search', '--similar', 'payroll0.de', '--limit', '3']);
    expect(similar.code, similar.stderr).toBe(0);
    const lookalikes = JSON.parse(similar.stdout);
    expect(lookalikes.reference_company.domain).toBe('payroll0.de');
    expect(lookalikes.results).toHaveLength(3);
    expect(lookalikes.results.map((result: { domain: string }) => result.domain)).not.toContain('payroll0.de');

    const lookup = await fathom(['companies', 'lookup', 'https://www.bakery.fr/about']);
    expect(lookup.code, lookup.stderr).toBe(0);
    expect(JSON.parse(lookup.stdout)).toMatchObject({ domain: 'bakery.fr', name: 'Boulangerie', hq_country: 'France', founding_year: 1990 });
  });

  it('keeps its place when the server refuses a batch, and resumes after the records already taken', async () => {
    const records = Array.from({ length: 6 }, (_, index) =>
      JSON.stringify({ domain: `robot${index}.com`, name: `Robot ${index}`, products_services: 'warehouse robots' }),
    );
    // Record 5 is refused by the server: batches of 2 store records 1-4, then the import stops.
    const brokenFile = join(directory, 'broken.ndjson');
    writeFileSync(brokenFile, `${[...records.slice(0, 4), JSON.stringify({ domain: 'not a domain', name: 'Broken' }), records[5]].join('\n')}\n`);
    const failed = await fathom(['companies', 'import', brokenFile, '--batch-size', '2']);
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toContain('run the same command again to resume');
    const state = JSON.parse(readFileSync(`${brokenFile}.fathom-import.json`, 'utf8'));
    expect(state).toEqual({ digest: (await digestFile(brokenFile)).digest, processed: 4 });

    // An interrupted import of an unchanged file (its state says 4 were taken) sends only the rest.
    const file = join(directory, 'robots.ndjson');
    writeFileSync(file, `${records.join('\n')}\n`);
    writeFileSync(`${file}.fathom-import.json`, JSON.stringify({ digest: (await digestFile(file)).digest, processed: 4 }));
    const resumed = await fathom(['companies', 'import', file, '--batch-size', '2']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ stored: 2, resumed_after: 4 });
    const robots = await server.alice.post('/v1/companies/search', { q: 'warehouse robots', pagination: { limit: 50 } });
    // robot0-3 came from the broken file's first batches, robot4-5 from the resumed import.
    expect(robots.body.results.map((result: { domain: string }) => result.domain).sort()).toEqual(records.map((_, index) => `robot${index}.com`));
    // A state file of another version of the file is ignored: everything is sent again.
    writeFileSync(`${file}.fathom-import.json`, JSON.stringify({ digest: 'another-file', processed: 4 }));
    const again = await fathom(['companies', 'import', file]);
    expect(JSON.parse(again.stdout)).toMatchObject({ stored: 6, resumed_after: 0 });
  });

  it('refuses a search without a query or --similar, and bad --filters JSON, before any request', async () => {
    const missing = await fathom(['companies', 'search']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('give a query');
    const bad = await fathom(['companies', 'search', 'x', '--filters', '{nope']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--filters is not JSON');
    const refused = await fathom(['companies', 'search', 'x', '--filters', '{"include": {"industry": ["saas"]}}']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/filters.*include/);
  });
});
