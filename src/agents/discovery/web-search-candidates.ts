import { registrableDomain } from '../../domain/company-identifier.ts';
import { planDiscoveryQueries } from '../../domain/discovery/discovery-query-plan.ts';
import type { DiscoveryTask } from '../../domain/discovery/discovery-task.ts';
import type { LlmProvider } from '../../providers/spec/llm.ts';
import type { SharedPageReader } from '../research/shared-page-reader.ts';
import type { SharedSearchReader } from '../research/shared-search-reader.ts';
import type { CandidateSource, FoundCandidate, SourceRound } from './candidate-source.ts';
import { mineCompanies } from './company-mining.ts';

/**
 * Web search as a candidate source: round n sends the n-th planned query, reads every result
 * page and mines the companies each names (a listicle yields dozens, a company's own site itself).
 * A page that cannot be read is skipped: one dead link must not stop the round.
 */
export class WebSearchCandidates implements CandidateSource {
  readonly name = 'web_search' as const;

  constructor(private readonly tools: { search: SharedSearchReader; pages: SharedPageReader; provider: LlmProvider }) {}

  async nextRound(task: DiscoveryTask, round: number, call: { signal: AbortSignal }): Promise<SourceRound> {
    const plan = planDiscoveryQueries(task);
    const query = plan[round];
    if (query === undefined) return { candidates: [], isExhausted: true, usage: { modelCalls: 0, searches: 0, pageReads: 0, calls: [] } };
    const { results, fromCache } = await this.tools.search.search(query, { signal: call.signal, runId: task.id, bypassCache: false });
    const mined = await Promise.all(
      results.map(async (result) => {
        try {
          const { page, outcome } = await this.tools.pages.read(result.url, { signal: call.signal, runId: task.id, bypassCache: false, purpose: 'discovery' });
          const found = await mineCompanies(this.tools.provider, page, query, { signal: call.signal, cacheScope: task.workspaceId });
          return { found, pageReads: outcome === 'loaded' ? 1 : 0, sourceUrl: page.finalUrl };
        } catch (error) {
          if (call.signal.aborted) throw error;
          return { found: { companies: [], modelCalls: 0, responses: [] }, pageReads: 1, sourceUrl: result.url };
        }
      }),
    );
    const candidates: FoundCandidate[] = [];
    for (const item of mined) {
      for (const company of item.found.companies)
        candidates.push({ name: company.name, domain: company.domain, website: company.website, source: 'web_search', sourceUrl: item.sourceUrl });
    }
    return {
      candidates: candidates.filter((candidate) => registrableDomain(`https://${candidate.domain}`) === candidate.domain),
      isExhausted: round + 1 >= plan.length,
      usage: {
        modelCalls: mined.reduce((sum, item) => sum + item.found.modelCalls, 0),
        searches: fromCache ? 0 : 1,
        pageReads: mined.reduce((sum, item) => sum + item.pageReads, 0),
        calls: mined.flatMap((item) => item.found.responses),
      },
    };
  }
}
