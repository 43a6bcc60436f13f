import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import type { Principal } from '../domain/records.ts';
import { type JsonPathPattern, readJsonBody, readPathParameters, readQuery } from './request-input.ts';

export type AppEnvironment = { Variables: { principal: Principal } };

/**
 * One endpoint: its schemas validate the request and also describe it in /openapi.json, so the
 * documentation cannot drift from what the server accepts.
 */
export interface RouteDefinition<Query extends z.ZodType = z.ZodType, Body extends z.ZodType = z.ZodType> {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** OpenAPI-style path, e.g. /v1/tables/{table_id}. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** No bearer token needed. */
  isPublic?: boolean;
  query?: Query;
  body?: Body;
  /** A missing or empty body means `{}`. */
  isBodyOptional?: boolean;
  /** Parts of the body stored as JSON, which keep U+0000 (refused everywhere else in a body). */
  keepsNulUnder?: readonly JsonPathPattern[];
  response: z.ZodType;
  responseHeaders?: Record<string, string>;
  /** Error statuses this endpoint can answer besides 422 (documented). */
  errors: number[];
}

export interface RouteInput<Query, Body> {
  context: Context<AppEnvironment>;
  principal: Principal;
  params: Record<string, string>;
  query: Query;
  body: Body;
}

export interface RouteCatalog {
  routes: RouteDefinition[];
}

/** Register the handler with Hono and the definition with the catalog used for OpenAPI. */
export function defineRoute<Query extends z.ZodType, Body extends z.ZodType>(
  app: Hono<AppEnvironment>,
  catalog: RouteCatalog,
  definition: RouteDefinition<Query, Body>,
  handler: (input: RouteInput<z.output<Query>, z.output<Body>>) => Promise<Response>,
): void {
  catalog.routes.push(definition as unknown as RouteDefinition);
  const honoPath = definition.path.replace(/\{(\w+)\}/g, ':$1');
  app.on(definition.method.toUpperCase(), honoPath, async (context) => {
    const params = readPathParameters(context);
    const query = definition.query ? readQuery(context, definition.query) : undefined;
    const body = definition.body
      ? await readJsonBody(context, definition.body, { optional: definition.isBodyOptional, keepsNulUnder: definition.keepsNulUnder })
      : undefined;
    return handler({
      context,
      principal: context.get('principal'),
      params,
      query: query as z.output<Query>,
      body: body as z.output<Body>,
    });
  });
}
