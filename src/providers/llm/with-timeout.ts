import { LlmError } from '../spec/llm.ts';
import type { LlmProvider } from '../spec/llm.ts';

/**
 * Gives each call `timeoutMs` to finish, then aborts it with `LlmError('timeout')`, which is
 * retryable. Placed innermost, so time spent queueing for a slot or a rate budget does not count.
 * A `timeoutMs` of 0 or less turns the limit off.
 */
export function withTimeout(provider: LlmProvider, timeoutMs: number): LlmProvider {
  if (!(timeoutMs > 0)) return provider;
  return {
    providerId: provider.providerId,
    modelId: provider.modelId,
    async generate(request, options = {}) {
      const controller = new AbortController();
      const onCallerAbort = (): void => controller.abort(options.signal?.reason);
      if (options.signal?.aborted) onCallerAbort();
      else options.signal?.addEventListener('abort', onCallerAbort, { once: true });
      let hasTimedOut = false;
      const timer = setTimeout(() => {
        hasTimedOut = true;
        controller.abort();
      }, timeoutMs);
      try {
        return await provider.generate(request, { ...options, signal: controller.signal });
      } catch (error) {
        if (hasTimedOut && !options.signal?.aborted) {
          throw new LlmError('timeout', `${provider.providerId} (model ${provider.modelId}) did not answer within ${timeoutMs} ms`, { cause: error });
        }
        throw error;
      } finally {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onCallerAbort);
      }
    },
  };
}
