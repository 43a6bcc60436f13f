/**
 * What model tokens and web searches cost, in US dollars. The defaults are list prices named,
 * with their sources and date, in docs/cost.md; `FATHOM_PRICES` overrides or adds entries.
 * A model that is not in the table has no price: its cost is unknown (null), never zero.
 */

export const PRICE_CURRENCY = 'USD';

/** List prices of one model, per million tokens. */
export interface ModelPrice {
  inputPerMillion: number;
  outputPerMillion: number;
}

export interface PriceTable {
  /** When the default list prices were last checked (ISO date). */
  asOf: string;
  /** By model id as the provider names it (`gpt-4o-mini`, `claude-haiku-4-5`). */
  models: Readonly<Record<string, ModelPrice>>;
  /** Dollars per search request, by search provider id (`brave`, `serper`…). */
  searches: Readonly<Record<string, number>>;
}

/** The built-in list prices; docs/cost.md names the page each figure comes from. */
export const DEFAULT_PRICE_TABLE: PriceTable = {
  asOf: '2025-10-01',
  models: {
    'gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6 },
    'gpt-4o': { inputPerMillion: 2.5, outputPerMillion: 10 },
    'gpt-4.1': { inputPerMillion: 2, outputPerMillion: 8 },
    'gpt-4.1-mini': { inputPerMillion: 0.4, outputPerMillion: 1.6 },
    'gpt-4.1-nano': { inputPerMillion: 0.1, outputPerMillion: 0.4 },
    'gpt-5': { inputPerMillion: 1.25, outputPerMillion: 10 },
    'gpt-5-mini': { inputPerMillion: 0.25, outputPerMillion: 2 },
    'gpt-5-nano': { inputPerMillion: 0.05, outputPerMillion: 0.4 },
    'o4-mini': { inputPerMillion: 1.1, outputPerMillion: 4.4 },
    'claude-haiku-4-5': { inputPerMillion: 1, outputPerMillion: 5 },
    'claude-sonnet-4-5': { inputPerMillion: 3, outputPerMillion: 15 },
    'claude-opus-4-1': { inputPerMillion: 15, outputPerMillion: 75 },
    'claude-3-5-haiku': { inputPerMillion: 0.8, outputPerMillion: 4 },
  },
  searches: {
    // Self-hosted: the operator's own machine, no per-search fee.
    searxng: 0,
    brave: 0.005,
    serper: 0.001,
    tavily: 0.008,
    exa: 0.005,
  },
};

/**
 * The price of a model, or null when unknown. Providers also answer with dated snapshots
 * (`gpt-4o-mini-2024-07-18`, `claude-haiku-4-5-20251001`) and routers with a vendor prefix
 * (`openai/gpt-4o-mini`): both are priced as the model they name.
 */
export function priceOfModel(table: PriceTable, modelId: string | null | undefined): ModelPrice | null {
  if (!modelId) return null;
  const candidates = [modelId, modelId.slice(modelId.lastIndexOf('/') + 1)];
  for (const candidate of candidates) {
    const exact = table.models[candidate];
    if (exact) return exact;
    const undated = candidate.replace(/-(\d{4}-\d{2}-\d{2}|\d{8})$/, '');
    if (table.models[undated]) return table.models[undated];
  }
  return null;
}

/** Dollars for these tokens on this model, or null when the model has no price. */
export function costOfTokens(table: PriceTable, modelId: string | null | undefined, inputTokens: number, outputTokens: number): number | null {
  if (inputTokens === 0 && outputTokens === 0) return 0;
  const price = priceOfModel(table, modelId);
  if (!price) return null;
  return (inputTokens * price.inputPerMillion + outputTokens * price.outputPerMillion) / 1_000_000;
}

/** Dollars for these searches with this provider, or null when it has no price. */
export function costOfSearches(table: PriceTable, searchProvider: string | null | undefined, searches: number): number | null {
  if (searches === 0) return 0;
  if (!searchProvider) return null;
  const price = table.searches[searchProvider];
  return price === undefined ? null : price * searches;
}

/** The defaults with overrides laid over them, entry by entry. */
export function withPriceOverrides(base: PriceTable, overrides: Partial<Pick<PriceTable, 'models' | 'searches'>>): PriceTable {
  return { asOf: base.asOf, models: { ...base.models, ...overrides.models }, searches: { ...base.searches, ...overrides.searches } };
}

/** Add two amounts where either may be unknown: unknown stays unknown. */
export function addCost(left: number | null, right: number | null): number | null {
  return left === null || right === null ? null : left + right;
}
