import { sql } from 'kysely';
import type { TaskSpend } from '../../domain/cost/task-spend.ts';

/** The TaskSpend columns (migration 0014) shared by discovery_tasks and deep_research_tasks. */
interface TaskSpendRow {
  input_tokens: number;
  output_tokens: number;
  cost: number;
  unpriced_calls: number;
  cached_calls: number;
  cache_saved_cost: number;
}

export function taskSpendOf(row: TaskSpendRow): TaskSpend {
  return {
    inputTokens: Number(row.input_tokens),
    outputTokens: Number(row.output_tokens),
    cost: Number(row.cost),
    unpricedCalls: Number(row.unpriced_calls),
    cachedCalls: Number(row.cached_calls),
    cacheSavedCost: Number(row.cache_saved_cost),
  };
}

/** The columns of a new task: nothing spent yet. */
export const NO_SPEND_COLUMNS: TaskSpendRow = { input_tokens: 0, output_tokens: 0, cost: 0, unpriced_calls: 0, cached_calls: 0, cache_saved_cost: 0 };

/**
 * The column updates that add `spend` to a task's row, in the same statement as its counters
 * (an addition in SQL, so parallel stages of one task never lose each other's figures).
 */
export function addTaskSpend(spend: Partial<TaskSpend>) {
  return {
    input_tokens: sql<number>`input_tokens + ${Math.round(spend.inputTokens ?? 0)}`,
    output_tokens: sql<number>`output_tokens + ${Math.round(spend.outputTokens ?? 0)}`,
    cost: sql<number>`cost + ${spend.cost ?? 0}`,
    unpriced_calls: sql<number>`unpriced_calls + ${Math.round(spend.unpricedCalls ?? 0)}`,
    cached_calls: sql<number>`cached_calls + ${Math.round(spend.cachedCalls ?? 0)}`,
    cache_saved_cost: sql<number>`cache_saved_cost + ${spend.cacheSavedCost ?? 0}`,
  };
}
