import { createHash } from 'node:crypto';
import type { LlmRequest } from '../spec/llm.ts';
import { canonicalJson } from './canonical-json.ts';

/**
 * The cache key of a call: `llm:` and the SHA-256 (hex) of the canonical JSON of
 * `[providerId, modelId, request]`, with the cache scope (the workspace) in front when there is
 * one. Equal requests give equal keys whatever their key order; a different scope, provider,
 * model, prompt, schema or temperature gives a different key.
 */
export function createResponseCacheKey(providerId: string, modelId: string, request: LlmRequest, scope?: string): string {
  const digest = createHash('sha256')
    .update(canonicalJson(scope === undefined ? [providerId, modelId, request] : [{ scope }, providerId, modelId, request]))
    .digest('hex');
  return `llm:${digest}`;
}
