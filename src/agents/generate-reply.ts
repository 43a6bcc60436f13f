import { PermanentCellError } from '../engine/cell-executor.ts';
import { LlmError, type LlmProvider, type LlmRequest, type LlmResponse } from '../providers/spec/llm.ts';

/** The model's reply, or why it was unusable (no JSON, not the envelope), which a repair prompt can quote. */
export type ModelReply = { response: LlmResponse } | { misfit: string };

/** The cell's side of a model call. */
export interface ReplyCall {
  /** The cell's signal: aborted when its lease is lost or the worker stops hard. */
  signal: AbortSignal;
  bypassCache: boolean;
}

/**
 * The one structured model call of the agents. It sorts failures the same way for every agent:
 * - an abort (the cell's signal, or an `aborted` LlmError) propagates untouched: the cell's
 *   outcome is void, so it is neither repaired nor failed for good;
 * - an unusable reply (`invalid_response`) comes back as a misfit, which earns a repair attempt;
 * - a permanent provider failure (no provider, bad key, bad request) fails the cell with the
 *   provider's own message;
 * - a transient failure propagates, so the engine retries the cell with backoff.
 */
export async function generateReply(provider: LlmProvider, request: LlmRequest, call: ReplyCall): Promise<ModelReply> {
  try {
    return { response: await provider.generate(request, { signal: call.signal, bypassCache: call.bypassCache }) };
  } catch (error) {
    if (call.signal.aborted || (error instanceof LlmError && error.code === 'aborted')) throw error;
    if (error instanceof LlmError && error.code === 'invalid_response') return { misfit: error.message };
    if (error instanceof LlmError && !error.isRetryable) throw new PermanentCellError(error.message, { cause: error, code: `llm_${error.code}` });
    throw error;
  }
}
