import type { LlmGenerateOptions, LlmProvider, LlmRequest, LlmResponse } from '../spec/llm.ts';

/** What one call of the mock does: a response (fields may be partial), an error to throw, or a function of the request. */
export type MockLlmOutcome =
  | Partial<LlmResponse>
  | Error
  | ((request: LlmRequest, options: LlmGenerateOptions) => Partial<LlmResponse> | Promise<Partial<LlmResponse>>);

/** A recorded call of the mock. */
export interface MockLlmCall {
  request: LlmRequest;
  options: LlmGenerateOptions;
}

/** An `LlmProvider` for unit tests, with the calls it received. */
export interface MockLlmProvider extends LlmProvider {
  readonly calls: MockLlmCall[];
}

/**
 * A provider that answers from a script, for tests that do not need HTTP (engine, agents,
 * decorators). Given an array, call N uses entry N and the last entry repeats; given one outcome,
 * every call uses it. Missing response fields get defaults (`text: ''`, zero usage). Modelled on
 * the AI SDK's `MockLanguageModelV3`.
 */
export function createMockLlmProvider(script: MockLlmOutcome | MockLlmOutcome[], ids: { providerId?: string; modelId?: string } = {}): MockLlmProvider {
  const { providerId = 'mock', modelId = 'mock-model' } = ids;
  const outcomes = Array.isArray(script) ? script : [script];
  if (outcomes.length === 0) throw new RangeError('a mock LLM provider needs at least one outcome');
  const calls: MockLlmCall[] = [];

  return {
    providerId,
    modelId,
    calls,
    async generate(request, options = {}) {
      const outcome = outcomes[Math.min(calls.length, outcomes.length - 1)];
      calls.push({ request, options });
      if (outcome instanceof Error) throw outcome;
      const partial = typeof outcome === 'function' ? await outcome(request, options) : outcome;
      return {
        text: '',
        usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
        providerId,
        modelId,
        cached: false,
        ...partial,
      };
    },
  };
}
