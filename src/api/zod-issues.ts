import type { z } from 'zod';
import type { ValidationIssue } from '../domain/errors.ts';

type Location = (string | number)[];

const TYPE_NAMES: Record<string, [type: string, msg: string]> = {
  string: ['string_type', 'Input should be a valid string'],
  number: ['float_type', 'Input should be a valid number'],
  int: ['int_type', 'Input should be a valid integer'],
  boolean: ['bool_type', 'Input should be a valid boolean'],
  array: ['list_type', 'Input should be a valid list'],
  object: ['dict_type', 'Input should be a valid dictionary'],
  record: ['dict_type', 'Input should be a valid dictionary'],
  null: ['none_required', 'Input should be None'],
};

/**
 * Zod issues → FastAPI/pydantic-style `{loc, msg, type}`, so clients written against the
 * hosted API read our 422s the way they read its. Messages we wrote into a schema (regex,
 * refinements) are kept; zod's generic wording is replaced by pydantic's.
 */
export function toValidationIssues(issues: readonly z.core.$ZodIssue[], prefix: Location): ValidationIssue[] {
  return issues.map((issue) => {
    const { msg, type } = describe(issue);
    return { loc: [...prefix, ...(issue.path as (string | number)[])], msg, type };
  });
}

function describe(issue: z.core.$ZodIssue): { msg: string; type: string } {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type': {
      if (input === undefined) return { type: 'missing', msg: 'Field required' };
      if (issue.expected === 'number' && (input === null || Number.isNaN(input) || typeof input === 'string')) {
        return { type: 'int_parsing', msg: 'Input should be a valid integer, unable to parse string as an integer' };
      }
      const [type, msg] = TYPE_NAMES[issue.expected] ?? [`${issue.expected}_type`, `Input should be a valid ${issue.expected}`];
      return { type, msg };
    }
    case 'invalid_value':
      return { type: 'enum', msg: `Input should be ${quoteList(issue.values.map(String))}` };
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if (options) return { type: 'union_tag_invalid', msg: `Input tag does not match any of the expected tags: ${quoteList(options.map(String))}` };
      return { type: 'value_error', msg: 'Input does not match any of the allowed shapes' };
    }
    case 'too_small':
      if (issue.origin === 'string')
        return { type: 'string_too_short', msg: `String should have at least ${issue.minimum} character${issue.minimum === 1 ? '' : 's'}` };
      if (issue.origin === 'array') return { type: 'too_short', msg: `List should have at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}` };
      return { type: 'greater_than_equal', msg: `Input should be greater than or equal to ${issue.minimum}` };
    case 'too_big':
      if (issue.origin === 'string') return { type: 'string_too_long', msg: `String should have at most ${issue.maximum} characters` };
      if (issue.origin === 'array') return { type: 'too_long', msg: `List should have at most ${issue.maximum} items` };
      return { type: 'less_than_equal', msg: `Input should be less than or equal to ${issue.maximum}` };
    case 'invalid_format':
      if (issue.format === 'uuid') return { type: 'uuid_parsing', msg: 'Input should be a valid UUID' };
      return { type: 'string_pattern_mismatch', msg: issue.message };
    case 'unrecognized_keys':
      return { type: 'extra_forbidden', msg: `Extra inputs are not permitted: ${issue.keys.join(', ')}` };
    default:
      return { type: 'value_error', msg: issue.message };
  }
}

function quoteList(values: string[]): string {
  const quoted = values.map((value) => `'${value}'`);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}
