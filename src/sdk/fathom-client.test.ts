import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/support/test-server.ts';
import { createFathomClient, type FathomClient } from './fathom-client.ts';
import { FathomApiError } from './fathom-errors.ts';

/** Every endpoint through the SDK, against a real server on 127.0.0.1 (SQLite). */
describe('createFathomClient against a real server', () => {
  let server: TestServer;
  let client: FathomClient;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
    client = createFathomClient({ baseUrl: server.baseUrl, token: server.tokens.alice });
  });
  afterAll(() => server.close());

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => expect.unreachable('expected a failure'),
      (error: unknown) => error as FathomApiError,
    );

  it('healthcheck needs no token; user and billing describe the token owner', async () => {
    expect(await createFathomClient({ baseUrl: server.baseUrl }).healthcheck()).toEqual({ status: 'ok' });
    expect(await client.user()).toMatchObject({ email: 'alice@acme.test', organization_slug: 'acme' });
    expect(await client.billing()).toMatchObject({ user: { email: 'alice@acme.test' }, subscription: { requires_subscription: false } });
  });

  it('a bad token is a 401 FathomApiError', async () => {
    const error = await failure(createFathomClient({ baseUrl: server.baseUrl, token: 'not-a-real-token-000' }).user());
    expect(error).toBeInstanceOf(FathomApiError);
    expect(error).toMatchObject({ status: 401, code: 'not_authenticated' });
  });

  it('tables: create, list with totals, get, update, clone, data, delete', async () => {
    const table = await client.tables.create({
      kind: 'generic',
      name: 'SDK table',
      tags: ['sdk'],
      column_configs: [
        { name: 'City', key: 'city' },
        { kind: 'agent', name: 'Summary', key: 'summary', value: { agent_type: 'llm', prompt: 'About {input}' } },
      ],
    });
    expect(table.columns.map((column) => column.config.key)).toEqual(['input', 'city', 'summary']);
    const list = await client.tables.list({ tags: ['sdk'], limit: 10 });
    expect(list).toMatchObject({ total: 1, offset: 0, limit: 10 });
    expect(list.tables[0]!.id).toBe(table.id);
    expect((await client.tables.get(table.id)).status).toMatchObject({ num_rows: 0, run_status: 'idle' });
    expect((await client.tables.update(table.id, { name: 'Renamed' })).name).toBe('Renamed');

    await client.rows.create(table.id, { rows: [{ data: { input: 'a', city: 'Oslo' } }, { data: { input: 'b' } }] });
    const page = await client.tables.data(table.id, { offset: 1, limit: 1, columns: ['city'] });
    expect(page.rows).toHaveLength(1);
    expect(Object.keys(page.rows[0]!.data)).toEqual(['city']);
    expect(page.rows[0]!.data.city!.value).toBeNull();
    expect((await client.tables.data(table.id)).rows.map((row) => row.data.input!.value)).toEqual(['a', 'b']);

    const schemaOnly = await client.tables.clone(table.id, { schema_only: true });
    expect((await client.tables.get(schemaOnly.id)).status.num_rows).toBe(0);
    expect((await client.tables.get((await client.tables.clone(table.id)).id)).status.num_rows).toBe(2);

    expect((await client.tables.delete(table.id)).id).toBe(table.id);
    expect(await failure(client.tables.get(table.id))).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('tables.list with limit above 100 is a 400', async () => {
    expect(await failure(client.tables.list({ limit: 101 }))).toMatchObject({ status: 400, code: 'bad_request' });
  });

  it('rows: create, get, update, delete; a 422 carries its locs', async () => {
    const table = await client.tables.create({ kind: 'generic', column_configs: [{ name: 'Notes', key: 'notes' }] });
    const [first, second] = await client.rows.create(table.id, { rows: [{ data: { input: 'one' }, metadata: { source: 'sdk' } }, { data: { input: 'two' } }] });
    expect((await client.rows.get(table.id, first!.id)).metadata).toEqual({ source: 'sdk' });
    const [updated] = await client.rows.update(table.id, { rows: [{ id: first!.id, data: { notes: 'changed' } }] });
    expect(updated!.data.notes!.value).toBe('changed');
    expect(await client.rows.delete(table.id, { rows: [second!.id] })).toEqual([second!.id]);
    expect(await failure(client.rows.get(table.id, second!.id))).toMatchObject({ status: 404 });

    const invalid = await failure(client.rows.create(table.id, { rows: [{ data: { input: 'ok' } }, {} as never] }));
    expect(invalid).toMatchObject({ status: 422, code: 'validation_error' });
    expect(invalid.issues).toEqual([{ loc: ['body', 'rows', 1, 'data'], msg: 'Field required', type: 'missing' }]);
    expect(invalid.detail).toBe('body.rows.1.data: Field required');
  });

  it('columns: list, add, update, delete', async () => {
    const table = await client.tables.create({ kind: 'company' });
    const [added] = await client.columns.add(table.id, {
      column_configs: [{ kind: 'agent', name: 'HQ', key: 'hq', value: { agent_type: 'llm', prompt: 'Where is {company_name}?' } }],
    });
    expect((await client.columns.list(table.id)).map((column) => column.config.key)).toContain('hq');
    const updated = await client.columns.update(table.id, added!.id, {
      kind: 'agent',
      name: 'HQ city',
      key: 'hq',
      value: { prompt: 'HQ city of {company_name}?' },
    });
    expect(updated.config).toMatchObject({ name: 'HQ city', value: { agent_type: 'research_pro', output_format: 'text' } });
    expect((await client.columns.delete(table.id, added!.id)).id).toBe(added!.id);
    const builtIn = (await client.columns.list(table.id)).find((column) => column.config.key === 'company_name')!;
    expect(await failure(client.columns.delete(table.id, builtIn.id))).toMatchObject({ status: 422 });
  });

  it('runs: run, list, get, cancel; waitForIdle then sees the table idle', async () => {
    const table = await client.tables.create({ kind: 'company' });
    await client.rows.create(table.id, { rows: [{ data: { input: 'acme.test' } }, { data: { input: 'globex.test' } }] });
    const run = await client.tables.run(table.id, { mode: 'new' });
    expect(run).toMatchObject({ status: 'created', mode: 'new', num_requested_cells: 6 });
    expect((await client.runs.list(table.id, { limit: 5 })).map((listed) => listed.id)).toEqual([run.id]);
    expect((await client.runs.get(table.id, run.id)).id).toBe(run.id);

    const seen: string[] = [];
    const idle = await client.waitForIdle(table.id, {
      intervalMs: 20,
      onProgress: ({ status }) => {
        seen.push(`${status.run_status}:${status.num_cells_in_progress}`);
        // No workers run in this test, so the run is cancelled to end it.
        if (seen.length === 2) void client.runs.cancel(table.id, run.id);
      },
    });
    expect(seen.slice(0, 2)).toEqual(['running:6', 'running:6']);
    expect(seen.at(-1)).toBe('idle:0');
    expect(idle.status.run_status).toBe('idle');
    expect((await client.runs.get(table.id, run.id)).status).toBe('canceled');
  });
});
