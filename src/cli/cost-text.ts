import type { RunEstimate, TableUsage } from '../sdk/index.ts';
import { formatCount } from './progress-line.ts';

/** Dollars as people read them: cents above a dollar, four decimals below. */
export function formatDollars(amount: number): string {
  return amount >= 1 ? `$${amount.toFixed(2)}` : `$${amount.toFixed(4)}`;
}

/** One line about a dry run: what it would queue and cost, and whether it asks for confirmation. */
export function describeEstimate(estimate: RunEstimate): string {
  const cost = estimate.cost
    ? `${formatDollars(estimate.cost.expected)} expected (${formatDollars(estimate.cost.low)}–${formatDollars(estimate.cost.high)})`
    : 'cost unknown (a model has no price: set FATHOM_PRICES)';
  const calls = `${formatCount(estimate.expected.model_calls)} model calls, ${formatCount(estimate.expected.input_tokens + estimate.expected.output_tokens)} tokens`;
  const confirm = estimate.requires_confirmation ? `; above the confirmation threshold of ${formatDollars(estimate.confirm_above)}` : '';
  return `dry run: ${formatCount(estimate.num_requested_cells)} cells, ${calls}, ${cost}${confirm}; nothing was queued`;
}

/** The rows `fathom usage` prints on a terminal: each group, then the total. */
export function usageRows(usage: TableUsage): { key: string; figures: TableUsage['total'] }[] {
  return [...usage.groups.map((group) => ({ key: group.key, figures: group.usage })), { key: 'total', figures: usage.total }];
}
