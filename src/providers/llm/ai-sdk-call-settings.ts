import type { LanguageModel, LanguageModelUsage } from 'ai';
import type { LlmRequest, LlmUsage } from '../spec/llm.ts';

/** A model object from an AI SDK provider package (not a gateway model id string). */
export type LanguageModelInstance = Exclude<LanguageModel, string>;

/**
 * The `generateText` settings every call shares. `maxRetries: 0` turns the SDK's own retries off:
 * retry policy lives in `with-retry.ts`, where it can see Retry-After and the caller's budget.
 */
export function aiSdkCallSettings(model: LanguageModelInstance, request: LlmRequest, signal: AbortSignal | undefined) {
  return {
    model,
    system: request.system,
    prompt: request.prompt,
    temperature: request.temperature,
    maxOutputTokens: request.maxOutputTokens,
    maxRetries: 0,
    abortSignal: signal,
  };
}

/** The SDK reports unknown counts as undefined; we store zeros so sums stay numbers. */
export function toLlmUsage(usage: LanguageModelUsage | undefined): LlmUsage {
  const inputTokens = usage?.inputTokens ?? 0;
  const outputTokens = usage?.outputTokens ?? 0;
  return { inputTokens, outputTokens, totalTokens: usage?.totalTokens ?? inputTokens + outputTokens };
}
