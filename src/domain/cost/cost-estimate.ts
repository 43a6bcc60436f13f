import { addCost, costOfSearches, costOfTokens, type PriceTable } from './prices.ts';

/** What one cell spent (or is expected to spend). */
export interface CellFigures {
  modelCalls: number;
  inputTokens: number;
  outputTokens: number;
  searches: number;
  pageFetches: number;
}

/** Where a column's per-cell figures came from, best first (docs/decisions/2026-12-06-cost-estimate-method.md). */
export type EstimateBasis = 'column_history' | 'similar_columns' | 'prompt_size';

/** Per-cell figures at three points: what half the cells stay under, the average, what 90 % stay under. */
export interface PerCellProfile {
  basis: EstimateBasis;
  /** Finished cells the figures were read from (0 for `prompt_size`). */
  sampleSize: number;
  median: CellFigures;
  mean: CellFigures;
  p90: CellFigures;
}

export interface CostRange {
  low: number;
  expected: number;
  high: number;
}

/** A column's share of a run: cells, totals at the expected point, and the cost range (null when unknown). */
export interface ColumnEstimate {
  cells: number;
  totals: CellFigures;
  cost: CostRange | null;
}

/** Fewest finished cells a column's own history needs before its figures are trusted ("try on 3 rows" is enough). */
export const MIN_HISTORY_SAMPLES = 3;

const FIGURE_NAMES = ['modelCalls', 'inputTokens', 'outputTokens', 'searches', 'pageFetches'] as const;

function quantile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  // Nearest rank: the value at or above `fraction` of the samples.
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index]!;
}

/** The median, mean and 90th percentile of each figure over finished cells' figures. */
export function profileFromSamples(samples: readonly CellFigures[], basis: EstimateBasis): PerCellProfile {
  const median = {} as CellFigures;
  const mean = {} as CellFigures;
  const p90 = {} as CellFigures;
  for (const name of FIGURE_NAMES) {
    const values = samples.map((sample) => sample[name]).sort((left, right) => left - right);
    median[name] = quantile(values, 0.5);
    p90[name] = quantile(values, 0.9);
    mean[name] = values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
  }
  return { basis, sampleSize: samples.length, median, mean, p90 };
}

/** What the column's cells cost at one point of the profile, or null when its model or search has no price. */
function costPerCell(figures: CellFigures, prices: PriceTable, model: string | null, searchProvider: string | null): number | null {
  return addCost(costOfTokens(prices, model, figures.inputTokens, figures.outputTokens), costOfSearches(prices, searchProvider, figures.searches));
}

/**
 * The column's share of a run of `cells` cells. The expected figure is the mean per cell times
 * the cells (a sum over many cells tends to the mean, not the median); the range runs from the
 * median to the 90th percentile per cell, widened to include the expected figure.
 */
export function estimateColumn(
  cells: number,
  profile: PerCellProfile,
  pricing: { prices: PriceTable; model: string | null; searchProvider: string | null },
): ColumnEstimate {
  const totals = {} as CellFigures;
  for (const name of FIGURE_NAMES) totals[name] = Math.round(profile.mean[name] * cells);
  const at = (figures: CellFigures) => costPerCell(figures, pricing.prices, pricing.model, pricing.searchProvider);
  const [median, mean, p90] = [at(profile.median), at(profile.mean), at(profile.p90)];
  if (median === null || mean === null || p90 === null) return { cells, totals, cost: null };
  const expected = mean * cells;
  return { cells, totals, cost: { low: Math.min(median * cells, expected), expected, high: Math.max(p90 * cells, expected) } };
}

/** What a column's cells are expected to need when nothing was computed yet: from the prompt and the format. */
export interface PromptShape {
  /** The column's kind and, for agent columns, its agent type. */
  executorId: string;
  outputFormat: string | null;
  /** Characters of the prompt as written (row data is added per row). */
  promptCharacters: number;
  researchBudget: { maxSearches: number; maxPages: number; reasoningSteps: number };
}

// About four characters a token; the fixed parts are the agents' system prompts and format
// instructions, and a typical row's data block, measured on the fixtures.
const SYSTEM_TOKENS = 450;
const ROW_DATA_TOKENS = 150;
const PAGE_TOKENS = 1_500;
const OUTPUT_TOKENS_BY_FORMAT: Readonly<Record<string, number>> = { text: 150, json: 300, grade: 100, multiselect: 80 };
const DEFAULT_OUTPUT_TOKENS = 70;

/**
 * Per-cell figures from the prompt's size and the format: the median is a first-try answer,
 * the 90th percentile a repair attempt and a full research budget.
 */
export function profileFromPrompt(shape: PromptShape): PerCellProfile {
  const output = OUTPUT_TOKENS_BY_FORMAT[shape.outputFormat ?? ''] ?? DEFAULT_OUTPUT_TOKENS;
  const prompt = Math.ceil(shape.promptCharacters / 4) + SYSTEM_TOKENS + ROW_DATA_TOKENS;
  const { maxSearches, maxPages, reasoningSteps } = shape.researchBudget;
  const figures = (calls: number, pages: number, searches: number): CellFigures => ({
    modelCalls: calls,
    inputTokens: calls * prompt + pages * PAGE_TOKENS,
    outputTokens: calls * output,
    searches,
    pageFetches: pages,
  });
  let median: CellFigures;
  let p90: CellFigures;
  switch (shape.executorId) {
    case 'llm':
      [median, p90] = [figures(1, 0, 0), figures(2, 0, 0)];
      break;
    case 'research':
    case 'research_pro':
    case 'criterion_grade':
    case 'linkedin':
      [median, p90] = [figures(2, Math.min(2, maxPages), Math.min(1, maxSearches)), figures(3, maxPages, maxSearches)];
      break;
    case 'research_reasoning':
      [median, p90] = [figures(2 * reasoningSteps, Math.min(3, maxPages), Math.min(2, maxSearches)), figures(3 * reasoningSteps, maxPages, maxSearches)];
      break;
    case 'company_profile':
      [median, p90] = [figures(1, 4, 0), figures(2, 6, 1)];
      break;
    default:
      // Built-ins that read what another column stored spend nothing of their own.
      [median, p90] = [figures(0, 0, 0), figures(0, 0, 0)];
  }
  const mean = Object.fromEntries(FIGURE_NAMES.map((name) => [name, (median[name] + p90[name]) / 2])) as unknown as CellFigures;
  return { basis: 'prompt_size', sampleSize: 0, median, mean, p90 };
}
