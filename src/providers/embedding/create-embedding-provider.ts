import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { embedMany, type EmbeddingModel } from 'ai';
import { chooseLlmProvider } from '../llm/choose-llm-provider.ts';
import type { LlmSettings } from '../llm/llm-settings.ts';
import { sleep } from '../llm/sleep.ts';
import { TokenBucket } from '../llm/token-bucket.ts';
import type { EmbeddingProvider } from './embedding-provider.ts';

/** An embedding provider, or why the configuration cannot have one (said once at start-up). */
export type EmbeddingProviderChoice = { provider: EmbeddingProvider } | { problem: string };

/**
 * The embedding model `model` of the configured LLM provider, through the AI SDK's `embedMany`.
 * It shares the LLM's budgets: requests and (estimated, four characters a token) tokens per
 * minute are held by their own buckets, and transient failures are retried `maxRetries` times
 * before the caller's job is retried. Anthropic has no embedding models.
 */
export function createEmbeddingProvider(settings: LlmSettings, model: string): EmbeddingProviderChoice {
  const choice = chooseLlmProvider({ ...settings, model });
  if ('problem' in choice) return { problem: `no embeddings: ${choice.problem}` };
  const { kind, apiKey, baseUrl } = choice.settings;
  let embeddingModel: EmbeddingModel;
  if (kind === 'openai') embeddingModel = createOpenAI({ apiKey, baseURL: baseUrl }).embeddingModel(model);
  else if (kind === 'openai-compatible' && baseUrl !== undefined)
    embeddingModel = createOpenAICompatible({ name: 'openai-compatible', baseURL: baseUrl, apiKey }).embeddingModel(model);
  else return { problem: `no embeddings: the ${kind} provider has no embedding models; use OpenAI or an OpenAI-compatible server` };
  const requests = settings.requestsPerMinute > 0 ? new TokenBucket(settings.requestsPerMinute) : undefined;
  const tokens = settings.tokensPerMinute > 0 ? new TokenBucket(settings.tokensPerMinute) : undefined;
  return {
    provider: {
      model,
      async embed(texts, signal) {
        if (texts.length === 0) return [];
        const estimated = texts.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0);
        const waitMs = Math.max(requests?.reserve(1) ?? 0, tokens?.reserve(estimated) ?? 0);
        if (waitMs > 0) await sleep(waitMs, signal);
        const result = await embedMany({ model: embeddingModel, values: texts, maxRetries: settings.maxRetries, abortSignal: signal });
        return result.embeddings;
      },
    },
  };
}
