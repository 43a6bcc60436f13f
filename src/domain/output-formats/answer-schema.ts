/**
 * The JSON Schema of the reply a research model must produce: `{ answer, explanation, sources }`,
 * with `answer` shaped by the column's output format. It is meant for structured-output APIs
 * (OpenAI `response_format: json_schema`, tool parameters), so it uses only the keywords every
 * provider accepts: type, enum, properties, required, items, anyOf and additionalProperties.
 * Optional fields are therefore required-but-nullable, as OpenAI's strict mode demands.
 */
import { assertFormatOptions } from './format-options.ts';
import { canonicalFormat, type CanonicalOutputFormat, type OutputFormat } from './format-names.ts';
import { MONEY_PERIODS } from './money-period.ts';
import { NOT_FOUND, type ParseOptions } from './parse-result.ts';

/** A JSON Schema document as a plain object. */
export type JsonSchema = Record<string, unknown>;

const NOT_FOUND_SCHEMA: JsonSchema = { type: 'string', enum: [NOT_FOUND] };
const NULLABLE_STRING: JsonSchema = { anyOf: [{ type: 'string' }, { type: 'null' }] };

/**
 * Builds the reply schema for a column. Throws an `AppError` (`invalid_output_format_options`)
 * when a select or multiselect column has no labels or a json column has no schema.
 *
 * For json, a user schema's `$defs`/`definitions` are lifted to the reply's root so that
 * `#/$defs/...` references keep resolving once the schema is nested under `answer`.
 * For money, `as_of` is not requested (the parser accepts it) to keep strict replies small.
 */
export function structuredOutputSchema(format: OutputFormat, options: ParseOptions = {}): JsonSchema {
  assertFormatOptions(format, options);
  const reply: JsonSchema = {
    type: 'object',
    properties: {
      answer: answerSchema(canonicalFormat(format), options),
      explanation: { type: 'string' },
      sources: { type: 'array', items: { type: 'string' } },
    },
    required: ['answer', 'explanation', 'sources'],
    additionalProperties: false,
  };
  if (canonicalFormat(format) === 'json') Object.assign(reply, liftedDefinitions(options.outputSchema ?? {}));
  return reply;
}

/** The schema of the `answer` field alone. Every shape also admits the literal "Not found". */
function answerSchema(format: CanonicalOutputFormat, options: ParseOptions): JsonSchema {
  const labels = [...(options.labels ?? [])];
  switch (format) {
    // "Not found" is itself a string, so string formats need no alternative.
    case 'text':
    case 'url':
    case 'email':
    case 'phone':
    case 'date':
      return { type: 'string' };
    case 'select':
      return { type: 'string', enum: labels.includes(NOT_FOUND) ? labels : [...labels, NOT_FOUND] };
    case 'multiselect':
      return orNotFound({ type: 'array', items: { type: 'string', enum: labels } });
    case 'numeric':
      return orNotFound({ type: 'number' });
    case 'grade':
      // An enum of integers instead of minimum/maximum, which not every provider supports.
      return orNotFound({ type: 'integer', enum: [1, 2, 3, 4, 5] });
    case 'money':
      return orNotFound(
        objectSchema({
          amount: { type: 'number' },
          currency: { type: 'string' },
          period: { anyOf: [{ type: 'string', enum: [...MONEY_PERIODS] }, { type: 'null' }] },
        }),
      );
    case 'people':
      return orNotFound({
        type: 'array',
        items: objectSchema({ full_name: { type: 'string' }, role: NULLABLE_STRING, profile_url: NULLABLE_STRING }),
      });
    case 'json':
      return orNotFound(embeddableSchema(options.outputSchema ?? {}));
  }
}

function orNotFound(schema: JsonSchema): JsonSchema {
  return { anyOf: [schema, NOT_FOUND_SCHEMA] };
}

/** An object whose every property is required and no other is allowed (OpenAI strict mode). */
function objectSchema(properties: Record<string, JsonSchema>): JsonSchema {
  return { type: 'object', properties, required: Object.keys(properties), additionalProperties: false };
}

/** The user's schema without the keys only valid at a document root, which move to the reply's root. */
function embeddableSchema(outputSchema: object): JsonSchema {
  const { $schema: _declaredDraft, ...schema } = outputSchema as JsonSchema;
  if (hasOwnIdentifier(schema)) return schema;
  const { $defs: _definitions, definitions: _legacyDefinitions, ...rest } = schema;
  return rest;
}

function liftedDefinitions(outputSchema: object): JsonSchema {
  const schema = outputSchema as JsonSchema;
  // With its own $id the schema is a separate resource, and its references resolve inside it.
  if (hasOwnIdentifier(schema)) return {};
  const lifted: JsonSchema = {};
  if (schema.$defs !== undefined) lifted.$defs = schema.$defs;
  if (schema.definitions !== undefined) lifted.definitions = schema.definitions;
  return lifted;
}

function hasOwnIdentifier(schema: JsonSchema): boolean {
  return typeof schema.$id === 'string';
}
