import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFathomClient, type FathomClient } from '../../src/sdk/index.ts';
import { writeCell } from '../support/cell-writes.ts';
import { runFathom } from '../support/spawn-fathom.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { tableKeyOf } from '../../src/store/kysely/cell-keys.ts';

/** `fathom export` of a view (filter, sort, search, columns), with names, split JSON and a BOM; `tables run --mode stale`. */
describe('fathom export of a view, and runs of out-of-date answers (subprocesses, SQLite server)', () => {
  let server: TestServer;
  let client: FathomClient;
  let environment: Record<string, string>;
  let directory: string;
  let tableId: string;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    client = createFathomClient({ baseUrl: server.baseUrl, token: server.tokens.alice });
    environment = { FATHOM_BASE_URL: server.baseUrl, FATHOM_API_TOKEN: server.tokens.alice };
    directory = mkdtempSync(join(tmpdir(), 'fathom-find-export-'));
    const table = await client.tables.create({
      kind: 'generic',
      column_configs: [
        { kind: 'input', name: 'Région', key: 'region' },
        {
          kind: 'agent',
          name: 'Firmographics',
          key: 'firmo',
          value: {
            agent_type: 'llm',
            prompt: 'Firmographics of {input}',
            output_format: 'json',
            output_schema: { type: 'object', properties: { employees: { type: 'number' }, hq: { type: 'string' } } },
          },
        },
      ],
    });
    tableId = table.id;
    await client.rows.create(tableId, {
      rows: Array.from({ length: 30 }, (_, index) => ({ data: { input: `c${index}.test`, region: index % 3 === 0 ? 'Île-de-France' : 'Bavaria' } })),
    });
    // Answers as a finished run would leave them (no model here): employees 100 - index.
    const { db } = server.fathom.database;
    const rows = await db.selectFrom('rows').select(['id', 'seq']).where('table_key', '=', tableKeyOf(db, tableId)).orderBy('seq').execute();
    const firmo = (await db.selectFrom('columns').select('id').where('table_id', '=', tableId).where('key', '=', 'firmo').executeTakeFirstOrThrow()).id;
    for (const [index, row] of rows.entries()) {
      const answer = { answer: { employees: 100 - index, hq: `City ${index}` }, source: [], explanation: 'test' };
      await writeCell(db, row.id, firmo, { status: 'done', value: JSON.stringify(answer) });
    }
  });
  afterAll(async () => {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const fathom = (args: string[]) => runFathom(args, environment);

  it('writes a saved view: its rows in its order, display names as headers, JSON answers split, UTF-8 BOM', async () => {
    await client.tables.saveView(tableId, 'Paris region', {
      filter: [{ column: 'region', contains: 'île' }],
      sort: 'firmo',
      columns: ['input', 'region', 'firmo'],
    });
    const out = join(directory, 'paris.csv');
    const result = await fathom(['export', '--table', tableId, '--view', 'paris region', '--headers', 'names', '--split-json', '--bom', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('Input,Région,Firmographics.employees,Firmographics.hq');
    // Rows 0, 3, …, 27 are in Île-de-France; sorted by the JSON answer's text, so "employees":100 - index as text.
    const expected = [0, 3, 6, 9, 12, 15, 18, 21, 24, 27].map((index) => ({
      line: `c${index}.test,Île-de-France,${100 - index},City ${index}`,
      text: JSON.stringify({ employees: 100 - index, hq: `City ${index}` }).toLowerCase(),
    }));
    expected.sort((left, right) => (left.text < right.text ? -1 : left.text > right.text ? 1 : 0));
    expect(lines.slice(1)).toEqual(expected.map((row) => row.line));
  });

  it('takes --filter, --sort and --search on their own, and says which views exist for an unknown --view', async () => {
    const result = await fathom([
      'export',
      '--table',
      tableId,
      '--format',
      'ndjson',
      '--columns',
      'input',
      '--filter',
      '[{"column":"region","equals":"bavaria"}]',
      '--sort',
      '-input',
      '--search',
      'c1',
      '--page-size',
      '2',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const inputs = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).input);
    expect(inputs).toEqual(['c19.test', 'c17.test', 'c16.test', 'c14.test', 'c13.test', 'c11.test', 'c10.test', 'c1.test']);
    const unknown = await fathom(['export', '--table', tableId, '--view', 'nope']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('"Paris region"');
    const badFilter = await fathom(['export', '--table', tableId, '--filter', '[{"column":"region","startswith":"B"}]']);
    expect(badFilter.code).not.toBe(0);
    expect(badFilter.stderr).toContain('startswith');
  });

  it('tables run --mode stale queues only the answers that are out of date', async () => {
    const { db } = server.fathom.database;
    const [first] = await db.selectFrom('rows').select('id').where('table_key', '=', tableKeyOf(db, tableId)).orderBy('seq').limit(1).execute();
    await client.rows.update(tableId, { rows: [{ id: first!.id, data: { input: 'changed.test' } }] });
    const status = (await client.tables.get(tableId)).status;
    expect(status.num_cells_out_of_date).toBe(1);
    const result = await fathom(['tables', 'run', tableId, '--mode', 'stale']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ mode: 'stale', num_requested_cells: 1 });
  });
});
