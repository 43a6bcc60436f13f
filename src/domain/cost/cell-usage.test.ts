import { describe, expect, it } from 'vitest';
import { spendOfCellValue, withRecordedCost } from './cell-usage.ts';
import { DEFAULT_PRICE_TABLE } from './prices.ts';

describe('cell usage', () => {
  it('records the cost when the cell ends, null for an unpriced model', () => {
    const value = { answer: 'x', model: 'gpt-4o-mini', usage: { calls: 1, input_tokens: 1_000_000, output_tokens: 0, searches: 2 } };
    expect(withRecordedCost(value, DEFAULT_PRICE_TABLE, 'brave').usage).toMatchObject({ cost: 0.15 + 0.01 });
    expect(withRecordedCost({ ...value, model: 'llama3.1' }, DEFAULT_PRICE_TABLE, 'brave').usage).toMatchObject({ cost: null });
    expect(withRecordedCost({ answer: 'x' }, DEFAULT_PRICE_TABLE, null)).toEqual({ answer: 'x' });
  });

  it("keeps the recorded cost (that day's prices) and reads cache and profile savings", () => {
    const spend = spendOfCellValue(
      { model: 'gpt-4o-mini', is_reused: true, usage: { calls: 0, cost: 0.5, cached_calls: 2, cached_input_tokens: 2_000_000, cached_output_tokens: 0 } },
      DEFAULT_PRICE_TABLE,
      null,
    );
    expect(spend).toMatchObject({ cost: 0.5, cachedCalls: 2, isReusedProfile: true });
    expect(spend.cachedCost).toBeCloseTo(0.3, 9);
  });
});
