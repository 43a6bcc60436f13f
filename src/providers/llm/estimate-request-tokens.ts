import type { LlmRequest } from '../spec/llm.ts';

/**
 * A rough count of the input tokens a request will use, before the provider tells us:
 * about four characters per token for English text (OpenAI's rule of thumb), over the system
 * message, the prompt and the schema. The rate limiter corrects it with the real usage afterwards.
 */
export function estimateRequestTokens(request: LlmRequest): number {
  const schemaLength = request.jsonSchema === undefined ? 0 : JSON.stringify(request.jsonSchema).length;
  return Math.ceil((request.system.length + request.prompt.length + schemaLength) / 4);
}
