import { LlmError } from '../spec/llm.ts';
import type { LlmProvider } from '../spec/llm.ts';

/** The message when no provider is configured at all; kept exact because docs and tests quote it. */
export const NO_LLM_PROVIDER_MESSAGE = 'no LLM provider configured: set OPENAI_API_KEY, ANTHROPIC_API_KEY or FATHOM_LLM_BASE_URL';

/**
 * A provider whose every call fails at once with `LlmError('not_configured')`. The server still
 * starts without an LLM (tables, inputs and non-LLM columns work); LLM cells fail with `message`.
 */
export function createNotConfiguredLlmProvider(message: string = NO_LLM_PROVIDER_MESSAGE): LlmProvider {
  return {
    providerId: 'none',
    modelId: 'none',
    async generate() {
      throw new LlmError('not_configured', message);
    },
  };
}
