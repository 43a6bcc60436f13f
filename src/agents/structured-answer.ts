import { parseAnswer, structuredOutputSchema, type OutputFormat, type ParseOptions } from '../domain/output-formats/index.ts';
import { PermanentCellError } from '../engine/cell-executor.ts';
import type { LlmProvider, LlmRequest, LlmResponse } from '../providers/spec/llm.ts';
import { generateReply } from './generate-reply.ts';

export interface StructuredAnswer {
  answer: unknown;
  explanation: string;
  sources: string[];
  isNotFound: boolean;
  responses: LlmResponse[];
}

/**
 * Ask for `{answer, explanation, sources}` in the column's format and parse the answer with the
 * format's parser. An answer that does not fit gets one repair attempt that quotes the parser's
 * reason; a second misfit fails the cell rather than storing something the format forbids.
 */
export async function askForStructuredAnswer(
  provider: LlmProvider,
  request: Omit<LlmRequest, 'jsonSchema'>,
  format: OutputFormat,
  options: ParseOptions,
  call: { signal: AbortSignal; bypassCache: boolean; cacheScope: string },
): Promise<StructuredAnswer> {
  const jsonSchema = structuredOutputSchema(format, options);
  const responses: LlmResponse[] = [];
  let prompt = request.prompt;
  let lastReason = '';
  for (let attempt = 1; attempt <= 2; attempt += 1) {
    const outcome = await generateReply(provider, { ...request, prompt, jsonSchema, validationSchema: REPLY_ENVELOPE, schemaName: 'cell_answer' }, call);
    if ('misfit' in outcome) {
      lastReason = outcome.misfit;
      prompt = repairPrompt(request.prompt, outcome.misfit);
      continue;
    }
    const response = outcome.response;
    responses.push(response);
    const reply = (response.object ?? {}) as { answer?: unknown; explanation?: unknown; sources?: unknown };
    const parsed = parseAnswer(format, reply.answer, options);
    if (parsed.ok) {
      return {
        answer: parsed.answer,
        isNotFound: parsed.isNotFound,
        explanation: typeof reply.explanation === 'string' ? reply.explanation : '',
        sources: Array.isArray(reply.sources) ? reply.sources.filter((source): source is string => typeof source === 'string') : [],
        responses,
      };
    }
    lastReason = parsed.reason;
    prompt = repairPrompt(request.prompt, parsed.reason);
  }
  // The calls were made and billed: the failed cell keeps their usage (docs/cost.md).
  throw new PermanentCellError(`the model's answer does not fit output format '${format}' after a repair attempt: ${lastReason}`, {
    code: 'answer_format',
    ...(responses.length > 0 ? { spent: usageRecord(responses) } : {}),
  });
}

/**
 * What the provider checks a reply against: only the envelope. The answer itself is checked by
 * the format's parser, which accepts what the strict schema would refuse ("$9.81B") and gives
 * a reason the repair prompt can quote.
 */
const REPLY_ENVELOPE = {
  type: 'object',
  properties: { answer: {}, explanation: { type: 'string' }, sources: { type: 'array' } },
  required: ['answer'],
};

function repairPrompt(task: string, reason: string): string {
  return `${task}\n\nYour previous reply was rejected: ${reason}\nReply again with an answer that fits the required format exactly, or "Not found".`;
}

/** Token usage and model of the calls behind one answer, as stored with the cell. */
export function usageRecord(responses: LlmResponse[]) {
  const last = responses.at(-1);
  return {
    usage: {
      input_tokens: responses.reduce((sum, response) => sum + (response.cached ? 0 : response.usage.inputTokens), 0),
      output_tokens: responses.reduce((sum, response) => sum + (response.cached ? 0 : response.usage.outputTokens), 0),
      calls: responses.filter((response) => !response.cached).length,
      cached_calls: responses.filter((response) => response.cached).length,
      // What the cached answers would have cost: the savings a usage report shows.
      cached_input_tokens: responses.reduce((sum, response) => sum + (response.cached ? response.usage.inputTokens : 0), 0),
      cached_output_tokens: responses.reduce((sum, response) => sum + (response.cached ? response.usage.outputTokens : 0), 0),
    },
    provider: last?.providerId ?? null,
    model: last?.modelId ?? null,
  };
}
