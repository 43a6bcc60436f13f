import { registrableDomain } from '../../domain/company-identifier.ts';
import { MAX_DISCOVERY_RESULTS, type DiscoveryTask } from '../../domain/discovery/discovery-task.ts';
import { normalizeSearchFilters } from '../../domain/company-search/search-filters.ts';
import { searchCompanies } from '../../services/company-search/company-search-service.ts';
import type { Store } from '../../store/store.ts';
import type { CandidateSource, FoundCandidate, SourceRound, SourceUsage } from './candidate-source.ts';

/**
 * The workspace's own company index as a candidate source (`extruct_db` in the vendor's list of
 * data sources, INFERENCE: Extruct's own company database; Fathom's is the workspace index, the
 * one `POST /v1/companies/search` reads). One round: the query's best lexical matches, excluded
 * domains left out by the index itself. No model call and no web search, so it goes first: these
 * companies are already profiled and cost only their grades.
 */
export class CompanyIndexCandidates implements CandidateSource {
  readonly name = 'extruct_db' as const;

  constructor(private readonly store: Store) {}

  async nextRound(task: DiscoveryTask, round: number): Promise<SourceRound> {
    // The index is the workspace's own: no model call, search or page read is spent on it.
    const usage: SourceUsage = { modelCalls: 0, searches: 0, pageReads: 0, calls: [] };
    if (round > 0) return { candidates: [], isExhausted: true, usage };
    const filters = normalizeSearchFilters({ exclude: { domains: task.excludeDomains } }, ['exclude_domains']);
    if (!filters.ok) return { candidates: [], isExhausted: true, usage };
    const ranked = await searchCompanies(this.store, task.workspaceId, {
      q: task.query,
      filters: filters.filters,
      page: { offset: 0, limit: MAX_DISCOVERY_RESULTS },
    });
    const candidates: FoundCandidate[] = [];
    for (const { profile } of ranked.results) {
      const website = profile.website ?? `https://${profile.domain}/`;
      const domain = registrableDomain(website) ?? profile.domain;
      if (!domain?.includes('.')) continue;
      candidates.push({ name: profile.name, domain, website, source: 'extruct_db', sourceUrl: null });
    }
    return { candidates, isExhausted: true, usage };
  }
}
