import type { PageCandidate } from './site-page-ranking.ts';

/**
 * The pages a research cell may still read: search results and the company's own pages, each
 * ranked on its own scale. `next` takes from both in turn, so neither crowds out the other: the
 * company's own about or team page is read even when the search engine ranked a stranger's
 * page higher, and a search result still gets read on a site whose sections say nothing.
 */
export class CandidatePool {
  private searchRanked: PageCandidate[] = [];
  private siteRanked: PageCandidate[] = [];

  /** Results of a new round of searches: they go before older results, which they refine. */
  addSearchResults(ranked: PageCandidate[]): void {
    const known = new Set(ranked.map((candidate) => candidate.url));
    this.searchRanked = [...ranked, ...this.searchRanked.filter((candidate) => !known.has(candidate.url))];
  }

  /** The company's own pages, ranked for the question (replacing any earlier ranking). */
  setSitePages(ranked: PageCandidate[]): void {
    this.siteRanked = ranked;
  }

  /** Up to `count` candidates not yet attempted, alternating search results and site pages. */
  next(count: number, attempted: ReadonlySet<string>): PageCandidate[] {
    const chosen: PageCandidate[] = [];
    const taken = new Set<string>();
    const queues = [
      this.searchRanked.filter((candidate) => !attempted.has(candidate.url)),
      this.siteRanked.filter((candidate) => !attempted.has(candidate.url)),
    ];
    let turn = 0;
    while (chosen.length < count && queues.some((queue) => queue.length > 0)) {
      const queue = queues[turn % 2]!;
      turn += 1;
      // A page both lists hold counts once; its list then offers its next page in the same turn.
      let candidate = queue.shift();
      while (candidate && taken.has(candidate.url)) candidate = queue.shift();
      if (!candidate) continue;
      taken.add(candidate.url);
      chosen.push(candidate);
    }
    return chosen;
  }
}
