import { NOT_FOUND, type OutputFormat, type ParseOptions } from '../../domain/output-formats/index.ts';
import { PermanentCellError } from '../../engine/cell-executor.ts';
import { FetchError, type FetchedPage } from '../../providers/spec/fetcher.ts';
import type { LlmProvider, LlmResponse } from '../../providers/spec/llm.ts';
import { renderEvidence } from './evidence-block.ts';
import { selectPassages } from './passage-selection.ts';
import { planQueries } from './query-planner.ts';
import { askForResearchAnswer, type ResearchAnswer } from './research-answer.ts';
import { ResearchBudgetTracker } from './research-budget-tracker.ts';
import { researchSystemPrompt, researchUserPrompt } from './research-prompts.ts';
import type { ResearchBudget } from './research-settings.ts';
import { rankSearchResults } from './search-candidates.ts';
import type { SharedPageReader } from './shared-page-reader.ts';
import type { SharedSearchReader } from './shared-search-reader.ts';
import { CandidatePool } from './candidate-pool.ts';
import { createCompanyMentionCheck } from './company-mention.ts';
import type { CompanySite } from './company-site.ts';
import { rankSitePages, type PageCandidate } from './site-page-ranking.ts';
import { sitemapUrlsFor } from './sitemap-reader.ts';

/** One research cell's question and limits. */
export interface ResearchTask {
  /** The column's prompt with `{key}` references filled in. */
  task: string;
  /** What to look for, in few words: plans searches and ranks pages and passages (the task, or a criterion). */
  focus: string;
  /** The row's data as a delimited block (`rowDataBlock`). */
  rowData: string;
  format: OutputFormat;
  options: ParseOptions;
  site: CompanySite | null;
  /** Search-read-answer rounds; later rounds run only while the answer is "Not found". */
  steps: number;
  budget: ResearchBudget;
  /** Who reads ("research:pricing"), for fetch logs. */
  purpose: string;
}

/** What the research agents read through. */
export interface ResearchTools {
  provider: LlmProvider;
  pages: SharedPageReader;
  search: SharedSearchReader | null;
}

/** Everything a research cell did, for its stored value. */
export interface ResearchOutcome {
  answer: ResearchAnswer;
  strategy: 'web_search' | 'company_site';
  queries: string[];
  pagesRead: FetchedPage[];
  pagesFailed: Array<{ url: string; error: string }>;
  pageFetches: number;
  pageCacheHits: number;
  searchCalls: number;
  steps: number;
  responses: LlmResponse[];
  tracker: ResearchBudgetTracker;
}

// Room kept for the instructions, the task and the reply when sizing the evidence.
const RESERVED_TOKENS = 1_500;
const MAX_EVIDENCE_CHARACTERS = 16_000;

/**
 * Plan → search (or the company's own site) → read → pick passages → answer, within the cell's
 * budget. Pages come only from search results or the company's own links, never from URLs a
 * model proposes, so page text cannot steer what is fetched.
 */
export async function runResearch(
  task: ResearchTask,
  tools: ResearchTools,
  call: { signal: AbortSignal; runId: string | null; bypassCache: boolean },
): Promise<ResearchOutcome> {
  const tracker = new ResearchBudgetTracker(task.budget, call.signal);
  const strategy = tools.search ? 'web_search' : 'company_site';
  if (!tools.search && !task.site) {
    throw new PermanentCellError(
      'nothing to read: no search provider is configured (set FATHOM_SEARCH_PROVIDER) and the row names no website to read instead',
      { code: 'research_no_sources' },
    );
  }
  const state = {
    read: new Map<string, FetchedPage>(),
    finalUrlOf: new Map<string, string>(),
    rank: new Map<string, number>(),
    attempted: new Set<string>(),
    failed: [] as ResearchOutcome['pagesFailed'],
    failures: [] as unknown[],
    fetches: 0,
    hits: 0,
    searchCalls: 0,
  };
  // Pages are shown to the model in the order they were chosen, not the order they arrived.
  // The company's home page as read (after redirects), if it could be read.
  const homePage = () => (task.site ? state.read.get(state.finalUrlOf.get(task.site.url) ?? task.site.url) : undefined);
  const pagesInRankOrder = () => [...state.read.values()].sort((left, right) => (state.rank.get(left.finalUrl) ?? 0) - (state.rank.get(right.finalUrl) ?? 0));
  const queries: string[] = [];
  const responses: LlmResponse[] = [];
  const pool = new CandidatePool();
  const sitemapUrls: string[] = [];
  const isAboutCompany = task.site ? createCompanyMentionCheck(task.site) : () => true;
  let answer: ResearchAnswer | undefined;
  let step = 0;
  const callOptions = { signal: tracker.signal, bypassCache: call.bypassCache };
  const readAll = async (candidates: PageCandidate[]) => {
    const firstRank = state.rank.size + state.failed.length;
    await Promise.all(
      candidates.map(async (candidate, index) => {
        state.attempted.add(candidate.url);
        tracker.pagesRead += 1;
        try {
          const { page, outcome } = await tools.pages.read(candidate.url, {
            signal: tracker.gatheringSignal,
            runId: call.runId,
            bypassCache: call.bypassCache,
            purpose: task.purpose,
          });
          if (outcome === 'loaded') state.fetches += 1;
          else state.hits += 1;
          if (!isAboutCompany(page.finalUrl, `${page.title ?? ''} ${page.text}`)) {
            state.failed.push({ url: candidate.url, error: 'the page does not mention the company' });
            return;
          }
          state.read.set(page.finalUrl, page);
          state.finalUrlOf.set(candidate.url, page.finalUrl);
          state.rank.set(page.finalUrl, state.rank.get(page.finalUrl) ?? firstRank + index);
          state.attempted.add(page.finalUrl);
        } catch (error) {
          if (call.signal.aborted) throw call.signal.reason;
          state.failures.push(error);
          state.failed.push({
            url: candidate.url,
            error: tracker.gatheringSignal.aborted && !(error instanceof FetchError) ? 'not read within the time budget' : errorMessage(error),
          });
        }
      }),
    );
  };

  for (step = 1; step <= task.steps; step += 1) {
    const followUps = answer?.nextQueries ?? [];
    if (tools.search) {
      const planned =
        step === 1
          ? await planQueries(
              tools.provider,
              {
                task: task.focus,
                rowData: task.rowData,
                companyName: task.site?.name ?? null,
                domain: task.site?.domain ?? null,
                maxQueries: tracker.searchesLeft,
              },
              callOptions,
            )
          : { queries: followUps.filter((query) => !queries.includes(query)).slice(0, tracker.searchesLeft), response: null };
      if (planned.response) noteResponse(planned.response, responses, tracker);
      const found = await Promise.all(
        planned.queries.map(async (query) => {
          tracker.searches += 1;
          const { results, fromCache } = await tools.search!.search(query, {
            signal: tracker.gatheringSignal,
            runId: call.runId,
            bypassCache: call.bypassCache,
          });
          if (!fromCache) state.searchCalls += 1;
          return { query, results };
        }),
      );
      queries.push(...planned.queries);
      const aboutCompany = found.map(({ query, results }) => ({
        query,
        results: results.filter((result) => isAboutCompany(result.url, `${result.title} ${result.snippet} ${result.url}`)),
      }));
      pool.addSearchResults(rankSearchResults(aboutCompany, `${task.focus} ${planned.queries.join(' ')}`, task.site?.domain ?? null));
    }
    if (task.site && step === 1) {
      await readAll([{ url: task.site.url, score: Number.POSITIVE_INFINITY, reason: 'home' }]);
      const home = homePage();
      if (home)
        sitemapUrls.push(
          ...(await sitemapUrlsFor(tools.pages, home, {
            signal: tracker.gatheringSignal,
            runId: call.runId,
            bypassCache: call.bypassCache,
            purpose: task.purpose,
          })),
        );
    }
    const home = homePage();
    if (home) pool.setSitePages(rankSitePages(home, `${task.focus} ${queries.join(' ')} ${followUps.join(' ')}`, sitemapUrls));
    const remaining = task.steps - step + 1;
    const share = step === task.steps ? tracker.pagesLeft : Math.ceil(tracker.pagesLeft / remaining);
    await readAll(pool.next(Math.max(0, share), state.attempted));

    if (state.read.size === 0) {
      if (state.failures.length === 0 && step === task.steps) break;
      if (state.failures.length > 0 && step === task.steps) throw unreadable(state.failures, state.failed);
      continue;
    }
    answer = await answerFromPages(task, tools.provider, pagesInRankOrder(), queries, strategy, tracker, callOptions, step < task.steps);
    responses.push(...answer.responses);
    if (!answer.isNotFound || (tracker.pagesLeft === 0 && tracker.searchesLeft === 0)) break;
  }
  return {
    answer: answer ?? nothingFound(queries),
    strategy,
    queries,
    pagesRead: pagesInRankOrder(),
    pagesFailed: state.failed,
    pageFetches: state.fetches,
    pageCacheHits: state.hits,
    searchCalls: state.searchCalls,
    steps: Math.min(step, task.steps),
    responses,
    tracker,
  };
}

async function answerFromPages(
  task: ResearchTask,
  provider: LlmProvider,
  pages: FetchedPage[],
  queries: string[],
  strategy: ResearchOutcome['strategy'],
  tracker: ResearchBudgetTracker,
  call: { signal: AbortSignal; bypassCache: boolean },
  allowsFollowUp: boolean,
): Promise<ResearchAnswer> {
  const evidenceCharacters = Math.min(MAX_EVIDENCE_CHARACTERS, Math.floor((tracker.tokensLeft - RESERVED_TOKENS) * 4 * 0.8));
  if (evidenceCharacters < 1_000) {
    return {
      ...nothingFound(queries),
      explanation: `The token budget (${tracker.budget.maxTokens}, FATHOM_RESEARCH_MAX_TOKENS) ran out before the pages could be read.`,
    };
  }
  const selection = selectPassages(pages, `${task.focus} ${queries.join(' ')}`, evidenceCharacters);
  const provenance =
    strategy === 'web_search'
      ? `The pages were found by searching the web for: ${queries.map((query) => `"${query}"`).join('; ') || '(no query)'}.`
      : "The pages are from the company's own website (no web search is configured).";
  const system = researchSystemPrompt(task.format, task.options, allowsFollowUp);
  const prompt = researchUserPrompt({ task: task.task, rowData: task.rowData, provenance, evidence: renderEvidence(selection.pages) });
  try {
    const answer = await askForResearchAnswer(provider, { system, prompt, format: task.format, options: task.options, pages, allowsFollowUp }, call);
    for (const response of answer.responses) tracker.noteResponse(response);
    return answer;
  } catch (error) {
    if (tracker.isOutOfTime) {
      throw new PermanentCellError(
        `research took longer than its budget of ${Math.round(tracker.budget.timeoutMs / 1000)} s; raise FATHOM_RESEARCH_TIMEOUT_SECONDS`,
        { cause: error, code: 'research_timeout' },
      );
    }
    throw error;
  }
}

function noteResponse(response: LlmResponse, responses: LlmResponse[], tracker: ResearchBudgetTracker): void {
  responses.push(response);
  tracker.noteResponse(response);
}

function nothingFound(queries: string[]): ResearchAnswer {
  const searched = queries.length > 0 ? ` for ${queries.map((query) => `"${query}"`).join(', ')}` : '';
  return {
    answer: NOT_FOUND,
    isNotFound: true,
    explanation: `The search${searched} found no page to read.`,
    excerpts: [],
    nextQueries: [],
    discardedBecause: null,
    responses: [],
  };
}

/** No page could be read: retry later if any failure may pass, else fail with the reasons. */
function unreadable(failures: unknown[], failed: ResearchOutcome['pagesFailed']): Error {
  const retryable = failures.find((error) => error instanceof FetchError && error.isRetryable);
  if (retryable) return retryable as Error;
  const reasons = failed
    .slice(0, 3)
    .map((item) => `${item.url}: ${item.error}`)
    .join('; ');
  return new PermanentCellError(`could not read any page for this cell: ${reasons}`, { cause: failures[0], code: 'research_unreadable' });
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
