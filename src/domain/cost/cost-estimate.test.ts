import { describe, expect, it } from 'vitest';
import { estimateColumn, profileFromPrompt, profileFromSamples, type CellFigures } from './cost-estimate.ts';
import { withPriceOverrides, DEFAULT_PRICE_TABLE } from './prices.ts';

const figures = (inputTokens: number, outputTokens = 10): CellFigures => ({ modelCalls: 1, inputTokens, outputTokens, searches: 0, pageFetches: 0 });
const prices = withPriceOverrides(DEFAULT_PRICE_TABLE, { models: { m: { inputPerMillion: 1_000_000, outputPerMillion: 0 } } });

describe('cost estimate', () => {
  it('reads the median, mean and 90th percentile of finished cells', () => {
    const profile = profileFromSamples(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 100].map((tokens) => figures(tokens)),
      'column_history',
    );
    expect(profile).toMatchObject({ basis: 'column_history', sampleSize: 10 });
    expect(profile.median.inputTokens).toBe(5);
    expect(profile.p90.inputTokens).toBe(9);
    expect(profile.mean.inputTokens).toBeCloseTo(14.5);
  });

  it('expects the mean per cell and ranges from the median to the 90th percentile, widened to include it', () => {
    const profile = profileFromSamples(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 100].map((tokens) => figures(tokens)),
      'column_history',
    );
    const estimate = estimateColumn(100, profile, { prices, model: 'm', searchProvider: null });
    expect(estimate.totals.inputTokens).toBe(1_450);
    expect(estimate.cost).toEqual({ low: 500, expected: 1_450, high: 1_450 });
  });

  it('an unpriced model gives an unknown cost, with the counts still estimated', () => {
    const estimate = estimateColumn(10, profileFromSamples([figures(100)], 'column_history'), { prices, model: 'unknown', searchProvider: null });
    expect(estimate.cost).toBeNull();
    expect(estimate.totals).toMatchObject({ modelCalls: 10, inputTokens: 1_000 });
  });

  it('without history, sizes cells from the prompt and the format', () => {
    const budget = { maxSearches: 3, maxPages: 5, reasoningSteps: 3 };
    const llm = profileFromPrompt({ executorId: 'llm', outputFormat: 'text', promptCharacters: 400, researchBudget: budget });
    const research = profileFromPrompt({ executorId: 'research_pro', outputFormat: 'text', promptCharacters: 400, researchBudget: budget });
    const builtIn = profileFromPrompt({ executorId: 'company_name', outputFormat: null, promptCharacters: 0, researchBudget: budget });
    expect(llm).toMatchObject({ basis: 'prompt_size', sampleSize: 0 });
    expect(llm.median.modelCalls).toBe(1);
    expect(research.p90).toMatchObject({ searches: 3, pageFetches: 5 });
    expect(research.mean.inputTokens).toBeGreaterThan(llm.mean.inputTokens);
    expect(builtIn.mean.modelCalls).toBe(0);
  });
});
