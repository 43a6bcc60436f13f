import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { withoutNulDeep } from '../../domain/nul-characters.ts';
import { linearTimeRegExpEngine } from '../../domain/output-formats/linear-time-regexp.ts';
import { LlmError } from '../spec/llm.ts';

// ajv-formats is CommonJS; under NodeNext its function is the `default` property.
const addFormats = addFormatsModule.default;

/** The outcome of checking a value against a reply schema. */
export type SchemaCheck = { success: true; value: unknown } | { success: false; message: string };

// `strict: false` because reply schemas come from users and from OpenAI-style generators that
// use keywords ajv does not know. The top-level `$schema` is dropped so draft-07 schemas compile
// too, and `$id` so two different schemas with the same id do not collide in ajv's registry.
// Reply schemas carry users' `pattern`s; RE2 matches them in linear time (no ReDoS).
const ajv = new Ajv2020({ strict: false, allErrors: true, code: { regExp: linearTimeRegExpEngine } });
addFormats(ajv);

// Compiling is the expensive part; agents send the same few schemas over and over.
const MAX_COMPILED_SCHEMAS = 200;
const compiledBySchemaText = new Map<string, { validate: ValidateFunction; compiledSchema: object }>();

/**
 * Checks a model's `reply` against a request's `jsonSchema`; the value it answers has U+0000
 * dropped from its strings. Throws `LlmError('bad_request')` when the schema itself cannot be compiled.
 */
export function checkAgainstSchema(schema: object, reply: unknown): SchemaCheck {
  const validate = compile(schema);
  // A model's JSON can hold U+0000 (`\u0000`); no answer means it, and names it would reach are stored as text.
  const value = withoutNulDeep(reply);
  if (validate(value)) return { success: true, value };
  return { success: false, message: ajv.errorsText(validate.errors, { dataVar: 'reply' }) };
}

/** Throws `LlmError('bad_request')` when `schema` cannot be compiled; checked before any model call. */
export function assertUsableSchema(schema: object): void {
  compile(schema);
}

function compile(schema: object): ValidateFunction {
  const schemaText = JSON.stringify(schema);
  const cached = compiledBySchemaText.get(schemaText);
  if (cached !== undefined) return cached.validate;
  const { $schema: _dialect, $id: _id, ...compiledSchema } = schema as Record<string, unknown>;
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(compiledSchema);
  } catch (error) {
    throw new LlmError('bad_request', `the request's jsonSchema is not a usable JSON Schema: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const oldest = compiledBySchemaText.entries().next();
  if (compiledBySchemaText.size >= MAX_COMPILED_SCHEMAS && oldest.done !== true) {
    const [oldestText, { compiledSchema: oldestSchema }] = oldest.value;
    compiledBySchemaText.delete(oldestText);
    // ajv keeps its own cache keyed by the schema object; drop that entry too or memory only grows.
    ajv.removeSchema(oldestSchema);
  }
  compiledBySchemaText.set(schemaText, { validate, compiledSchema });
  return validate;
}
