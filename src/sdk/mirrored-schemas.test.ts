import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiSchemas } from '../api/schemas/registry.ts';
import { startTestServer, type TestServer } from '../../test/support/test-server.ts';
import {
  BillingOutputSchema, HealthcheckOutputSchema, ListRunsQuerySchema, RunOutputSchema, RunTableInputSchema, TableDataOutputSchema, UserOutputSchema,
} from './mirrored-schemas.ts';

/** JSON Schema the way the server's OpenAPI document writes it, without descriptions (mirrors carry none). */
function asComponent(schema: z.ZodType): unknown {
  const generated = z.toJSONSchema(schema, { metadata: apiSchemas, io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema: _schema, $defs: _definitions, ...rest } = generated;
  return withoutDescriptions(JSON.parse(JSON.stringify(rest).replaceAll('"#/$defs/', '"#/components/schemas/')));
}

function withoutDescriptions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDescriptions);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'description').map(([key, item]) => [key, withoutDescriptions(item)]));
}

describe('schemas the SDK mirrors match the server OpenAPI document', () => {
  let server: TestServer;
  let components: Record<string, unknown>;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
    components = (await server.anonymous.get('/openapi.json')).body.components.schemas;
  });
  afterAll(() => server.close());

  it.each([
    ['HealthcheckOutput', HealthcheckOutputSchema],
    ['UserOutput', UserOutputSchema],
    ['RunTableInput', RunTableInputSchema],
    ['RunOutput', RunOutputSchema],
    ['TableDataOutput', TableDataOutputSchema],
  ] as const)('%s', (name, schema) => {
    expect(asComponent(schema)).toEqual(withoutDescriptions(components[name]));
  });

  it('BillingOutput (the server refers to its user as the UserOutput component)', () => {
    const { properties, ...rest } = asComponent(BillingOutputSchema) as { properties: Record<string, unknown> };
    const { properties: serverProperties, ...serverRest } = withoutDescriptions(components.BillingOutput) as { properties: Record<string, unknown> };
    expect(rest).toEqual(serverRest);
    expect(properties.subscription).toEqual(serverProperties.subscription);
    expect(serverProperties.user).toEqual({ $ref: '#/components/schemas/UserOutput' });
    expect(properties.user).toEqual(withoutDescriptions(components.UserOutput));
  });

  it('the list-runs query has the parameters and defaults the route documents', async () => {
    const operation = (await server.anonymous.get('/openapi.json')).body.paths['/v1/tables/{table_id}/runs'].get;
    const documented = operation.parameters
      .filter((parameter: { in: string }) => parameter.in === 'query')
      .map((parameter: { name: string; schema: { default: unknown } }) => [parameter.name, parameter.schema.default]);
    expect(Object.fromEntries(documented)).toEqual(ListRunsQuerySchema.parse({}));
  });
});
