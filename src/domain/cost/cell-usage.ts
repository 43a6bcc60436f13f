import { addCost, costOfSearches, costOfTokens, type PriceTable } from './prices.ts';

/**
 * What one computed cell spent and saved, read from its stored value (`value.usage`, `value.model`,
 * `value.is_reused`, as the agents write them). `cost` is null when part of it has no price.
 */
export interface CellSpend {
  model: string | null;
  modelCalls: number;
  inputTokens: number;
  outputTokens: number;
  searches: number;
  pageFetches: number;
  /** Dollars spent, or null when a model or search provider it used has no price. */
  cost: number | null;
  /** Model calls answered from the response cache, and what they would have cost. */
  cachedCalls: number;
  cachedInputTokens: number;
  cachedOutputTokens: number;
  cachedCost: number | null;
  /** A company profile cell that reused the workspace's stored profile instead of building it. */
  isReusedProfile: boolean;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * The spend a cell value records. The cost the engine recorded when the cell ended is kept (the
 * prices of that day); a value without one (older cells) is priced with `prices` now.
 */
export function spendOfCellValue(value: unknown, prices: PriceTable, searchProvider: string | null): CellSpend {
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const usage = (typeof record.usage === 'object' && record.usage !== null ? record.usage : {}) as Record<string, unknown>;
  const model = typeof record.model === 'string' ? record.model : null;
  const inputTokens = count(usage.input_tokens);
  const outputTokens = count(usage.output_tokens);
  const searches = count(usage.searches);
  const recorded = usage.cost;
  const cost =
    typeof recorded === 'number' && Number.isFinite(recorded)
      ? recorded
      : recorded === null
        ? null
        : addCost(costOfTokens(prices, model, inputTokens, outputTokens), costOfSearches(prices, searchProvider, searches));
  return {
    model,
    modelCalls: count(usage.calls),
    inputTokens,
    outputTokens,
    searches,
    pageFetches: count(usage.page_fetches),
    cost,
    cachedCalls: count(usage.cached_calls),
    cachedInputTokens: count(usage.cached_input_tokens),
    cachedOutputTokens: count(usage.cached_output_tokens),
    cachedCost: costOfTokens(prices, model, count(usage.cached_input_tokens), count(usage.cached_output_tokens)),
    isReusedProfile: record.is_reused === true,
  };
}

/**
 * The value with its cost recorded in `usage.cost` (null when unknown), priced when the cell
 * ends: the run's running total and its `max_cost` cap read it. Values without usage are kept.
 */
export function withRecordedCost<Value extends Record<string, unknown>>(value: Value, prices: PriceTable, searchProvider: string | null): Value {
  const usage = value.usage;
  if (typeof usage !== 'object' || usage === null) return value;
  const spend = spendOfCellValue({ ...value, usage: { ...usage, cost: undefined } }, prices, searchProvider);
  return { ...value, usage: { ...usage, cost: spend.cost } };
}
