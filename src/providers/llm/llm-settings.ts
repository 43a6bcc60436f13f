/** Which provider family serves the model. */
export type LlmProviderKind = 'openai' | 'anthropic' | 'openai-compatible';

/**
 * LLM settings as `src/config.ts` builds them from the environment. Nothing in this folder
 * reads `process.env`; the settings arrive as this object.
 */
export interface LlmSettings {
  /** Provider to use; null picks the only configured one (see `choose-llm-provider-kind.ts`). */
  provider: LlmProviderKind | null;
  /** Key for OpenAI. */
  openaiApiKey?: string;
  /** Key for Anthropic. */
  anthropicApiKey?: string;
  /** Base URL of an OpenAI-compatible server, including `/v1` (e.g. `http://localhost:11434/v1` for Ollama). */
  baseUrl?: string;
  /** Key for the OpenAI-compatible server, when it wants one (OpenRouter, vLLM with `--api-key`). */
  apiKey?: string;
  /** Model for everyday calls; defaults per provider in `DEFAULT_MODELS`. */
  model?: string;
  /** Model for calls that need more reasoning; defaults to `model`. */
  reasoningModel?: string;
  /** Calls in flight at once. */
  concurrency: number;
  /** Calls started per minute; 0 means no limit. */
  requestsPerMinute: number;
  /** Tokens (input + output) per minute; 0 means no limit. */
  tokensPerMinute: number;
  /** Time one attempt may take, in milliseconds; 0 means no limit. */
  timeoutMs: number;
  /** Retries of a transient failure after the first attempt. */
  maxRetries: number;
  /** How long a response stays in the cache, in milliseconds; 0 turns the cache off. */
  cacheTtlMs: number;
}

/**
 * Models used when `model` is not set: small, cheap and able to do structured output.
 * An OpenAI-compatible server has no default: its models are whatever the operator pulled.
 */
export const DEFAULT_MODELS: Readonly<Record<Exclude<LlmProviderKind, 'openai-compatible'>, string>> = {
  openai: 'gpt-4o-mini',
  // claude-3-5-haiku was retired by Anthropic; Haiku 4.5 is its successor in the same price tier.
  anthropic: 'claude-haiku-4-5',
};
