import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICE_TABLE } from './prices.ts';
import { addTaskSpend, knownCost, spendOfCalls, spendOfCellValueForTask, spendOfSearches } from './task-spend.ts';

const call = (modelId: string, inputTokens: number, outputTokens: number, cached = false) => ({ modelId, cached, usage: { inputTokens, outputTokens } });

describe('task spend', () => {
  it('prices each call at the model that answered it, and counts cached calls as savings, not tokens', () => {
    const spend = spendOfCalls(
      [call('gpt-4o-mini', 1_000_000, 0), call('gpt-4o-2024-08-06', 0, 1_000_000), call('gpt-4o-mini', 2_000_000, 0, true)],
      DEFAULT_PRICE_TABLE,
    );
    expect(spend).toEqual({ inputTokens: 1_000_000, outputTokens: 1_000_000, cost: 0.15 + 10, unpricedCalls: 0, cachedCalls: 1, cacheSavedCost: 0.3 });
    expect(knownCost(spend)).toBeCloseTo(10.15, 9);
  });

  it('makes the cost unknown, never zero, when a model or search provider has no price', () => {
    const unpriced = spendOfCalls([call('my-local-llama', 500, 50)], DEFAULT_PRICE_TABLE);
    expect(unpriced.unpricedCalls).toBe(1);
    expect(knownCost(addTaskSpend(unpriced, spendOfCalls([call('gpt-4o-mini', 10, 10)], DEFAULT_PRICE_TABLE)))).toBeNull();
    expect(knownCost(spendOfSearches(3, DEFAULT_PRICE_TABLE, 'unknown-search'))).toBeNull();
    expect(knownCost(spendOfSearches(4, DEFAULT_PRICE_TABLE, 'brave'))).toBeCloseTo(0.02, 9);
  });

  it("reads an agent cell's recorded usage the way the run usage report does", () => {
    const value = {
      model: 'gpt-4o-mini',
      usage: { calls: 1, input_tokens: 1_000_000, output_tokens: 0, cached_calls: 1, cached_input_tokens: 1_000_000, cached_output_tokens: 0 },
    };
    expect(spendOfCellValueForTask(value, DEFAULT_PRICE_TABLE, null)).toEqual({
      inputTokens: 1_000_000,
      outputTokens: 0,
      cost: 0.15,
      unpricedCalls: 0,
      cachedCalls: 1,
      cacheSavedCost: 0.15,
    });
    expect(spendOfCellValueForTask({ model: 'mystery', usage: { calls: 2, input_tokens: 5, output_tokens: 5 } }, DEFAULT_PRICE_TABLE, null).unpricedCalls).toBe(
      2,
    );
  });
});
