import { DEFAULT_MODELS } from './llm-settings.ts';
import type { LlmProviderKind, LlmSettings } from './llm-settings.ts';
import type { LanguageModelSettings } from './create-language-model.ts';
import { NO_LLM_PROVIDER_MESSAGE } from './not-configured-llm-provider.ts';

/** Which of the two configured models a caller wants. */
export type LlmModelRole = 'default' | 'reasoning';

/** A usable provider choice, or why there is none (a message for `LlmError('not_configured')`). */
export type LlmProviderChoice = { settings: LanguageModelSettings } | { problem: string };

/**
 * When `provider` is not set and several providers are configured, the first configured one in
 * this order wins. A base URL is the most deliberate setting (someone pointed us at their own
 * server), and OpenAI comes before Anthropic only because more deployments have its key.
 */
export const PROVIDER_PRECEDENCE: readonly LlmProviderKind[] = ['openai-compatible', 'openai', 'anthropic'];

/** Picks the provider and model from the settings, or explains what is missing. */
export function chooseLlmProvider(settings: LlmSettings, modelRole: LlmModelRole = 'default'): LlmProviderChoice {
  const kind = settings.provider ?? PROVIDER_PRECEDENCE.find((candidate) => isConfigured(settings, candidate));
  if (kind === undefined) return { problem: NO_LLM_PROVIDER_MESSAGE };
  if (!isConfigured(settings, kind)) return { problem: missingSettingMessage(kind) };

  const requestedModel = (modelRole === 'reasoning' ? nonEmpty(settings.reasoningModel) : undefined) ?? nonEmpty(settings.model);
  if (kind === 'openai-compatible') {
    const baseUrl = nonEmpty(settings.baseUrl) ?? '';
    if (requestedModel === undefined) {
      return {
        problem: `the OpenAI-compatible server at ${baseUrl} needs a model name: set FATHOM_LLM_MODEL (for example llama3.1 for Ollama)`,
      };
    }
    const apiKey = nonEmpty(settings.apiKey);
    return { settings: { kind, model: requestedModel, baseUrl, ...(apiKey !== undefined && { apiKey }) } };
  }
  const apiKey = kind === 'openai' ? settings.openaiApiKey : settings.anthropicApiKey;
  return { settings: { kind, model: requestedModel ?? DEFAULT_MODELS[kind], ...(apiKey !== undefined && { apiKey }) } };
}

function isConfigured(settings: LlmSettings, kind: LlmProviderKind): boolean {
  switch (kind) {
    case 'openai-compatible':
      return nonEmpty(settings.baseUrl) !== undefined;
    case 'openai':
      return nonEmpty(settings.openaiApiKey) !== undefined;
    case 'anthropic':
      return nonEmpty(settings.anthropicApiKey) !== undefined;
  }
}

function missingSettingMessage(kind: LlmProviderKind): string {
  switch (kind) {
    case 'openai-compatible':
      return 'the LLM provider is set to openai-compatible but no base URL is configured: set FATHOM_LLM_BASE_URL';
    case 'openai':
      return 'the LLM provider is set to openai but no OpenAI API key is configured: set OPENAI_API_KEY';
    case 'anthropic':
      return 'the LLM provider is set to anthropic but no Anthropic API key is configured: set ANTHROPIC_API_KEY';
  }
}

// An empty environment variable means "not set", not "set to nothing".
function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
