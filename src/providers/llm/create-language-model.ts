import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModelInstance } from './ai-sdk-call-settings.ts';
import type { LlmProviderKind } from './llm-settings.ts';

/** Everything needed to build one AI SDK model; keys are passed explicitly, never read from the environment. */
export interface LanguageModelSettings {
  kind: LlmProviderKind;
  model: string;
  apiKey?: string;
  /** Required for `openai-compatible`; for `openai` and `anthropic` it points at a proxy or a test server. */
  baseUrl?: string;
}

/**
 * Builds the AI SDK model for a provider.
 * - OpenAI uses the Chat Completions API (`.chat`), the dialect every OpenAI-compatible server
 *   and our test server speak; the default `openai(model)` would use the Responses API.
 * - OpenAI-compatible servers get `supportsStructuredOutputs: true`, so a schema is sent as
 *   `response_format: {type: "json_schema"}`: Ollama, vLLM, llama.cpp and LM Studio accept it, and
 *   `generate-structured-output.ts` falls back when a server does not.
 */
export function createLanguageModel(settings: LanguageModelSettings): LanguageModelInstance {
  const { kind, model, apiKey, baseUrl } = settings;
  switch (kind) {
    case 'openai':
      return createOpenAI({ apiKey, baseURL: baseUrl }).chat(model);
    case 'anthropic':
      return createAnthropic({ apiKey, baseURL: baseUrl })(model);
    case 'openai-compatible':
      if (baseUrl === undefined) throw new TypeError('an openai-compatible model needs a baseUrl');
      return createOpenAICompatible({
        name: 'openai-compatible',
        baseURL: baseUrl,
        apiKey,
        includeUsage: true,
        supportsStructuredOutputs: true,
      }).chatModel(model);
  }
}
