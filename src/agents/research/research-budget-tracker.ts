import type { LlmResponse } from '../../providers/spec/llm.ts';
import { ownSignal } from './cell-signal.ts';
import type { ResearchBudget } from './research-settings.ts';

/**
 * What one research cell has spent against its budget. The wall-time limit is a signal:
 * `signal` ends the whole cell, `gatheringSignal` ends searching and reading earlier, so there
 * is time left to answer from what was read.
 */
export class ResearchBudgetTracker {
  searches = 0;
  pagesRead = 0;
  inputTokens = 0;
  outputTokens = 0;
  readonly signal: AbortSignal;
  readonly gatheringSignal: AbortSignal;
  private readonly deadline: AbortSignal;

  constructor(
    readonly budget: ResearchBudget,
    cellSignal: AbortSignal,
  ) {
    this.deadline = AbortSignal.timeout(budget.timeoutMs);
    this.signal = ownSignal(cellSignal, this.deadline);
    // Reading may use 60% of the wall time; the rest is for the model's answer.
    this.gatheringSignal = ownSignal(this.signal, AbortSignal.timeout(Math.round(budget.timeoutMs * 0.6)));
  }

  /** True when the wall-time budget (not the cell's own signal) ended the cell. */
  get isOutOfTime(): boolean {
    return this.deadline.aborted;
  }

  get searchesLeft(): number {
    return Math.max(0, this.budget.maxSearches - this.searches);
  }

  get pagesLeft(): number {
    return Math.max(0, this.budget.maxPages - this.pagesRead);
  }

  get tokensLeft(): number {
    return Math.max(0, this.budget.maxTokens - this.inputTokens - this.outputTokens);
  }

  /** Counts a model call's tokens (cached answers cost nothing). */
  noteResponse(response: LlmResponse): void {
    if (response.cached) return;
    this.inputTokens += response.usage.inputTokens;
    this.outputTokens += response.usage.outputTokens;
  }
}
