import { generateText } from 'ai';
import type { LlmGenerateOptions, LlmProvider, LlmRequest, LlmResponse } from '../spec/llm.ts';
import { aiSdkCallSettings, toLlmUsage } from './ai-sdk-call-settings.ts';
import type { LanguageModelInstance } from './ai-sdk-call-settings.ts';
import { generateStructuredOutput } from './generate-structured-output.ts';
import { toLlmError } from './to-llm-error.ts';

/** What an AI SDK-backed provider needs. */
export interface AiSdkLlmProviderOptions {
  /** Our id for the provider (`openai`, `anthropic`, `openai-compatible`). */
  providerId: string;
  /** A model from an AI SDK provider package, e.g. `createOpenAI({ apiKey }).chat('gpt-4o-mini')`. */
  languageModel: LanguageModelInstance;
}

/**
 * An `LlmProvider` that makes exactly one model call per `generate` (two when a server rejects
 * structured output, see `generate-structured-output.ts`) and turns every failure into an
 * `LlmError`. It has no limits, retries or cache: those are decorators (`with-*.ts`).
 */
export function createAiSdkLlmProvider(options: AiSdkLlmProviderOptions): LlmProvider {
  const { providerId, languageModel } = options;
  const modelId = languageModel.modelId;
  const callName = `${providerId} (model ${modelId})`;

  async function generate(request: LlmRequest, callOptions: LlmGenerateOptions = {}): Promise<LlmResponse> {
    const { signal } = callOptions;
    try {
      const { jsonSchema } = request;
      if (jsonSchema !== undefined) {
        const structured = await generateStructuredOutput(languageModel, { ...request, jsonSchema }, signal, callName);
        return { ...structured, providerId, modelId, cached: false };
      }
      const result = await generateText(aiSdkCallSettings(languageModel, request, signal));
      return { text: result.text, usage: toLlmUsage(result.usage), providerId, modelId, cached: false };
    } catch (error) {
      throw toLlmError(error, { providerId, modelId, signal });
    }
  }

  return { providerId, modelId, generate };
}
