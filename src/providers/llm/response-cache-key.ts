import { createHash } from 'node:crypto';
import type { LlmRequest } from '../spec/llm.ts';
import { canonicalJson } from './canonical-json.ts';

/**
 * The cache key of a call: `llm:` and the SHA-256 (hex) of the canonical JSON of
 * `[providerId, modelId, request]`. Equal requests give equal keys whatever their key order;
 * a different provider, model, prompt, schema or temperature gives a different key.
 */
export function createResponseCacheKey(providerId: string, modelId: string, request: LlmRequest): string {
  const digest = createHash('sha256')
    .update(canonicalJson([providerId, modelId, request]))
    .digest('hex');
  return `llm:${digest}`;
}
