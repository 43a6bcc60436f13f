import { spendOfCellValue } from './cell-usage.ts';
import { costOfSearches, costOfTokens, type PriceTable } from './prices.ts';

/**
 * What a task (Deep Search, Deep Research) spent in tokens and dollars and what the response
 * cache saved, in the same terms as a run's cells. Dollars are added up as the task's stages end
 * (the prices of that day stay with the task); calls or searches without a price are counted in
 * `unpricedCalls` instead, and make the task's cost unknown rather than understated.
 */
export interface TaskSpend {
  /** Tokens of the calls the model answered (cached answers are not billed again). */
  inputTokens: number;
  outputTokens: number;
  /** Dollars of the priced calls and searches. */
  cost: number;
  /** Model calls and searches that have no price: while above zero the task's cost is unknown. */
  unpricedCalls: number;
  /** Calls the response cache answered, and what they would have cost (priced ones only). */
  cachedCalls: number;
  cacheSavedCost: number;
}

export const NO_TASK_SPEND: TaskSpend = { inputTokens: 0, outputTokens: 0, cost: 0, unpricedCalls: 0, cachedCalls: 0, cacheSavedCost: 0 };

/** What a task's spend is priced with: the price table and the configured search provider. */
export interface TaskPricing {
  prices: PriceTable;
  searchProvider: string | null;
}

/** One model call as the provider answered it (an `LlmResponse` is one). */
export interface AnsweredCall {
  modelId: string;
  cached: boolean;
  usage: { inputTokens: number; outputTokens: number };
}

export function addTaskSpend(left: TaskSpend, right: TaskSpend): TaskSpend {
  return {
    inputTokens: left.inputTokens + right.inputTokens,
    outputTokens: left.outputTokens + right.outputTokens,
    cost: left.cost + right.cost,
    unpricedCalls: left.unpricedCalls + right.unpricedCalls,
    cachedCalls: left.cachedCalls + right.cachedCalls,
    cacheSavedCost: left.cacheSavedCost + right.cacheSavedCost,
  };
}

/** The spend of these model calls, each priced at the model that answered it. */
export function spendOfCalls(calls: readonly AnsweredCall[], prices: PriceTable): TaskSpend {
  let spend = NO_TASK_SPEND;
  for (const call of calls) {
    const cost = costOfTokens(prices, call.modelId, call.usage.inputTokens, call.usage.outputTokens);
    spend = addTaskSpend(
      spend,
      call.cached
        ? { ...NO_TASK_SPEND, cachedCalls: 1, cacheSavedCost: cost ?? 0, unpricedCalls: cost === null ? 1 : 0 }
        : {
            ...NO_TASK_SPEND,
            inputTokens: call.usage.inputTokens,
            outputTokens: call.usage.outputTokens,
            cost: cost ?? 0,
            unpricedCalls: cost === null ? 1 : 0,
          },
    );
  }
  return spend;
}

/** The spend of searches sent to the configured provider. */
export function spendOfSearches(searches: number, prices: PriceTable, searchProvider: string | null): TaskSpend {
  const cost = costOfSearches(prices, searchProvider, searches);
  return { ...NO_TASK_SPEND, cost: cost ?? 0, unpricedCalls: cost === null ? searches : 0 };
}

/**
 * The spend an agent cell recorded in its value (`value.usage`, `value.model`), for work a task
 * runs through a column's agent (Deep Search grades candidates with the criterion_grade agent).
 */
export function spendOfCellValueForTask(value: unknown, prices: PriceTable, searchProvider: string | null): TaskSpend {
  const cell = spendOfCellValue(value, prices, searchProvider);
  const unpricedCalls = (cell.cost === null ? Math.max(1, cell.modelCalls) : 0) + (cell.cachedCalls > 0 && cell.cachedCost === null ? cell.cachedCalls : 0);
  return {
    inputTokens: cell.inputTokens,
    outputTokens: cell.outputTokens,
    cost: cell.cost ?? 0,
    unpricedCalls,
    cachedCalls: cell.cachedCalls,
    cacheSavedCost: cell.cachedCost ?? 0,
  };
}

/** The task's cost as the API shows it: null (unknown) when any call or search had no price. */
export function knownCost(spend: Pick<TaskSpend, 'cost' | 'unpricedCalls'>): number | null {
  return spend.unpricedCalls > 0 ? null : spend.cost;
}
