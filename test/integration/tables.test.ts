import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/services/api-tokens.ts';
import { testBackends } from '../support/backends.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

describe.each(testBackends())('Tables API on %s', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(backend);
  });
  afterAll(() => server.close());

  const keys = (table: any) => table.columns.map((column: any) => column.config.key);

  describe('create', () => {
    it('defaults to a company table named "Untitled Table" with the built-in columns', async () => {
      const response = await server.alice.post('/v1/tables', {});
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        name: 'Untitled Table',
        kind: 'company',
        description: null,
        tags: null,
        notify: false,
        settings: { exclude_from_search: false },
        child_relationships: [],
        parent_relationships: [],
        owner: { email: 'alice@acme.test' },
      });
      expect(keys(response.body)).toEqual(['input', 'company_profile', 'company_name', 'company_website']);
    });

    it('also accepts an empty body', async () => {
      const response = await server.alice.raw('POST', '/v1/tables', '');
      expect(response.status).toBe(200);
      expect(response.body.kind).toBe('company');
    });

    it('adds the built-ins of each kind', async () => {
      expect(keys((await server.alice.post('/v1/tables', { kind: 'people' })).body)).toEqual(['input', 'full_name', 'role', 'profile_url']);
      expect(keys((await server.alice.post('/v1/tables', { kind: 'generic' })).body)).toEqual(['input']);
    });

    it('appends column_configs after the built-ins and treats a sent built-in as the built-in', async () => {
      const response = await server.alice.post('/v1/tables', {
        name: 'Enriched',
        kind: 'company',
        column_configs: [
          { kind: 'input', name: 'Domain', key: 'input' },
          {
            kind: 'agent',
            name: 'Pricing',
            key: 'pricing',
            value: { agent_type: 'research_pro', prompt: 'Pricing of {company_name}?', output_format: 'text' },
          },
        ],
      });
      expect(response.status).toBe(200);
      expect(keys(response.body)).toEqual(['input', 'company_profile', 'company_name', 'company_website', 'pricing']);
      expect(response.body.columns[0].config.name).toBe('Domain');
      expect(response.body.columns[4].config.value).toMatchObject({ agent_type: 'research_pro', output_format: 'text' });
    });

    it('fills agent defaults (research_pro, text)', async () => {
      const response = await server.alice.post('/v1/tables', {
        kind: 'generic',
        column_configs: [{ kind: 'agent', name: 'A', key: 'a', value: { prompt: 'Summarise {input}' } }],
      });
      expect(response.body.columns[1].config.value).toMatchObject({ agent_type: 'research_pro', output_format: 'text' });
    });

    it('rejects invalid column_configs with a loc into column_configs, and creates nothing', async () => {
      const before = (await server.alice.get('/v1/tables?limit=100')).headers.get('x-extruct-pagination-total');
      const response = await server.alice.post('/v1/tables', {
        name: 'Broken',
        column_configs: [{ kind: 'agent', name: 'X', key: 'x', value: { prompt: 'about {nope}' } }],
      });
      expect(response.status).toBe(422);
      expect(response.body.detail[0].loc).toEqual(['body', 'column_configs', 0, 'value', 'prompt']);
      expect(response.body.detail[0].msg).toContain('{nope}');
      expect((await server.alice.get('/v1/tables?limit=100')).headers.get('x-extruct-pagination-total')).toBe(before);
    });

    it('422 for a bad kind, and for template_id with column_configs', async () => {
      const badKind = await server.alice.post('/v1/tables', { kind: 'companies' });
      expect(badKind.status).toBe(422);
      expect(badKind.body.detail[0]).toMatchObject({ loc: ['body', 'kind'], type: 'enum' });
      const both = await server.alice.post('/v1/tables', { template_id: 'x', column_configs: [] });
      expect(both.status).toBe(422);
      expect(both.body.detail[0].loc).toEqual(['body', 'template_id']);
    });

    it('legacy template_id copies columns and num_rows creates empty rows', async () => {
      const template = (await server.alice.post('/v1/tables', { kind: 'generic', column_configs: [{ kind: 'input', name: 'Notes', key: 'notes' }] })).body;
      const copy = await server.alice.post('/v1/tables', { kind: 'generic', template_id: template.id, num_rows: 3 });
      expect(copy.status).toBe(200);
      expect(keys(copy.body)).toEqual(['input', 'notes']);
      expect((await server.alice.get(`/v1/tables/${copy.body.id}`)).body.status.num_rows).toBe(3);
    });
  });

  describe('get', () => {
    it('answers the header with columns and an exact status block', async () => {
      const table = (await server.alice.post('/v1/tables', { kind: 'company' })).body;
      await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: 'a.test' } }, { data: { input: 'b.test' } }] });
      const response = await server.alice.get(`/v1/tables/${table.id}`);
      expect(response.status).toBe(200);
      expect(response.body.status).toEqual({
        num_rows: 2,
        num_columns: 4,
        num_input_columns: 1,
        num_output_columns: 3,
        num_cells_completed: 0,
        num_cells_in_progress: 0,
        num_cells_failed: 0,
        num_cells_out_of_date: 0,
        run_status: 'idle',
      });
    });

    it('404 for unknown and foreign ids', async () => {
      const table = (await server.alice.post('/v1/tables', {})).body;
      expect((await server.alice.get('/v1/tables/not-a-table')).status).toBe(404);
      expect((await server.bob.get(`/v1/tables/${table.id}`)).status).toBe(404);
    });
  });

  describe('update', () => {
    it('patches name, description, tags, notify and settings partially', async () => {
      const table = (await server.alice.post('/v1/tables', { name: 'Before', tags: ['x'] })).body;
      const response = await server.alice.patch(`/v1/tables/${table.id}`, {
        name: 'After',
        description: 'Now described',
        notify: true,
        settings: { custom: 1 },
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        name: 'After',
        description: 'Now described',
        tags: ['x'],
        notify: true,
        settings: { exclude_from_search: false, custom: 1 },
      });
      const tags = await server.alice.patch(`/v1/tables/${table.id}`, { tags: ['y', 'z'] });
      expect(tags.body).toMatchObject({ name: 'After', tags: ['y', 'z'] });
    });

    it('reorders columns with columns_order (a permutation of the column ids)', async () => {
      const table = (await server.alice.post('/v1/tables', { kind: 'company' })).body;
      const ids = table.columns.map((column: any) => column.id);
      const reversed = [...ids].reverse();
      const response = await server.alice.patch(`/v1/tables/${table.id}`, { columns_order: reversed });
      expect(response.status).toBe(200);
      expect(response.body.columns.map((column: any) => column.id)).toEqual(reversed);
      const data = await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: 'x.test' } }] });
      expect(Object.keys(data.body[0].data)).toEqual(['company_website', 'company_name', 'company_profile', 'input']);

      for (const [order, loc] of [
        [ids.slice(1), ['body', 'columns_order']],
        [
          [...ids.slice(1), 'bogus'],
          ['body', 'columns_order', 3],
        ],
        [
          [ids[0], ids[0], ids[1], ids[2]],
          ['body', 'columns_order', 1],
        ],
      ] as const) {
        const bad = await server.alice.patch(`/v1/tables/${table.id}`, { columns_order: order });
        expect(bad.status).toBe(422);
        expect(bad.body.detail[0].loc).toEqual(loc);
      }
    });

    it('404 for a foreign table and 422 for a wrong type', async () => {
      const table = (await server.alice.post('/v1/tables', {})).body;
      expect((await server.bob.patch(`/v1/tables/${table.id}`, { name: 'Stolen' })).status).toBe(404);
      expect((await server.alice.get(`/v1/tables/${table.id}`)).body.name).toBe('Untitled Table');
      const bad = await server.alice.patch(`/v1/tables/${table.id}`, { name: 42 });
      expect(bad.body.detail[0]).toMatchObject({ loc: ['body', 'name'], type: 'string_type' });
    });
  });

  describe('list', () => {
    let listServer: TestServer;
    beforeAll(async () => {
      listServer = await startTestServer(backend);
      const make = (client: any, body: object) => client.post('/v1/tables', body);
      await make(listServer.alice, { name: 'Alpha leads', kind: 'company', tags: ['sales'], description: 'Fintech prospects' });
      await make(listServer.alice, { name: 'beta people', kind: 'people', tags: ['hr', 'sales'] });
      await make(listServer.carol, { name: 'Gamma 100% scratch', kind: 'generic' });
      await make(listServer.bob, { name: 'Other workspace', kind: 'company', tags: ['sales'] });
      const alpha = (await listServer.alice.get('/v1/tables?search=alpha')).body[0];
      await listServer.alice.post(`/v1/tables/${alpha.id}/rows`, { rows: [{ data: { input: 'a' } }, { data: { input: 'b' } }] });
    });
    afterAll(() => listServer.close());

    const names = (response: any) => response.body.map((table: any) => table.name);

    it('lists the workspace root tables newest first with pagination headers', async () => {
      const response = await listServer.alice.get('/v1/tables');
      expect(response.status).toBe(200);
      expect(names(response)).toEqual(['Gamma 100% scratch', 'beta people', 'Alpha leads']);
      expect(response.headers.get('x-extruct-pagination-total')).toBe('3');
      expect(response.headers.get('x-extruct-pagination-limit')).toBe('50');
      expect(response.headers.get('x-extruct-pagination-offset')).toBe('0');
      expect(response.headers.get('x-extruct-pagination-page')).toBe('1');
      expect(response.headers.get('x-extruct-pagination-total-pages')).toBe('1');
      const first = response.body[2];
      expect(first).toMatchObject({ kind: 'company', num_rows: 2, scope: 'personal', tags: ['sales'], owner: { email: 'alice@acme.test' } });
      expect(first.user_id).toBe(first.owner.id);
      expect(response.body[0].scope).toBe('organization');
    });

    it('filters by kind, scope, search (case-insensitive, name and description, literal %) and any of tags', async () => {
      expect(names(await listServer.alice.get('/v1/tables?kind=people'))).toEqual(['beta people']);
      expect(names(await listServer.alice.get('/v1/tables?scope=personal'))).toEqual(['beta people', 'Alpha leads']);
      expect(names(await listServer.alice.get('/v1/tables?scope=organization'))).toHaveLength(3);
      expect(names(await listServer.alice.get('/v1/tables?search=BETA'))).toEqual(['beta people']);
      expect(names(await listServer.alice.get('/v1/tables?search=fintech'))).toEqual(['Alpha leads']);
      expect(names(await listServer.alice.get('/v1/tables?search=100%25'))).toEqual(['Gamma 100% scratch']);
      expect(names(await listServer.alice.get('/v1/tables?search=0%25%25'))).toEqual([]);
      expect(names(await listServer.alice.get('/v1/tables?tags=hr'))).toEqual(['beta people']);
      expect(names(await listServer.alice.get('/v1/tables?tags=hr&tags=sales'))).toEqual(['beta people', 'Alpha leads']);
    });

    it('sorts by name and num_rows both ways', async () => {
      expect(names(await listServer.alice.get('/v1/tables?sort=name'))).toEqual(['Alpha leads', 'Gamma 100% scratch', 'beta people']);
      expect(names(await listServer.alice.get('/v1/tables?sort=-name'))).toEqual(['beta people', 'Gamma 100% scratch', 'Alpha leads']);
      expect(names(await listServer.alice.get('/v1/tables?sort=-num_rows'))[0]).toBe('Alpha leads');
      expect(names(await listServer.alice.get('/v1/tables?sort=created_at'))).toEqual(['Alpha leads', 'beta people', 'Gamma 100% scratch']);
    });

    it('pages with offset and limit', async () => {
      const page = await listServer.alice.get('/v1/tables?limit=2&offset=2');
      expect(names(page)).toEqual(['Alpha leads']);
      expect(page.headers.get('x-extruct-pagination-page')).toBe('2');
      expect(page.headers.get('x-extruct-pagination-total-pages')).toBe('2');
    });

    it('400 for limit over 100, 422 for limit 0 and bad enums', async () => {
      const over = await listServer.alice.get('/v1/tables?limit=101');
      expect(over.status).toBe(400);
      expect(over.body.detail).toContain('100');
      expect((await listServer.alice.get('/v1/tables?limit=100')).status).toBe(200);
      for (const [query, loc] of [
        ['limit=0', 'limit'],
        ['offset=-1', 'offset'],
        ['limit=abc', 'limit'],
        ['kind=robots', 'kind'],
        ['scope=world', 'scope'],
        ['sort=size', 'sort'],
      ]) {
        const response = await listServer.alice.get(`/v1/tables?${query}`);
        expect(response.status, query).toBe(422);
        expect(response.body.detail[0].loc).toEqual(['query', loc]);
      }
    });

    it("never lists another workspace's tables", async () => {
      expect(names(await listServer.bob.get('/v1/tables'))).toEqual(['Other workspace']);
    });
  });

  describe('delete', () => {
    it('deletes the table with its rows and answers the deleted header; a second delete is 404', async () => {
      const table = (await server.alice.post('/v1/tables', { name: 'Doomed' })).body;
      await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: 'x' } }] });
      expect((await server.bob.delete(`/v1/tables/${table.id}`)).status).toBe(404);
      const response = await server.alice.delete(`/v1/tables/${table.id}`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: table.id, name: 'Doomed' });
      expect((await server.alice.get(`/v1/tables/${table.id}`)).status).toBe(404);
      expect((await server.alice.delete(`/v1/tables/${table.id}`)).status).toBe(404);
      const { db } = server.fathom.database;
      // No cell is left whose row or column is gone (cells are keyed by integers, migration 0022).
      const orphans = await db
        .selectFrom('cells')
        .select('row_key')
        .where((expression) =>
          expression.or([
            expression('row_key', 'not in', expression.selectFrom('rows').select('key')),
            expression('column_key', 'not in', expression.selectFrom('columns').select('column_key')),
          ]),
        )
        .execute();
      expect(orphans).toEqual([]);
      // Nor a row whose table is gone (rows name their table by its key; SQLite may reuse a deleted table's key).
      expect(
        await db
          .selectFrom('rows')
          .select('id')
          .where((expression) => expression('table_key', 'not in', expression.selectFrom('tables').select('table_key')))
          .execute(),
      ).toEqual([]);
    });

    it('cascades to child tables', async () => {
      const parent = (await server.alice.post('/v1/tables', { name: 'Companies' })).body;
      const childId = await insertChildPeopleTable(server, parent.id);
      expect((await server.alice.get(`/v1/tables/${parent.id}`)).body.child_relationships).toEqual([
        { table_id: childId, relationship_type: 'company_people' },
      ]);
      expect((await server.alice.get(`/v1/tables/${childId}`)).body.parent_relationships).toEqual([
        { table_id: parent.id, relationship_type: 'company_people' },
      ]);
      expect((await server.alice.get('/v1/tables?kind=people')).body.map((table: any) => table.id)).not.toContain(childId);
      await server.alice.delete(`/v1/tables/${parent.id}`);
      expect((await server.alice.get(`/v1/tables/${childId}`)).status).toBe(404);
    });
  });

  it('deleting a company row deletes the child people rows made from it', async () => {
    const parent = (await server.alice.post('/v1/tables', { name: 'Parents' })).body;
    const [kept, doomed] = (
      await server.alice.post(`/v1/tables/${parent.id}/rows`, { rows: [{ data: { input: 'kept.test' } }, { data: { input: 'doomed.test' } }] })
    ).body;
    const childId = await insertChildPeopleTable(server, parent.id, doomed.id);
    expect((await server.alice.get(`/v1/tables/${childId}`)).body.status.num_rows).toBe(1);
    await server.alice.delete(`/v1/tables/${parent.id}/rows`, { rows: [doomed.id] });
    expect((await server.alice.get(`/v1/tables/${childId}`)).body.status.num_rows).toBe(0);
    expect((await server.alice.get(`/v1/tables/${parent.id}/data`)).body.rows.map((row: any) => row.id)).toEqual([kept.id]);
  });

  describe('clone', () => {
    it('copies columns, rows, values and the child hierarchy with new ids', async () => {
      const source = (
        await server.alice.post('/v1/tables', {
          name: 'Source',
          kind: 'company',
          column_configs: [
            { kind: 'input', name: 'Notes', key: 'notes' },
            { kind: 'agent', name: 'Summary', key: 'summary', value: { agent_type: 'llm', prompt: 'Summarise {notes}' } },
          ],
        })
      ).body;
      const rows = (
        await server.alice.post(`/v1/tables/${source.id}/rows`, {
          rows: [{ data: { input: 'a.test', notes: 'first' }, metadata: { m: 1 } }, { data: { input: 'b.test' } }],
        })
      ).body;
      const childId = await insertChildPeopleTable(server, source.id, rows[0].id);

      const clone = await server.alice.post(`/v1/tables/${source.id}/clone`);
      expect(clone.status).toBe(200);
      expect(clone.body.id).not.toBe(source.id);
      expect(clone.body.name).toBe('Source (copy)');
      expect(keys(clone.body)).toEqual(keys(source));
      expect(clone.body.columns.map((column: any) => column.id)).not.toContain(source.columns[0].id);
      const data = (await server.alice.get(`/v1/tables/${clone.body.id}/data`)).body;
      expect(data.rows.map((row: any) => row.data.input.value)).toEqual(['a.test', 'b.test']);
      expect(data.rows[0].data.notes.value).toBe('first');
      expect(data.rows[0].metadata).toEqual({ m: 1 });
      expect(data.rows[0].id).not.toBe(rows[0].id);
      expect(clone.body.child_relationships).toHaveLength(1);
      const childCloneId = clone.body.child_relationships[0].table_id;
      expect(childCloneId).not.toBe(childId);
      const childData = (await server.alice.get(`/v1/tables/${childCloneId}/data`)).body;
      expect(childData.rows).toHaveLength(1);
      expect(childData.rows[0].parent_row_id).toBe(data.rows[0].id);
      expect(childData.rows[0].parent_data.input.value).toBe('a.test');
    });

    it('schema_only copies the structure without rows', async () => {
      const source = (await server.alice.post('/v1/tables', { name: 'Schema', kind: 'people' })).body;
      await server.alice.post(`/v1/tables/${source.id}/rows`, { rows: [{ data: { input: 'Ada Lovelace' } }] });
      const clone = await server.alice.post(`/v1/tables/${source.id}/clone?schema_only=true`);
      expect(clone.status).toBe(200);
      expect(keys(clone.body)).toEqual(['input', 'full_name', 'role', 'profile_url']);
      expect((await server.alice.get(`/v1/tables/${clone.body.id}`)).body.status.num_rows).toBe(0);
    });

    it('422 for a bad schema_only and 404 for a foreign table', async () => {
      const source = (await server.alice.post('/v1/tables', {})).body;
      const bad = await server.alice.post(`/v1/tables/${source.id}/clone?schema_only=perhaps`);
      expect(bad.status).toBe(422);
      expect(bad.body.detail[0].loc).toEqual(['query', 'schema_only']);
      expect((await server.bob.post(`/v1/tables/${source.id}/clone`)).status).toBe(404);
    });
  });
});

/**
 * People finders (a later issue) create child tables; until then the tests make one through
 * the services, the way the finder will.
 */
async function insertChildPeopleTable(server: TestServer, parentTableId: string, parentRowId?: string): Promise<string> {
  const { services } = server.fathom;
  const parent = (await server.alice.get(`/v1/tables/${parentTableId}`)).body;
  const childId = services.newId();
  const now = services.now();
  await services.store.insertTable({
    id: childId,
    workspaceId: (await services.store.findPrincipalByTokenHash(hashToken(server.tokens.alice)))!.workspace.id,
    ownerId: parent.owner.id,
    name: 'People',
    description: null,
    kind: 'people',
    tags: null,
    notify: false,
    settings: { exclude_from_search: false },
    parentTableId,
    relationshipType: 'company_people',
    createdAt: now,
  });
  const columnId = services.newId();
  await services.store.insertColumns(
    childId,
    [{ id: columnId, tableId: childId, key: 'input', position: 0, config: { kind: 'input', name: 'Person', key: 'input' }, createdAt: now }],
    now,
  );
  if (parentRowId) {
    const rowId = services.newId();
    await services.store.insertRows(
      childId,
      [{ id: rowId, parentRowId, companyProfileId: null, metadata: null, createdAt: now }],
      [{ rowId, columnId, status: 'done', value: 'Grace Hopper, CTO', error: null, isInput: true }],
    );
  }
  return childId;
}
