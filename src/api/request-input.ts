import type { Context } from 'hono';
import type { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../domain/errors.ts';
import { hasNul } from '../domain/nul-characters.ts';
import { NUL_MESSAGE } from './schemas/plain-text.ts';
import { inspectJsonText, MAX_JSON_DEPTH, type JsonTextProblem } from './json-text-inspection.ts';
import { toValidationIssues } from './zod-issues.ts';

/**
 * Read and validate a JSON body. The body is parsed whatever the Content-Type says (curl's
 * `-d` sends form encoding by default), and malformed JSON is a 422 like any other bad input.
 */
export async function readJsonBody<T extends z.ZodType>(
  context: Context,
  schema: T,
  options: { optional?: boolean; keepsNulUnder?: readonly JsonPathPattern[] } = {},
): Promise<z.output<T>> {
  const text = decodeUtf8(await context.req.arrayBuffer());
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
    const problems = inspectJsonText(text);
    if (problems.length > 0) throw new ValidationError(problems.map(describeProblem));
    refuseNulInBody(value, options.keepsNulUnder ?? []);
  }
  return parseWith(schema, value, ['body']);
}

/** A place in a JSON body: keys from its root, `*` for any array index or object key. */
export type JsonPathPattern = readonly string[];

/**
 * U+0000 in any string or key of a body, except under `keepsNulUnder` (the parts stored as JSON,
 * which keep it escaped): everything else lands in a plain text column or is compared with one,
 * which PostgreSQL refuses with an error. Refused here, for every field of every route unless
 * the route says otherwise, so a new field cannot forget it; on SQLite too, so both databases
 * accept the same input.
 */
function refuseNulInBody(value: unknown, keepsNulUnder: readonly JsonPathPattern[]): void {
  const issues: ValidationIssue[] = [];
  const isKept = (path: (string | number)[]) =>
    keepsNulUnder.some((pattern) => pattern.length <= path.length && pattern.every((key, index) => key === '*' || key === String(path[index])));
  const visit = (node: unknown, path: (string | number)[]): void => {
    if (isKept(path)) return;
    if (typeof node === 'string') {
      if (hasNul(node)) issues.push({ loc: ['body', ...path], msg: NUL_MESSAGE, type: 'value_error' });
    } else if (Array.isArray(node)) {
      for (const [index, child] of node.entries()) visit(child, [...path, index]);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (hasNul(key)) issues.push({ loc: ['body', ...path, key], msg: NUL_MESSAGE, type: 'value_error' });
        visit(child, [...path, key]);
      }
    }
  };
  visit(value, []);
  if (issues.length > 0) throw new ValidationError(issues);
}

// `fatal`: bytes that are not UTF-8 are refused, not replaced by U+FFFD (which would alter the input).
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: ArrayBuffer): string {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    throw ValidationError.single(['body'], 'the request body is not valid UTF-8; send JSON encoded as UTF-8', 'json_invalid');
  }
}

function describeProblem(problem: JsonTextProblem): ValidationIssue {
  const loc = ['body', ...problem.path];
  switch (problem.kind) {
    case 'too_deep':
      return { loc, msg: `JSON nested deeper than ${MAX_JSON_DEPTH} levels; flatten the value`, type: 'json_invalid' };
    case 'unsafe_integer':
      return {
        loc,
        msg: `the integer ${problem.literal} is beyond ±${Number.MAX_SAFE_INTEGER} and cannot be kept exactly; send it as a string`,
        type: 'value_error',
      };
  }
}

/** Validate query parameters; repeated keys (`tags=a&tags=b`) arrive as arrays. */
export function readQuery<T extends z.ZodType>(context: Context, schema: T): z.output<T> {
  const all = context.req.queries();
  const value: Record<string, string | string[]> = {};
  for (const [key, values] of Object.entries(all)) {
    refuseNul(values, ['query', key]);
    value[key] = values.length === 1 ? values[0]! : values;
  }
  return parseWith(schema, value, ['query']);
}

/** Path parameters (ids), with NUL refused as in plain-text body fields: PostgreSQL cannot compare text holding it. */
export function readPathParameters(context: Context): Record<string, string> {
  const params = context.req.param() as Record<string, string>;
  for (const [name, value] of Object.entries(params)) refuseNul([value], ['path', name]);
  return params;
}

function refuseNul(values: string[], loc: (string | number)[]): void {
  if (values.some(hasNul)) throw ValidationError.single(loc, NUL_MESSAGE, 'value_error');
}

export function parseWith<T extends z.ZodType>(schema: T, value: unknown, prefix: (string | number)[]): z.output<T> {
  const result = schema.safeParse(value, { reportInput: true });
  if (!result.success) throw new ValidationError(toValidationIssues(result.error.issues, prefix));
  return result.data;
}
