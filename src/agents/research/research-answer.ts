import { NOT_FOUND, parseAnswer, structuredOutputSchema, type OutputFormat, type ParseOptions } from '../../domain/output-formats/index.ts';
import { PermanentCellError } from '../../engine/cell-executor.ts';
import type { FetchedPage } from '../../providers/spec/fetcher.ts';
import type { LlmProvider, LlmResponse } from '../../providers/spec/llm.ts';
import { generateReply } from '../generate-reply.ts';
import { checkExcerpts, echoesInstructions, type Excerpt } from './provenance.ts';

/** A research answer whose every citation was checked against the pages read. */
export interface ResearchAnswer {
  answer: unknown;
  isNotFound: boolean;
  explanation: string;
  excerpts: Excerpt[];
  /** Queries the model wants searched next (multi-step agents only). */
  nextQueries: string[];
  /** Why the model's own answer was replaced by "Not found", if it was. */
  discardedBecause: string | null;
  responses: LlmResponse[];
}

/** What the answering call needs. */
export interface ResearchAnswerRequest {
  system: string;
  prompt: string;
  format: OutputFormat;
  options: ParseOptions;
  /** The pages the evidence came from: the only ones a citation may name. */
  pages: FetchedPage[];
  /** Ask for `next_queries` too. */
  allowsFollowUp: boolean;
}

const EXCERPTS_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    properties: { url: { type: 'string' }, quote: { type: 'string' } },
    required: ['url', 'quote'],
    additionalProperties: false,
  },
};

// Checked by the provider: only the envelope. The answer goes through the format's parser and
// the excerpts through provenance checks, each with a reason a repair prompt can quote.
const REPLY_ENVELOPE = { type: 'object', properties: { answer: {}, explanation: { type: 'string' }, excerpts: { type: 'array' } }, required: ['answer'] };

/**
 * Asks for an answer in the column's format with a verbatim excerpt per source. A reply gets one
 * repair attempt when its answer does not fit the format, when a real answer has no excerpt that
 * occurs in a page read, or when it repeats the agent's instructions. After that, a misfit fails
 * the cell; an unsupported or leaking answer becomes "Not found" — never a guess.
 */
export async function askForResearchAnswer(
  provider: LlmProvider,
  request: ResearchAnswerRequest,
  call: { signal: AbortSignal; bypassCache: boolean; beforeCall?: (prompt: string) => void },
): Promise<ResearchAnswer> {
  const jsonSchema = replySchema(request.format, request.options, request.allowsFollowUp);
  const responses: LlmResponse[] = [];
  let prompt = request.prompt;
  let problem = '';
  for (let attempt = 1; attempt <= 2; attempt += 1) {
    call.beforeCall?.(prompt);
    const outcome = await generateReply(
      provider,
      { system: request.system, prompt, jsonSchema, validationSchema: REPLY_ENVELOPE, schemaName: 'research_answer' },
      call,
    );
    if ('misfit' in outcome) {
      problem = `format: ${outcome.misfit}`;
      prompt = repairPrompt(request.prompt, outcome.misfit);
      continue;
    }
    responses.push(outcome.response);
    const reply = (outcome.response.object ?? {}) as Record<string, unknown>;
    const parsed = parseAnswer(request.format, reply.answer, request.options);
    if (!parsed.ok) {
      problem = `format: ${parsed.reason}`;
      prompt = repairPrompt(request.prompt, parsed.reason);
      continue;
    }
    const explanation = typeof reply.explanation === 'string' ? reply.explanation : '';
    const excerpts = checkExcerpts(reply.excerpts, request.pages);
    const nextQueries =
      request.allowsFollowUp && Array.isArray(reply.next_queries) ? reply.next_queries.filter((query): query is string => typeof query === 'string') : [];
    if (echoesInstructions(`${JSON.stringify(parsed.answer)} ${explanation} ${JSON.stringify(reply.excerpts ?? '')}`, request.system)) {
      problem = "leak: the reply repeated the agent's instructions instead of answering from the evidence";
      prompt = repairPrompt(request.prompt, 'it repeated your instructions; answer the task from the evidence only');
      continue;
    }
    if (parsed.isNotFound)
      return { answer: parsed.answer, isNotFound: true, explanation, excerpts: excerpts.valid, nextQueries, discardedBecause: null, responses };
    if (excerpts.valid.length > 0)
      return { answer: parsed.answer, isNotFound: false, explanation, excerpts: excerpts.valid, nextQueries, discardedBecause: null, responses };
    const reasons = excerpts.rejected.map((item) => `"${item.quote.slice(0, 80)}" (${item.url || 'no URL'}): ${item.reason}`);
    problem = `unsupported: no excerpt occurs in a page read${reasons.length > 0 ? ` (${reasons.join('; ')})` : ''}`;
    prompt = repairPrompt(request.prompt, `${problem}. Quote the page text exactly, with the page's url, or answer "Not found"`);
  }
  if (problem.startsWith('format: ')) {
    throw new PermanentCellError(`the model's answer does not fit output format '${request.format}' after a repair attempt: ${problem.slice(8)}`, {
      code: 'answer_format',
    });
  }
  return {
    answer: NOT_FOUND,
    isNotFound: true,
    explanation: `The model's answer was discarded because ${problem.replace(/^\w+: /, '')}.`,
    excerpts: [],
    nextQueries: [],
    discardedBecause: problem,
    responses,
  };
}

function replySchema(format: OutputFormat, options: ParseOptions, allowsFollowUp: boolean): object {
  const base = structuredOutputSchema(format, options) as { properties: Record<string, unknown>; required: string[] };
  const { sources: _sources, ...properties } = base.properties;
  const extra: Record<string, unknown> = { excerpts: EXCERPTS_SCHEMA };
  if (allowsFollowUp) extra.next_queries = { type: 'array', items: { type: 'string' } };
  return {
    ...base,
    properties: { ...properties, ...extra },
    required: [...base.required.filter((name) => name !== 'sources'), ...Object.keys(extra)],
  };
}

function repairPrompt(task: string, reason: string): string {
  return `${task}\n\nYour previous reply was rejected: ${reason}\nReply again following the rules exactly.`;
}
