import { describe, expect, it } from 'vitest';
import { costOfSearches, costOfTokens, DEFAULT_PRICE_TABLE, priceOfModel, withPriceOverrides } from './prices.ts';

describe('price table', () => {
  it('prices a model by its id, a dated snapshot or a router prefix', () => {
    expect(priceOfModel(DEFAULT_PRICE_TABLE, 'gpt-4o-mini')).toEqual({ inputPerMillion: 0.15, outputPerMillion: 0.6 });
    expect(priceOfModel(DEFAULT_PRICE_TABLE, 'gpt-4o-mini-2024-07-18')).toEqual(priceOfModel(DEFAULT_PRICE_TABLE, 'gpt-4o-mini'));
    expect(priceOfModel(DEFAULT_PRICE_TABLE, 'claude-haiku-4-5-20251001')).toEqual({ inputPerMillion: 1, outputPerMillion: 5 });
    expect(priceOfModel(DEFAULT_PRICE_TABLE, 'openai/gpt-4o')).toEqual({ inputPerMillion: 2.5, outputPerMillion: 10 });
  });

  it('an unknown model costs unknown (null), never zero; no tokens cost nothing whatever the model', () => {
    expect(priceOfModel(DEFAULT_PRICE_TABLE, 'llama3.1')).toBeNull();
    expect(costOfTokens(DEFAULT_PRICE_TABLE, 'llama3.1', 1_000, 10)).toBeNull();
    expect(costOfTokens(DEFAULT_PRICE_TABLE, null, 1_000, 10)).toBeNull();
    expect(costOfTokens(DEFAULT_PRICE_TABLE, 'llama3.1', 0, 0)).toBe(0);
  });

  it('computes dollars per million tokens and per search', () => {
    expect(costOfTokens(DEFAULT_PRICE_TABLE, 'gpt-4o-mini', 1_000_000, 500_000)).toBeCloseTo(0.15 + 0.3, 9);
    expect(costOfSearches(DEFAULT_PRICE_TABLE, 'brave', 4)).toBeCloseTo(0.02, 9);
    expect(costOfSearches(DEFAULT_PRICE_TABLE, 'searxng', 4)).toBe(0);
    expect(costOfSearches(DEFAULT_PRICE_TABLE, null, 4)).toBeNull();
    expect(costOfSearches(DEFAULT_PRICE_TABLE, null, 0)).toBe(0);
  });

  it('overrides replace and add entries one by one', () => {
    const table = withPriceOverrides(DEFAULT_PRICE_TABLE, { models: { 'llama3.1': { inputPerMillion: 0, outputPerMillion: 0 } }, searches: { brave: 0.003 } });
    expect(costOfTokens(table, 'llama3.1', 1_000, 10)).toBe(0);
    expect(table.searches.brave).toBe(0.003);
    expect(table.models['gpt-4o-mini']).toEqual(DEFAULT_PRICE_TABLE.models['gpt-4o-mini']);
  });
});
