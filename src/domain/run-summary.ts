/** Where a run's cells are: finished (done or failed) or still queued or running. */
export interface RunCellCounts {
  done: number;
  failed: number;
  /** Queued or running. */
  remaining: number;
}

/** Model calls, tokens and dollars spent by a run's cells (calls answered from the cache are not counted). */
export interface RunUsage {
  modelCalls: number;
  inputTokens: number;
  outputTokens: number;
  /** Dollars of the cells whose cost is known (`value.usage.cost`, recorded as each cell ended). */
  cost: number;
  /** Cells that spent something with no known price: `cost` leaves them out. */
  unpricedCells: number;
}

export const NO_USAGE: RunUsage = { modelCalls: 0, inputTokens: 0, outputTokens: 0, cost: 0, unpricedCells: 0 };

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}

/**
 * The usage a computed cell's value records (`value.usage`: `calls`, `input_tokens`,
 * `output_tokens`, as the agents write it), or null when it records none.
 */
export function usageOfCellValue(value: unknown): RunUsage | null {
  const usage = (value as { usage?: unknown } | null)?.usage;
  if (typeof usage !== 'object' || usage === null) return null;
  const record = usage as Record<string, unknown>;
  const tokens = { modelCalls: count(record.calls), inputTokens: count(record.input_tokens), outputTokens: count(record.output_tokens) };
  const cost = typeof record.cost === 'number' && Number.isFinite(record.cost) && record.cost > 0 ? record.cost : 0;
  const result = { ...tokens, cost, unpricedCells: record.cost === null ? 1 : 0 };
  return result.modelCalls + result.inputTokens + result.outputTokens + result.cost + result.unpricedCells === 0 ? null : result;
}

/** Add usage records (per run, across a batch of ended cells). */
export function addUsage(left: RunUsage, right: RunUsage): RunUsage {
  return {
    modelCalls: left.modelCalls + right.modelCalls,
    inputTokens: left.inputTokens + right.inputTokens,
    outputTokens: left.outputTokens + right.outputTokens,
    cost: left.cost + right.cost,
    unpricedCells: left.unpricedCells + right.unpricedCells,
  };
}
