import { LlmError } from '../spec/llm.ts';
import type { LlmProvider } from '../spec/llm.ts';
import { estimateRequestTokens } from './estimate-request-tokens.ts';
import { sleep as realSleep } from './sleep.ts';
import type { Sleep } from './sleep.ts';
import { TokenBucket } from './token-bucket.ts';

/** Budgets per minute; 0, a negative number or Infinity means "no limit". */
export interface RateLimitOptions {
  requestsPerMinute: number;
  tokensPerMinute: number;
  /** Clock in milliseconds; injectable for tests. */
  now?: () => number;
  /** Wait function; injectable for tests. */
  sleep?: Sleep;
}

/**
 * Holds each call until both budgets allow it: one request from the requests bucket and the
 * estimated tokens (`estimate-request-tokens.ts`) from the tokens bucket. After the call the
 * tokens bucket is corrected with the usage the provider reported, so the estimate's error does
 * not accumulate. A call aborted while waiting gets its reservation back.
 */
export function withRateLimit(provider: LlmProvider, options: RateLimitOptions): LlmProvider {
  const { now = Date.now, sleep = realSleep } = options;
  const requests = isLimited(options.requestsPerMinute) ? new TokenBucket(options.requestsPerMinute, now) : undefined;
  const tokens = isLimited(options.tokensPerMinute) ? new TokenBucket(options.tokensPerMinute, now) : undefined;
  if (requests === undefined && tokens === undefined) return provider;

  return {
    providerId: provider.providerId,
    modelId: provider.modelId,
    async generate(request, callOptions = {}) {
      const estimatedTokens = estimateRequestTokens(request);
      const waitMs = Math.max(requests?.reserve(1) ?? 0, tokens?.reserve(estimatedTokens) ?? 0);
      if (waitMs > 0) {
        try {
          await sleep(waitMs, callOptions.signal);
        } catch (error) {
          requests?.giveBack(1);
          tokens?.giveBack(estimatedTokens);
          throw new LlmError('aborted', `${provider.providerId} (model ${provider.modelId}): the call was aborted while waiting for the rate limit`, {
            cause: error,
          });
        }
      }
      const response = await provider.generate(request, callOptions);
      // Servers that report no usage (0) keep the estimate rather than refunding it all.
      if (response.usage.totalTokens > 0) tokens?.giveBack(estimatedTokens - response.usage.totalTokens);
      return response;
    },
  };
}

function isLimited(perMinute: number): boolean {
  return perMinute > 0 && Number.isFinite(perMinute);
}
