import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFathomClient, type FathomClient } from '../../src/sdk/index.ts';
import { FATHOM_BIN, runFathom } from '../support/spawn-fathom.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const ROWS = 10_000;

/** A CSV whose notes exercise quoting: commas, quotes, line breaks, edge spaces, non-ASCII, empty cells. */
function companiesCsv(count: number): { text: string; expected: { input: string; notes: string | null }[] } {
  const notes = (index: number) =>
    [`plain ${index}`, `comma, ${index}`, `"quoted" ${index}`, `two\nlines ${index}`, ` edge ${index} `, `café ${index}`, null][index % 7]!;
  const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;
  const expected = Array.from({ length: count }, (_, index) => ({ input: `company-${index}.example`, notes: notes(index) }));
  const lines = expected.map((row) => `${row.input},${row.notes === null ? '' : quote(row.notes)}`);
  return { text: `Website,Notes\r\n${lines.join('\r\n')}\r\n`, expected };
}

describe('fathom import / export (subprocesses, SQLite server)', () => {
  let server: TestServer;
  let client: FathomClient;
  let environment: Record<string, string>;
  let directory: string;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
    client = createFathomClient({ baseUrl: server.baseUrl, token: server.tokens.alice });
    environment = { FATHOM_BASE_URL: server.baseUrl, FATHOM_API_TOKEN: server.tokens.alice };
    directory = mkdtempSync(join(tmpdir(), 'fathom-import-'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const fathom = (args: string[], input?: string) => runFathom(args, environment, input);
  const file = (name: string, text: string) => {
    const path = join(directory, name);
    writeFileSync(path, text);
    return path;
  };
  const inputsOf = async (tableId: string) => {
    const rows: { input: unknown; notes: unknown; metadata: unknown }[] = [];
    for await (const row of client.iterateRows(tableId, { pageSize: 1_000 })) {
      rows.push({ input: row.data.input?.value ?? null, notes: row.data.notes?.value ?? null, metadata: row.metadata });
    }
    return rows;
  };
  const companyTable = () => client.tables.create({ kind: 'company', column_configs: [{ name: 'Notes', key: 'notes' }] });

  let importedTableId = '';
  let csv: ReturnType<typeof companiesCsv>;

  it(`imports ${ROWS.toLocaleString('en-US')} CSV rows, killed mid-way and resumed, with no duplicates and nothing missing`, async () => {
    csv = companiesCsv(ROWS);
    const path = file('companies.csv', csv.text);
    const table = await companyTable();
    importedTableId = table.id;

    const args = ['import', path, '--table', table.id, '--map', 'Website=input', '--batch-size', '250'];
    const child = spawn(process.execPath, [FATHOM_BIN, ...args], { env: { ...process.env, ...environment } });
    const ended = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_, signal) => resolve(signal)));
    // Kill it the hard way once some batches are stored: no chance to clean up.
    try {
      await expect.poll(async () => (await client.tables.get(table.id)).status.num_rows, { interval: 10, timeout: 20_000 }).toBeGreaterThanOrEqual(1_000);
    } finally {
      child.kill('SIGKILL');
    }
    expect(await ended).toBe('SIGKILL');
    const storedBefore = (await client.tables.get(table.id)).status.num_rows;
    expect(storedBefore).toBeGreaterThan(0);
    expect(storedBefore, 'the import finished before it could be interrupted').toBeLessThan(ROWS);
    expect(storedBefore % 250, 'a batch is stored whole or not at all').toBe(0);

    const resumed = await fathom(args);
    expect(resumed.code, resumed.stderr).toBe(0);
    const summary = JSON.parse(resumed.stdout);
    expect(summary).toMatchObject({ records: ROWS, imported: ROWS - storedBefore, already_imported: storedBefore, empty: 0 });
    expect(resumed.stderr).toContain(`${storedBefore.toLocaleString('en-US')} already imported`);

    const rows = await inputsOf(table.id);
    expect(rows).toHaveLength(ROWS);
    const lines = rows.map((row) => (row.metadata as { import: { file: string; line: number } }).import);
    expect(new Set(lines.map((marker) => marker.line)).size).toBe(ROWS);
    expect(new Set(lines.map((marker) => marker.file))).toEqual(new Set([summary.digest]));
    const byInput = new Map(rows.map((row) => [row.input, row.notes]));
    expect(byInput.size).toBe(ROWS);
    for (const row of csv.expected) expect(byInput.get(row.input)).toBe(row.notes);
  });

  it('export round-trip: CSV export → import into a new table → the same inputs, in the same order', async () => {
    const exported = join(directory, 'export.csv');
    const result = await fathom(['export', '--table', importedTableId, '--format', 'csv', '--out', exported]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`exported ${ROWS.toLocaleString('en-US')} rows to ${exported}`);
    expect(existsSync(`${exported}.partial`)).toBe(false);
    expect(readFileSync(exported, 'utf8').split('\r\n')[0]).toBe('input,company_profile,company_name,company_website,notes');

    const copy = await companyTable();
    const imported = await fathom(['import', exported, '--table', copy.id]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({
      imported: ROWS,
      skipped_columns: {
        company_profile: 'computed column (company_profile)',
        company_name: 'computed column (company_name)',
        company_website: 'computed column (company_website)',
      },
    });
    const original = (await inputsOf(importedTableId)).map(({ input, notes }) => ({ input, notes }));
    const roundTripped = (await inputsOf(copy.id)).map(({ input, notes }) => ({ input, notes }));
    expect(roundTripped).toEqual(original);
  });

  it('exports NDJSON and JSON with typed values, a column projection, to stdout', async () => {
    const table = await client.tables.create({
      kind: 'generic',
      column_configs: [
        { name: 'Size', key: 'size' },
        { name: 'Tags', key: 'tags' },
      ],
    });
    await client.rows.create(table.id, { rows: [{ data: { input: 'a', size: 12, tags: ['x', 'y'] } }, { data: { input: 'b' } }] });
    const [ndjson, json, csv] = await Promise.all([
      fathom(['export', '--table', table.id, '--format', 'ndjson', '--columns', 'size,input']),
      fathom(['export', '--table', table.id, '--format', 'json']),
      fathom(['export', '--table', table.id]),
    ]);
    expect(
      ndjson.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual([
      { size: 12, input: 'a' },
      { size: null, input: 'b' },
    ]);
    expect(JSON.parse(json.stdout)).toEqual([
      { input: 'a', size: 12, tags: ['x', 'y'] },
      { input: 'b', size: null, tags: null },
    ]);
    expect(csv.stdout).toBe('input,size,tags\r\na,12,x; y\r\nb,,\r\n');
  });

  it('CSV export neutralises spreadsheet formulas by default (OWASP), and --no-formula-guard writes them as they are', async () => {
    const table = await client.tables.create({ kind: 'generic', column_configs: [{ name: 'Note', key: 'note' }] });
    const hostile = ['=HYPERLINK("http://evil.test","x")', '+1+1', '-2+3', '@SUM(A1)', '\tTAB', '\rCR', '-5'];
    await client.rows.create(table.id, { rows: hostile.map((note, index) => ({ data: { input: `r${index}`, note } })) });
    const [guarded, raw, ndjson] = await Promise.all([
      fathom(['export', '--table', table.id, '--format', 'csv']),
      fathom(['export', '--table', table.id, '--format', 'csv', '--no-formula-guard']),
      fathom(['export', '--table', table.id, '--format', 'ndjson']),
    ]);
    expect(guarded.code).toBe(0);
    expect(guarded.stdout).toBe(
      `input,note\r\nr0,"'=HYPERLINK(""http://evil.test"",""x"")"\r\nr1,'+1+1\r\nr2,'-2+3\r\nr3,'@SUM(A1)\r\nr4,'\tTAB\r\nr5,"'\rCR"\r\nr6,-5\r\n`,
    );
    expect(raw.stdout).toBe(
      `input,note\r\nr0,"=HYPERLINK(""http://evil.test"",""x"")"\r\nr1,+1+1\r\nr2,-2+3\r\nr3,@SUM(A1)\r\nr4,"\tTAB"\r\nr5,"\rCR"\r\nr6,-5\r\n`,
    );
    // JSON formats are data, not spreadsheets: kept exactly.
    expect(
      ndjson.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).note),
    ).toEqual(hostile);
  });

  it('imports TSV, NDJSON and JSON files; --map leaves a column out; an unknown header stops before any row is sent', async () => {
    const table = await client.tables.create({
      kind: 'generic',
      column_configs: [
        { name: 'City', key: 'city' },
        { name: 'Profile', key: 'profile' },
      ],
    });
    const tsv = file('people.tsv', 'input\tCity\tIgnored\nada\tLondon\tx\n');
    const ndjson = file('people.ndjson', '{"input": "grace", "profile": {"born": 1906}}\n\n{"input": "alan", "city": "Wilmslow"}');
    const jsonFile = file('people.json', JSON.stringify([{ input: 'edsger', city: 'Rotterdam' }]));
    const unknown = file('bad.csv', 'input,Mystery\nx,y\n');
    const results = await Promise.all([
      fathom(['import', tsv, '--table', table.id, '--map', 'Ignored=']),
      fathom(['import', ndjson, '--table', table.id]),
      fathom(['import', jsonFile, '--table', table.id, '--format', 'json']),
      fathom(['import', unknown, '--table', table.id]),
    ]);
    for (const result of results.slice(0, 3)) expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(results[0]!.stdout).skipped_columns).toEqual({ Ignored: 'left out by --map' });
    expect(results[3]!.code).toBe(1);
    expect(results[3]!.stderr).toContain(`the file's column "Mystery" matches no input column`);
    const rows = await client.tables.data(table.id);
    const values = rows.rows.map((row) => ({ input: row.data.input!.value, city: row.data.city!.value, profile: row.data.profile!.value }));
    expect(values).toEqual(
      expect.arrayContaining([
        { input: 'ada', city: 'London', profile: null },
        { input: 'grace', city: null, profile: { born: 1906 } },
        { input: 'alan', city: 'Wilmslow', profile: null },
        { input: 'edsger', city: 'Rotterdam', profile: null },
      ]),
    );
    expect(values).toHaveLength(4);
    expect(rows.rows.find((row) => row.data.input!.value === 'alan')!.metadata).toMatchObject({ import: { line: 3 } });
  });

  it('tables create --from-file --column-file --run: one command creates, imports and runs; a file it cannot import leaves no table', async () => {
    const companies = file('few.csv', 'domain\nacme.test\nglobex.test\ninitech.test\n');
    const unmappable = file('unmappable.csv', 'domain,owner\nacme.test,Ana\n');
    const columns = file(
      'columns.json',
      JSON.stringify([{ kind: 'agent', name: 'HQ', key: 'hq', value: { agent_type: 'llm', prompt: 'Where is {company_name} based?' } }]),
    );
    const [result, refused] = await Promise.all([
      fathom(['tables', 'create', '--kind', 'company', '--name', 'Pipeline', '--from-file', companies, '--column-file', columns, '--run']),
      fathom(['tables', 'create', '--kind', 'company', '--name', 'Refused pipeline', '--from-file', unmappable]),
    ]);
    expect(result.code, result.stderr).toBe(0);
    const table = JSON.parse(result.stdout);
    expect(table).toMatchObject({ name: 'Pipeline', kind: 'company' });
    expect(table.columns.map((column: { config: { key: string } }) => column.config.key)).toContain('hq');
    expect(result.stderr).toContain('imported 3 rows');
    expect(result.stderr).toMatch(/run .* queued 12 cells/);
    const status = (await client.tables.get(table.id)).status;
    expect(status).toMatchObject({ num_rows: 3, num_cells_in_progress: 12, run_status: 'running' });
    expect((await client.tables.data(table.id)).rows.map((row) => row.data.input!.value)).toEqual(['acme.test', 'globex.test', 'initech.test']);

    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('2 columns of the file match no input column of the table: "domain", "owner"');
    expect(refused.stderr).toContain('was deleted again');
    expect((await client.tables.list({ search: 'Refused pipeline' })).total).toBe(0);
  });
});
