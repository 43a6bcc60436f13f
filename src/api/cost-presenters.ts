import { knownCost, type TaskSpend } from '../domain/cost/task-spend.ts';
import type { CellFigures } from '../domain/cost/cost-estimate.ts';
import { PRICE_CURRENCY, priceOfModel } from '../domain/cost/prices.ts';
import type { CostSettings } from '../services/cost-settings.ts';
import type { RunEstimate } from '../services/run-estimate-service.ts';
import type { TableUsage, UsageFigures } from '../services/usage-service.ts';

function presentFigures(figures: CellFigures) {
  return {
    model_calls: figures.modelCalls,
    input_tokens: figures.inputTokens,
    output_tokens: figures.outputTokens,
    searches: figures.searches,
    page_fetches: figures.pageFetches,
  };
}

/** Dollars to a millionth: sums of per-token prices carry float noise no one should read. */
function dollars(amount: number): number {
  return Math.round(amount * 1_000_000) / 1_000_000;
}

function presentRange(range: { low: number; expected: number; high: number } | null) {
  return range && { low: dollars(range.low), expected: dollars(range.expected), high: dollars(range.high) };
}

/** A dry run's answer on the wire. */
export function presentEstimate(estimate: RunEstimate, settings: CostSettings) {
  return {
    dry_run: true as const,
    mode: estimate.mode,
    num_requested_cells: estimate.numRequestedCells,
    columns: estimate.columns.map((column) => ({
      column_id: column.column.id,
      key: column.column.key,
      name: column.column.config.name ?? column.column.key,
      model: column.model,
      cells: column.cells,
      basis: column.profile.basis,
      sample_size: column.profile.sampleSize,
      per_cell: { median: presentFigures(column.profile.median), p90: presentFigures(column.profile.p90) },
      expected: presentFigures(column.totals),
      cost: presentRange(column.cost),
    })),
    expected: presentFigures(estimate.totals),
    cost: presentRange(estimate.cost),
    currency: PRICE_CURRENCY,
    prices_as_of: settings.prices.asOf,
    confirm_above: settings.confirmRunAbove,
    requires_confirmation: estimate.requiresConfirmation,
  };
}

function presentUsageFigures(figures: UsageFigures) {
  return {
    cells: figures.cells,
    model_calls: figures.modelCalls,
    input_tokens: figures.inputTokens,
    output_tokens: figures.outputTokens,
    searches: figures.searches,
    page_fetches: figures.pageFetches,
    cost: dollars(figures.cost),
    unpriced_cells: figures.unpricedCells,
    cached_calls: figures.cachedCalls,
    cache_saved_cost: dollars(figures.cacheSavedCost),
    profiles_reused: figures.profilesReused,
    profile_saved_cost: dollars(figures.profileSavedCost),
  };
}

/** A table's usage report on the wire. */
export function presentUsage(usage: TableUsage) {
  return {
    group_by: usage.groupBy,
    currency: PRICE_CURRENCY,
    total: presentUsageFigures(usage.total),
    groups: usage.groups.map((group) => ({ key: group.key, usage: presentUsageFigures(group.figures) })),
  };
}

/** A task's spend on the wire (`usage` of Deep Search and Deep Research tasks): unknown dollars are null, never zero. */
export function presentTaskSpend(spend: TaskSpend) {
  const cost = knownCost(spend);
  return {
    input_tokens: spend.inputTokens,
    output_tokens: spend.outputTokens,
    cost: cost === null ? null : dollars(cost),
    unpriced_calls: spend.unpricedCalls,
    cached_calls: spend.cachedCalls,
    cache_saved_cost: spend.unpricedCalls > 0 ? null : dollars(spend.cacheSavedCost),
  };
}

/** The models columns may name, with their prices (null: unpriced). */
export function presentConfiguredModels(settings: CostSettings) {
  return {
    default_model: settings.models.default,
    reasoning_model: settings.models.reasoning,
    models: settings.models.allowed.map((id) => {
      const price = priceOfModel(settings.prices, id);
      return { id, input_per_million: price?.inputPerMillion ?? null, output_per_million: price?.outputPerMillion ?? null };
    }),
  };
}
