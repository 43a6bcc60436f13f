import type { LlmProvider } from '../spec/llm.ts';
import { createAiSdkLlmProvider } from './ai-sdk-llm-provider.ts';
import { chooseLlmProvider } from './choose-llm-provider.ts';
import type { LlmModelRole } from './choose-llm-provider.ts';
import { createLanguageModel } from './create-language-model.ts';
import { decorateLlmProvider } from './decorate-llm-provider.ts';
import type { DecorateLlmProviderOptions } from './decorate-llm-provider.ts';
import type { LlmSettings } from './llm-settings.ts';
import { createNotConfiguredLlmProvider } from './not-configured-llm-provider.ts';

/** Options of `resolveLlmProvider` beyond the settings. */
export interface ResolveLlmProviderOptions extends DecorateLlmProviderOptions {
  /** `reasoning` uses `settings.reasoningModel` (falling back to `model`). Defaults to `default`. */
  modelRole?: LlmModelRole;
}

/**
 * The LLM provider the settings describe, wrapped in its cache, retries and limits
 * (`decorate-llm-provider.ts`). Picks an explicit `provider`, otherwise the only configured one,
 * otherwise the first configured in `PROVIDER_PRECEDENCE`. When nothing usable is configured it
 * returns a provider whose every call fails at once with `LlmError('not_configured')`.
 *
 * Limits belong to the instance: resolve once per model at start-up and share the result,
 * or each copy gets its own concurrency and rate budget.
 */
export function resolveLlmProvider(settings: LlmSettings, options: ResolveLlmProviderOptions = {}): LlmProvider {
  const choice = chooseLlmProvider(settings, options.modelRole);
  if ('problem' in choice) return createNotConfiguredLlmProvider(choice.problem);
  const provider = createAiSdkLlmProvider({
    providerId: choice.settings.kind,
    languageModel: createLanguageModel(choice.settings),
  });
  return decorateLlmProvider(provider, settings, options);
}
