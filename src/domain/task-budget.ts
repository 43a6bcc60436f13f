/**
 * A task's spending limit (issue 15 item 4, an extension of the vendor API): at most this many
 * model calls and/or web searches. A stage checks it before it starts work that spends, so no
 * new call or search starts once the limit is reached; work already running when it was reached
 * still ends, so the overshoot is bounded by what runs at once (jobs in flight × their calls).
 */
export interface TaskBudget {
  modelCalls: number | null;
  searches: number | null;
}

/** What a task has spent so far (the counters both task kinds keep). */
export interface BudgetSpend {
  modelCalls: number;
  searches: number;
}

/**
 * Why the budget stops the task, or null while there is room left. The reason names the limit,
 * not the count at the moment, so parallel stages that each notice it record one reason.
 */
export function budgetReached(budget: TaskBudget | null, spent: BudgetSpend): string | null {
  if (!budget) return null;
  if (budget.modelCalls !== null && spent.modelCalls >= budget.modelCalls)
    return `budget reached: the limit of ${budget.modelCalls} model calls was used up, so no new work was started after it`;
  if (budget.searches !== null && spent.searches >= budget.searches)
    return `budget reached: the limit of ${budget.searches} web searches was used up, so no new work was started after it`;
  return null;
}

/** The wire shape `{model_calls?, searches?}`, absent limits as null. */
export function budgetFromWire(wire: { model_calls?: number | null; searches?: number | null } | null | undefined): TaskBudget | null {
  if (!wire) return null;
  return { modelCalls: wire.model_calls ?? null, searches: wire.searches ?? null };
}

export function budgetToWire(budget: TaskBudget | null): { model_calls: number | null; searches: number | null } | null {
  return budget ? { model_calls: budget.modelCalls, searches: budget.searches } : null;
}
