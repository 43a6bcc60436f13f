/**
 * Compiling a column's `output_schema` with ajv, once per schema object. A column parses
 * thousands of answers with the same schema, and compiling costs far more than validating.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsPluginModule from 'ajv-formats';
import { linearTimeRegExpEngine } from './linear-time-regexp.ts';

/** A compiled schema, or the sentence explaining why the schema itself could not be compiled. */
export type CompiledSchema = { ok: true; validate: ValidateFunction } | { ok: false; reason: string };

// ajv-formats is CommonJS; under NodeNext its default export arrives as the module object.
const addFormats = formatsPluginModule.default;

// Weakly keyed so a schema dropped with its column does not stay in memory.
const compiledSchemas = new WeakMap<object, CompiledSchema>();

let draft2020: Ajv2020 | undefined;
let draft07: Ajv | undefined;

/**
 * Returns the validator for `schema`, compiling it on first use. Schemas declaring draft-07 via
 * `$schema` are compiled as draft-07; everything else as draft 2020-12.
 */
export function compileOutputSchema(schema: object): CompiledSchema {
  const cached = compiledSchemas.get(schema);
  if (cached !== undefined) return cached;
  let compiled: CompiledSchema;
  try {
    compiled = { ok: true, validate: validatorFactoryFor(schema).compile(schema) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    compiled = { ok: false, reason: `The column's output_schema is not a valid JSON Schema (${message}); fix the schema` };
  }
  compiledSchemas.set(schema, compiled);
  return compiled;
}

/** Describes the first few validation errors with their instance paths: "/employees must be integer". */
export function describeSchemaErrors(errors: readonly ErrorObject[], limit = 3): string {
  const described = errors.slice(0, limit).map((error) => {
    const path = error.instancePath === '' ? '(root)' : error.instancePath;
    return `${path} ${error.message ?? 'is invalid'}${describeErrorDetail(error)}`;
  });
  const more = errors.length > limit ? ` (and ${errors.length - limit} more)` : '';
  return `${described.join('; ')}${more}`;
}

function describeErrorDetail(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') return ` '${String(params.additionalProperty)}'`;
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    return `: ${params.allowedValues.map((value) => JSON.stringify(value)).join(', ')}`;
  }
  return '';
}

function validatorFactoryFor(schema: object): Ajv | Ajv2020 {
  const declared = (schema as { $schema?: unknown }).$schema;
  // Users paste schemas from many tools; strict mode would reject harmless keywords like "example".
  // Patterns come from users and run on model answers: RE2 keeps matching linear (no ReDoS).
  const options = { allErrors: true, strict: false, code: { regExp: linearTimeRegExpEngine } } as const;
  // Drafts 04 and 06 are not bundled with ajv 8; such schemas fail to compile with a reason naming the draft.
  if (typeof declared === 'string' && declared.includes('json-schema.org/draft-07/')) {
    if (draft07 === undefined) {
      draft07 = new Ajv(options);
      addFormats(draft07);
    }
    return draft07;
  }
  if (draft2020 === undefined) {
    draft2020 = new Ajv2020(options);
    addFormats(draft2020);
  }
  return draft2020;
}
