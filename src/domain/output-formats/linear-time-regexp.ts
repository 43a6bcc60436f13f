/**
 * Regular expressions from users' JSON Schemas (`pattern`, `patternProperties`), run by RE2
 * (the pure-JavaScript port re2js): matching takes time linear in the input, so a pattern like
 * `^(a+)+$` cannot freeze the server on a 32-character answer the way a backtracking engine
 * does. RE2 refuses what it cannot match in linear time (lookaround, backreferences); such a
 * pattern is refused when the column is created, with the place it sits in the schema.
 */
import type { RegExpEngine } from 'ajv/dist/types/index.js';
import { RE2JS } from 're2js';

/** A compiled pattern that answers whether it matches anywhere in a text, as JSON Schema asks. */
class LinearTimePattern {
  readonly #compiled: RE2JS;
  readonly #source: string;

  constructor(source: string) {
    this.#source = source;
    this.#compiled = RE2JS.compile(RE2JS.translateRegExp(source));
  }

  test(text: string): boolean {
    return this.#compiled.test(text);
  }

  /** ajv caches compiled patterns by this string, so it must differ between patterns. */
  toString(): string {
    return `/${this.#source}/re2`;
  }
}

/**
 * The `code.regExp` option for ajv. Unicode is always on in RE2, so ajv's `u` flag changes
 * nothing; `code` is only read by ajv's standalone code generation, which Fathom does not use.
 */
export const linearTimeRegExpEngine: RegExpEngine = Object.assign((pattern: string) => new LinearTimePattern(pattern), {
  code: 'linearTimeRegExpEngine',
});

/** Why RE2 cannot run `pattern`, as a sentence a user can act on; undefined when it can. */
export function findPatternProblem(pattern: string): string | undefined {
  try {
    new LinearTimePattern(pattern);
    return undefined;
  } catch (error) {
    const detail = (error instanceof Error ? error.message : String(error)).replace(/^error parsing regexp: /, '');
    return (
      `the pattern ${JSON.stringify(pattern)} cannot be matched in linear time (${detail}); ` +
      'lookahead, lookbehind and backreferences are not supported, so rewrite it without them'
    );
  }
}

export interface SchemaPatternProblem {
  /** Where the pattern sits inside the schema (the key of a patternProperties entry, or `pattern`). */
  path: (string | number)[];
  reason: string;
}

// Values under these keywords are data, not subschemas: a `pattern` key inside them is not a regex.
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples', 'example']);

/** The first `pattern` or `patternProperties` key in `schema` that RE2 cannot run. */
export function findSchemaPatternProblem(schema: unknown, path: (string | number)[] = []): SchemaPatternProblem | undefined {
  if (Array.isArray(schema)) {
    for (const [index, item] of schema.entries()) {
      const found = findSchemaPatternProblem(item, [...path, index]);
      if (found) return found;
    }
    return undefined;
  }
  if (schema === null || typeof schema !== 'object') return undefined;
  for (const [key, value] of Object.entries(schema)) {
    if (DATA_KEYWORDS.has(key)) continue;
    if (key === 'pattern' && typeof value === 'string') {
      const reason = findPatternProblem(value);
      if (reason) return { path: [...path, key], reason };
    }
    if (key === 'patternProperties' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const propertyPattern of Object.keys(value)) {
        const reason = findPatternProblem(propertyPattern);
        if (reason) return { path: [...path, key, propertyPattern], reason };
      }
    }
    const found = findSchemaPatternProblem(value, [...path, key]);
    if (found) return found;
  }
  return undefined;
}
