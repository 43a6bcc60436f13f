import type { CellValue } from '../../engine/cell-executor.ts';
import { usageRecord } from '../structured-answer.ts';
import type { ResearchOutcome } from './research-run.ts';

/**
 * The stored value of a research cell: the answer with only checked sources (each with its
 * quote), `as_of` (when the cited evidence was fetched), what was searched and read, and usage.
 * A "Not found" explanation always says where the agent looked.
 */
export function researchCellValue(outcome: ResearchOutcome, startedAt: number): CellValue {
  const { answer } = outcome;
  const cited = new Set(answer.excerpts.map((excerpt) => excerpt.url));
  const citedPages = outcome.pagesRead.filter((page) => cited.has(page.finalUrl));
  const fetchTimes = (citedPages.length > 0 ? citedPages : outcome.pagesRead).map((page) => page.fetchedAt).sort();
  // The oldest cited page bounds how current the answer can be.
  const asOf = citedPages.length > 0 ? fetchTimes[0]! : (fetchTimes.at(-1) ?? new Date().toISOString());
  const usage = usageRecord(outcome.responses);
  return {
    answer: answer.answer,
    source: answer.excerpts.map((excerpt) => excerpt.url),
    explanation: answer.isNotFound ? notFoundExplanation(outcome) : answer.explanation,
    excerpts: answer.excerpts,
    as_of: asOf,
    research: {
      strategy: outcome.strategy,
      queries: outcome.queries,
      pages_read: outcome.pagesRead.map((page) => page.finalUrl),
      pages_failed: outcome.pagesFailed,
      steps: outcome.steps,
    },
    usage: {
      ...usage.usage,
      searches: outcome.searchCalls,
      page_fetches: outcome.pageFetches,
      page_cache_hits: outcome.pageCacheHits,
      duration_ms: Math.round(performance.now() - startedAt),
    },
    provider: usage.provider,
    model: usage.model,
  };
}

function notFoundExplanation(outcome: ResearchOutcome): string {
  const said = outcome.answer.explanation.trim();
  const parts = [said === '' ? 'The pages read do not support an answer.' : said];
  if (outcome.queries.length > 0) parts.push(`Searched for: ${outcome.queries.map((query) => `"${query}"`).join(', ')}.`);
  if (outcome.pagesRead.length > 0) parts.push(`Read: ${outcome.pagesRead.map((page) => page.finalUrl).join(', ')}.`);
  if (outcome.pagesFailed.length > 0) parts.push(`Could not use: ${outcome.pagesFailed.map((item) => `${item.url} (${item.error})`).join(', ')}.`);
  return parts.join(' ');
}
