import { readFileSync } from 'node:fs';
import { parsePriceOverrides, ConfigError, type CostConfig, type PriceOverrides } from '../config.ts';
import { DEFAULT_PRICE_TABLE, withPriceOverrides, type PriceTable } from '../domain/cost/prices.ts';

/** What the cost use cases (estimates, caps, usage reports, per-column models) need to know. */
export interface CostSettings {
  prices: PriceTable;
  /** The configured search provider, which research cells' searches are priced as (null: none). */
  searchProvider: string | null;
  models: {
    /** The everyday model (`llm` columns, research answers), or null when no model is configured. */
    default: string | null;
    /** The model of `research_reasoning` columns. */
    reasoning: string | null;
    /** Every model an agent column may name in `value.model`. */
    allowed: string[];
  };
  /** Dollars per workspace per UTC day / calendar month that stop its runs; 0: no cap. */
  workspaceDailyCap: number;
  workspaceMonthlyCap: number;
  /** Estimates above this ask for confirmation. */
  confirmRunAbove: number;
  /** The research agents' per-cell budgets: the ceiling an estimate without history uses. */
  researchBudget: { maxSearches: number; maxPages: number; reasoningSteps: number };
}

export const DEFAULT_COST_SETTINGS: CostSettings = {
  prices: DEFAULT_PRICE_TABLE,
  searchProvider: null,
  models: { default: null, reasoning: null, allowed: [] },
  workspaceDailyCap: 0,
  workspaceMonthlyCap: 0,
  confirmRunAbove: 1,
  researchBudget: { maxSearches: 3, maxPages: 5, reasoningSteps: 3 },
};

/** The price table: built-in list prices with `FATHOM_PRICES` laid over them (a file is read here, once). */
export function loadPriceTable(cost: Pick<CostConfig, 'priceOverrides' | 'priceFile'>, readText = (path: string) => readFileSync(path, 'utf8')): PriceTable {
  let overrides: PriceOverrides | null = cost.priceOverrides;
  if (cost.priceFile !== null) {
    let text: string;
    try {
      text = readText(cost.priceFile);
    } catch (error) {
      throw new ConfigError(`invalid configuration: FATHOM_PRICES: cannot read ${cost.priceFile}: ${(error as Error).message}`);
    }
    overrides = parsePriceOverrides(text, cost.priceFile);
  }
  if (!overrides) return DEFAULT_PRICE_TABLE;
  const models = Object.fromEntries(
    Object.entries(overrides.models).map(([model, price]) => [model, { inputPerMillion: price.input_per_million, outputPerMillion: price.output_per_million }]),
  );
  return withPriceOverrides(DEFAULT_PRICE_TABLE, { models, searches: overrides.searches });
}
