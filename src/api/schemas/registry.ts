import { z } from 'zod';

/** Schemas that appear by name under `components.schemas` in /openapi.json. */
export const apiSchemas = z.registry<{ id: string; description?: string }>();

/** Register a schema under a component name and return it unchanged. */
export function named<T extends z.ZodType>(id: string, schema: T, description?: string): T {
  apiSchemas.add(schema, { id, description });
  return schema;
}
