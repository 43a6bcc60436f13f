/** What one research cell may spend before it must answer with what it has. */
export interface ResearchBudget {
  /** Search calls per cell (0 reads the company's own site only). */
  maxSearches: number;
  /** Pages read per cell, from the page cache or the web. */
  maxPages: number;
  /** Input plus output tokens over every model call of the cell. */
  maxTokens: number;
  /** Wall time of the whole cell, in milliseconds. */
  timeoutMs: number;
}

/** Research settings as `src/config.ts` builds them from the environment. */
export interface ResearchSettings {
  /** The budget of `research_pro`, `research` and `criterion_grade` cells. */
  budget: ResearchBudget;
  /** Search-read-answer rounds of a `research_reasoning` cell (1 for the others). */
  reasoningSteps: number;
  /** How long a fetched page is reused by other cells; 0 turns the page cache off. */
  pageCacheTtlMs: number;
  /** Most bytes of page text the page cache keeps; the least recently used pages go first. */
  pageCacheBytes: number;
}

/**
 * `research_reasoning` gets twice the searches, pages and wall time, and three times the tokens,
 * of the configured budget: it runs several rounds and its model thinks at length.
 */
export function reasoningBudget(budget: ResearchBudget): ResearchBudget {
  return {
    maxSearches: budget.maxSearches * 2,
    maxPages: budget.maxPages * 2,
    maxTokens: budget.maxTokens * 3,
    timeoutMs: budget.timeoutMs * 2,
  };
}
