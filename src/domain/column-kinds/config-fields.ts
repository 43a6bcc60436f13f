import { z } from 'zod';

/**
 * Fields every column config has (contract §3.1). Zod checks shape only; unknown fields are
 * dropped, as the upstream pydantic models do, so scripts written for the hosted API that send
 * extra fields keep working.
 */

/** snake_case-ish identifiers: they appear inside `{key}` prompt references. */
export const keySchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'key must start with a letter or underscore and contain only letters, digits and underscores');

const nameSchema = z.string().trim().min(1).max(200);

/** `name` and `key`, spread into every kind's schema. */
export const commonFields = { name: nameSchema, key: keySchema };

/** The config of a kind whose `value` carries nothing the server reads (built-ins, discovery scores). */
export function freeformConfigSchema<const Kind extends string>(kind: Kind) {
  return z.object({ kind: z.literal(kind), ...commonFields, value: z.record(z.string(), z.unknown()).nullish() });
}
