import { APICallError, NoObjectGeneratedError, NoOutputGeneratedError, Output, generateText, jsonSchema } from 'ai';
import { LlmError } from '../spec/llm.ts';
import type { LlmRequest, LlmUsage } from '../spec/llm.ts';
import { aiSdkCallSettings, toLlmUsage } from './ai-sdk-call-settings.ts';
import type { LanguageModelInstance } from './ai-sdk-call-settings.ts';
import { extractJsonFromText } from './extract-json-from-text.ts';
import { assertUsableSchema, checkAgainstSchema } from './json-schema-validator.ts';

/** A structured reply before provider ids are attached. */
export interface StructuredOutput {
  text: string;
  object: unknown;
  usage: LlmUsage;
}

/**
 * Asks for an object matching `request.jsonSchema`, in up to two steps:
 *
 * 1. **Native structured output**: `generateText` with `Output.object`, which sends the schema
 *    as `response_format: {type: "json_schema"}` (OpenAI, OpenAI-compatible) or the provider's
 *    equivalent (Anthropic). The reply is validated with ajv against the schema.
 *    If the server ignored the schema and the model wrapped its JSON in prose, code fences or
 *    `<think>` blocks, the JSON is extracted from the text and validated the same way.
 * 2. **Schema in the prompt**: if the server rejects `response_format` with HTTP 400/422
 *    (older llama.cpp builds, some OpenRouter models, or OpenAI rejecting a schema that is not
 *    strict-mode compatible), the call is repeated once without it, with the schema appended to
 *    the system message, and the JSON is extracted from the text.
 *
 * Anything still not valid fails with `LlmError('invalid_response')` naming what was wrong.
 */
export async function generateStructuredOutput(
  model: LanguageModelInstance,
  request: LlmRequest & { jsonSchema: object },
  signal: AbortSignal | undefined,
  callName: string,
): Promise<StructuredOutput> {
  const schema = request.jsonSchema;
  const validationSchema = request.validationSchema ?? schema;
  assertUsableSchema(schema);
  assertUsableSchema(validationSchema);
  const output = Output.object({
    schema: jsonSchema(schema as Parameters<typeof jsonSchema>[0], {
      validate: (value) => {
        const check = checkAgainstSchema(validationSchema, value);
        return check.success ? { success: true, value: check.value } : { success: false, error: new Error(check.message) };
      },
    }),
    name: request.schemaName ?? 'response',
  });
  try {
    const result = await generateText({ ...aiSdkCallSettings(model, request, signal), output });
    try {
      return { text: result.text, object: result.output, usage: toLlmUsage(result.usage) };
    } catch (error) {
      // The SDK parses nothing when the model stopped early (e.g. at maxOutputTokens).
      if (!NoOutputGeneratedError.isInstance(error)) throw error;
      return parseStructuredText(result.text, validationSchema, toLlmUsage(result.usage), callName, result.finishReason);
    }
  } catch (error) {
    if (NoObjectGeneratedError.isInstance(error)) {
      return parseStructuredText(error.text ?? '', validationSchema, toLlmUsage(error.usage), callName, error.finishReason);
    }
    if (!isResponseFormatRejection(error)) throw error;
  }
  const promptedRequest = { ...request, system: withSchemaInstructions(request.system, schema) };
  const result = await generateText(aiSdkCallSettings(model, promptedRequest, signal));
  return parseStructuredText(result.text, validationSchema, toLlmUsage(result.usage), callName, result.finishReason);
}

/** Appends the reply schema to the system message, for servers without structured output. */
function withSchemaInstructions(system: string, schema: object): string {
  return `${system}\n\nReply with one JSON value that matches this JSON Schema, and nothing else ` + `(no prose, no code fences):\n${JSON.stringify(schema)}`;
}

function parseStructuredText(text: string, schema: object, usage: LlmUsage, callName: string, finishReason: string | undefined): StructuredOutput {
  const cutOff = finishReason === 'length' ? ' (the reply was cut off: raise maxOutputTokens)' : '';
  const extracted = extractJsonFromText(text);
  if (!extracted.found) {
    throw new LlmError('invalid_response', `${callName} replied without JSON${cutOff}: ${preview(text)}`);
  }
  const check = checkAgainstSchema(schema, extracted.value);
  if (!check.success) {
    throw new LlmError('invalid_response', `${callName} replied with JSON that does not match the schema: ${check.message}${cutOff}`);
  }
  return { text, object: check.value, usage };
}

function isResponseFormatRejection(error: unknown): boolean {
  if (!APICallError.isInstance(error) || (error.statusCode !== 400 && error.statusCode !== 422)) return false;
  return /response_format|json_schema|json schema|structured output/i.test(`${error.message} ${error.responseBody ?? ''}`);
}

function preview(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '(empty reply)';
  return JSON.stringify(trimmed.length > 200 ? `${trimmed.slice(0, 200)}…` : trimmed);
}
