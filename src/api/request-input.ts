import type { Context } from 'hono';
import type { z } from 'zod';
import { ValidationError } from '../domain/errors.ts';
import { toValidationIssues } from './zod-issues.ts';

/**
 * Read and validate a JSON body. The body is parsed whatever the Content-Type says (curl's
 * `-d` sends form encoding by default), and malformed JSON is a 422 like any other bad input.
 */
export async function readJsonBody<T extends z.ZodType>(context: Context, schema: T, options: { optional?: boolean } = {}): Promise<z.output<T>> {
  const text = await context.req.text();
  let value: unknown;
  if (text.trim() === '') {
    if (!options.optional) throw ValidationError.single(['body'], 'Field required', 'missing');
    value = {};
  } else {
    try {
      value = JSON.parse(text);
    } catch (error) {
      const position = /position (\d+)/.exec((error as Error).message)?.[1];
      throw new ValidationError([
        {
          loc: position === undefined ? ['body'] : ['body', Number(position)],
          msg: `JSON decode error: ${(error as Error).message}`,
          type: 'json_invalid',
        },
      ]);
    }
  }
  return parseWith(schema, value, ['body']);
}

/** Validate query parameters; repeated keys (`tags=a&tags=b`) arrive as arrays. */
export function readQuery<T extends z.ZodType>(context: Context, schema: T): z.output<T> {
  const all = context.req.queries();
  const value: Record<string, string | string[]> = {};
  for (const [key, values] of Object.entries(all)) value[key] = values.length === 1 ? values[0]! : values;
  return parseWith(schema, value, ['query']);
}

export function parseWith<T extends z.ZodType>(schema: T, value: unknown, prefix: (string | number)[]): z.output<T> {
  const result = schema.safeParse(value, { reportInput: true });
  if (!result.success) throw new ValidationError(toValidationIssues(result.error.issues, prefix));
  return result.data;
}
