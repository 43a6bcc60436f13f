import { LlmError } from '../spec/llm.ts';
import type { LlmProvider } from '../spec/llm.ts';
import { Semaphore } from './semaphore.ts';

/**
 * Lets at most `concurrency` calls run at once; the rest wait in arrival order. A call aborted
 * while waiting leaves the queue with `LlmError('aborted')` and never reaches the provider.
 */
export function withConcurrencyLimit(provider: LlmProvider, concurrency: number): LlmProvider {
  const semaphore = new Semaphore(concurrency);
  return {
    providerId: provider.providerId,
    modelId: provider.modelId,
    async generate(request, options = {}) {
      let release: () => void;
      try {
        release = await semaphore.acquire(options.signal);
      } catch (error) {
        throw new LlmError('aborted', `${provider.providerId} (model ${provider.modelId}): the call was aborted while waiting for a free slot`, {
          cause: error,
        });
      }
      try {
        return await provider.generate(request, options);
      } finally {
        release();
      }
    },
  };
}
