/**
 * The `json` format: any JSON value that satisfies the column's `output_schema`.
 */
import { compileOutputSchema, describeSchemaErrors } from './json-schema-validators.ts';
import { accepted, rejected, type JsonValue, type ParseOptions, type ParseResult } from './parse-result.ts';

// Models often wrap JSON in a Markdown code fence even when asked not to.
const CODE_FENCE_PATTERN = /^```(?:json)?\s*\n?([\s\S]*?)\n?```$/i;

/**
 * Parses a json answer. Text holding JSON is parsed first; if the parsed value fails the schema
 * but the text itself passes (a schema of `{"type": "string"}` given "123"), the text is kept.
 * The reason lists the first ajv errors with their instance paths.
 */
export function parseJsonAnswer(raw: unknown, options: ParseOptions): ParseResult {
  if (options.outputSchema === undefined) return rejected('The json column has no output_schema; add a JSON Schema describing the answer');
  const compiled = compileOutputSchema(options.outputSchema);
  if (!compiled.ok) return rejected(compiled.reason);
  const { validate } = compiled;
  if (typeof raw !== 'string') {
    if (validate(raw)) return accepted(raw as JsonValue);
    return rejected(`The answer does not match the output schema: ${describeSchemaErrors(validate.errors ?? [])}`);
  }
  const text = raw.trim();
  const parsed = parseJsonText(text.replace(CODE_FENCE_PATTERN, '$1'));
  if (parsed.ok) {
    if (validate(parsed.value)) return accepted(parsed.value);
    const parsedErrors = validate.errors ?? [];
    if (validate(text)) return accepted(text);
    return rejected(`The answer does not match the output schema: ${describeSchemaErrors(parsedErrors)}`);
  }
  if (validate(text)) return accepted(text);
  return rejected(`The answer is not valid JSON (${parsed.message}); reply with a JSON value that matches the output schema`);
}

function parseJsonText(text: string): { ok: true; value: JsonValue } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) as JsonValue };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
