import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.ts';

describe('OpenAPI document and reference page', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(() => server.close());

  it('serves OpenAPI 3.1 with every endpoint, resolvable $refs and the seed schemas', async () => {
    const response = await server.anonymous.get('/openapi.json');
    expect(response.status).toBe(200);
    const document = response.body;
    expect(document.openapi).toBe('3.1.0');
    const operations = Object.entries(document.paths).flatMap(([path, methods]: [string, any]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    for (const expected of [
      'GET /v1/healthcheck',
      'GET /v1/user',
      'GET /v1/billing',
      'GET /v1/tables',
      'POST /v1/tables',
      'GET /v1/tables/{table_id}',
      'PATCH /v1/tables/{table_id}',
      'DELETE /v1/tables/{table_id}',
      'POST /v1/tables/{table_id}/clone',
      'POST /v1/tables/{table_id}/run',
      'GET /v1/tables/{table_id}/data',
      'POST /v1/tables/{table_id}/rows',
      'PATCH /v1/tables/{table_id}/rows',
      'DELETE /v1/tables/{table_id}/rows',
      'GET /v1/tables/{table_id}/rows/{row_id}',
      'POST /v1/tables/{table_id}/columns',
      'PATCH /v1/tables/{table_id}/columns/{column_id}',
      'DELETE /v1/tables/{table_id}/columns/{column_id}',
    ]) {
      expect(operations).toContain(expected);
    }
    const seed = document.paths['/v1/tables/{table_id}/rows'].post;
    expect(seed.operationId).toBe('create_table_rows_v1_tables__table_id__rows_post');
    expect(seed.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/CreateTableRowsInput' });
    expect(seed.responses['422'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/HTTPValidationError' });
    const schemas = document.components.schemas;
    expect(schemas.CreateTableRowsInput.required).toEqual(['rows']);
    expect(schemas.RowDataSchema.required).toEqual(['data']);
    expect(schemas.TableCellStatus.enum).toEqual(['created', 'requested', 'in_progress', 'done', 'failed']);
    expect(schemas.TableCellDataSchema.required).toEqual(['value', 'status']);
    expect(Object.keys(schemas['RowDataOutputSchema-Output'].properties)).toEqual(
      expect.arrayContaining(['id', 'created_at', 'parent_row_id', 'company_profile_id', 'data', 'metadata', 'parent_data']),
    );
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((match) => match[1]);
    for (const ref of refs) expect(schemas, ref).toHaveProperty([ref!]);
    // Every component compiles as JSON Schema 2020-12, with the others reachable as $defs.
    const ajv = new Ajv2020({ strict: false });
    const definitions = JSON.parse(JSON.stringify(schemas).replaceAll('#/components/schemas/', '#/$defs/'));
    for (const name of Object.keys(schemas)) {
      expect(() => ajv.compile({ $defs: definitions, $ref: `#/$defs/${name}` }), name).not.toThrow();
    }
  });

  it('validates requests with the same schemas it documents', async () => {
    const document = (await server.anonymous.get('/openapi.json')).body;
    const enumValues = document.components.schemas.RunTableInput.properties.mode.enum;
    // `stale` is Fathom's extension (only answers that are out of date).
    expect(enumValues).toEqual(['new', 'all', 'failed', 'stuck_failed_new', 'stale']);
    const table = (await server.alice.post('/v1/tables', { kind: 'generic' })).body;
    const rejected = await server.alice.post(`/v1/tables/${table.id}/run`, { mode: 'sometimes' });
    expect(rejected.status).toBe(422);
    expect(rejected.body.detail[0].msg).toContain(
      enumValues
        .map((value: string) => `'${value}'`)
        .slice(0, -1)
        .join(', '),
    );
  });

  it('serves a readable reference at /docs naming every path, without external assets', async () => {
    const response = await server.anonymous.get('/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.text).toContain('/v1/tables/{table_id}/rows');
    expect(response.text).toContain('CreateTableRowsInput');
    expect(response.text).not.toMatch(/<script|https?:\/\/(?!json-schema)/);
  });

  it('answers the healthcheck without a token, and user and billing with one', async () => {
    expect((await server.anonymous.get('/v1/healthcheck')).body).toEqual({ status: 'ok' });
    expect((await server.anonymous.get('/v1/user')).status).toBe(401);
    const user = await server.alice.get('/v1/user');
    expect(user.body).toMatchObject({ email: 'alice@acme.test', organization_slug: 'acme', organization_is_active: true });
    expect(user.body.available_credits).toBeGreaterThan(0);
    const billing = await server.alice.get('/v1/billing');
    expect(billing.body.subscription.requires_subscription).toBe(false);
    expect(billing.body.user.organization_id).toBe(user.body.organization_id);
    expect((await server.bob.get('/v1/user')).body.organization_id).not.toBe(user.body.organization_id);
  });

  it('answers unknown routes with 404 in the contract shape', async () => {
    const response = await server.alice.get('/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body.detail).toBe('Not Found');
  });
});
