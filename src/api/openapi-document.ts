import { z } from 'zod';
import type { RouteCatalog, RouteDefinition } from './route-definition.ts';
import { apiSchemas } from './schemas/registry.ts';
import './schemas/shared-schemas.ts';

type JsonSchema = Record<string, unknown>;

const COMPONENT_PREFIX = '#/components/schemas/';
const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Bad request',
  401: 'Missing, invalid or revoked bearer token',
  404: 'Unknown id, or an id of another workspace',
  413: 'Request body over FATHOM_MAX_BODY_BYTES, or more cells than MAX_CELLS_PER_REQUEST (250,000: rows in the request × columns of the table)',
  503: 'Service unavailable',
};

/**
 * OpenAPI 3.1 from the same zod schemas that validate requests. OpenAPI 3.1 uses JSON Schema
 * 2020-12, which is what zod 4 emits, so schemas need no translation, only $ref rewiring.
 */
export function buildOpenApiDocument(catalog: RouteCatalog, version: string): JsonSchema {
  const { schemas } = z.toJSONSchema(apiSchemas, { uri: (id) => `${COMPONENT_PREFIX}${id}`, io: 'input', unrepresentable: 'any' });
  const components: Record<string, JsonSchema> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    const { $schema: _schema, $id: _id, ...rest } = schema as JsonSchema;
    components[id] = rest;
  }
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of catalog.routes) {
    paths[route.path] ??= {};
    paths[route.path]![route.method] = describeOperation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Fathom',
      version,
      description: 'Self-hosted AI research tables. Wire-compatible with the Extruct AI v1 REST API; extensions are marked.',
    },
    servers: [{ url: '/' }],
    paths,
    components: { schemas: components, securitySchemes: { HTTPBearer: { type: 'http', scheme: 'bearer' } } },
  };
}

function describeOperation(route: RouteDefinition): JsonSchema {
  const parameters: JsonSchema[] = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string', title: titleCase(name!) },
  }));
  if (route.query instanceof z.ZodObject) {
    for (const [name, field] of Object.entries(route.query.shape as Record<string, z.ZodType>)) {
      const schema = inlineSchema(field);
      parameters.push({ name, in: 'query', required: !field.safeParse(undefined).success, schema, description: field.description });
    }
  }
  const responses: Record<string, unknown> = {
    200: {
      description: 'Successful Response',
      content: { 'application/json': { schema: inlineSchema(route.response) } },
      ...(route.responseHeaders
        ? {
            headers: Object.fromEntries(
              Object.entries(route.responseHeaders).map(([name, description]) => [name, { description, schema: { type: 'string' } }]),
            ),
          }
        : {}),
    },
    422: { description: 'Validation Error', content: { 'application/json': { schema: { $ref: `${COMPONENT_PREFIX}HTTPValidationError` } } } },
  };
  for (const status of route.errors) {
    responses[status] = {
      description: ERROR_DESCRIPTIONS[status] ?? 'Error',
      content: { 'application/json': { schema: { $ref: `${COMPONENT_PREFIX}ErrorDetail` } } },
    };
  }
  return {
    tags: [route.tag],
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    operationId: route.operationId,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body ? { requestBody: { required: !route.isBodyOptional, content: { 'application/json': { schema: inlineSchema(route.body) } } } } : {}),
    responses,
    ...(route.isPublic ? { security: [] } : { security: [{ HTTPBearer: [] }] }),
  };
}

/** A schema for use inside an operation: registered schemas become $refs to components. */
function inlineSchema(schema: z.ZodType): JsonSchema {
  const id = apiSchemas.get(schema)?.id;
  if (id) return { $ref: `${COMPONENT_PREFIX}${id}` };
  const generated = z.toJSONSchema(schema, { metadata: apiSchemas, io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const { $schema: _schema, $defs: _definitions, ...rest } = generated;
  return JSON.parse(JSON.stringify(rest).replaceAll('"#/$defs/', `"${COMPONENT_PREFIX}`)) as JsonSchema;
}

function titleCase(name: string): string {
  return name
    .split('_')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join(' ');
}
