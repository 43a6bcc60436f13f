import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends.ts';
import { runFathom } from '../support/spawn-fathom.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const COLUMN_COUNT = 130;
const ROW_COUNT = 1_000;

// 130 columns × 1,000 rows = 130,000 cells in one page: more than a spread into push() or
// Function.apply can take as arguments (the audit's 500 on every big page).
describe.each(testBackends())('Wide tables (%s)', (backend) => {
  let server: TestServer;
  let tableId: string;
  let rowIds: string[];
  beforeAll(async () => {
    server = await startTestServer(backend);
    const columns = Array.from({ length: COLUMN_COUNT - 1 }, (_, index) => ({ kind: 'input', name: `Field ${index}`, key: `field_${index}` }));
    const created = await server.alice.post('/v1/tables', { kind: 'generic', column_configs: columns });
    expect(created.status).toBe(200);
    tableId = created.body.id;
    const rows = Array.from({ length: ROW_COUNT }, (_, index) => ({ data: { input: `row-${index}`, field_0: `a${index}` } }));
    const inserted = await server.alice.post(`/v1/tables/${tableId}/rows`, { rows });
    expect(inserted.status).toBe(200);
    rowIds = inserted.body.map((row: { id: string }) => row.id);
  }, 120_000);
  afterAll(() => server.close());

  it('answers a full page of 1,000 rows × 130 columns', async () => {
    const page = await server.alice.get(`/v1/tables/${tableId}/data?limit=1000`);
    expect(page.status).toBe(200);
    expect(page.body.rows).toHaveLength(ROW_COUNT);
    expect(Object.keys(page.body.rows[0].data)).toHaveLength(COLUMN_COUNT);
    expect(page.body.rows[999].data.input.value).toBe('row-999');
  });

  it('updates 1,000 rows in one PATCH', async () => {
    const rows = rowIds.map((id, index) => ({ id, data: { field_1: `b${index}` } }));
    const patched = await server.alice.patch(`/v1/tables/${tableId}/rows`, { rows });
    expect(patched.status).toBe(200);
    expect(patched.body).toHaveLength(ROW_COUNT);
    expect(patched.body[999].data.field_1.value).toBe('b999');
  });

  it('adds 1,000 rows with run: true', async () => {
    const rows = Array.from({ length: ROW_COUNT }, (_, index) => ({ data: { input: `more-${index}` } }));
    const added = await server.alice.post(`/v1/tables/${tableId}/rows`, { rows, run: true });
    expect(added.status).toBe(200);
    expect(added.body).toHaveLength(ROW_COUNT);
    expect(Object.keys(added.body[0].data)).toHaveLength(COLUMN_COUNT);
  });

  it('exports with `fathom export` at its default page size (1,000 rows a request)', async () => {
    const result = await runFathom(['export', '--table', tableId, '--format', 'ndjson'], {
      FATHOM_BASE_URL: server.baseUrl,
      FATHOM_API_TOKEN: server.tokens.alice,
    });
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(2 * ROW_COUNT);
    expect(Object.keys(JSON.parse(lines[0]!))).toHaveLength(COLUMN_COUNT);
  }, 60_000);
});
