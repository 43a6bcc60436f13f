import { getDomainWithoutSuffix } from 'tldts';
import { registrableDomain } from '../../domain/company-identifier.ts';
import { FetchError, type FetchedPage } from '../../providers/spec/fetcher.ts';
import type { SharedPageReader } from '../research/shared-page-reader.ts';
import type { SharedSearchReader } from '../research/shared-search-reader.ts';
import type { CandidateCall, CompanyCandidate, CompanyCandidateSource } from './company-candidates.ts';
import { extractProfileFacts } from './extract-profile-facts.ts';

// Sites that describe companies but are not theirs: never a company's own website.
export const DIRECTORY_DOMAINS = new Set([
  'linkedin.com',
  'crunchbase.com',
  'wikipedia.org',
  'facebook.com',
  'x.com',
  'twitter.com',
  'youtube.com',
  'instagram.com',
  'github.com',
  'glassdoor.com',
  'indeed.com',
  'bloomberg.com',
  'zoominfo.com',
  'pitchbook.com',
  'yelp.com',
  'trustpilot.com',
  'g2.com',
  'capterra.com',
  'owler.com',
  'dnb.com',
  'opencorporates.com',
  'yellowpages.com',
  'bbb.org',
  'apollo.io',
  'rocketreach.co',
  'craft.co',
  'tracxn.com',
  'cbinsights.com',
]);

// Home pages read to learn each candidate's own name; more is slower and rarely changes the answer.
const MAX_CANDIDATES = 5;

/**
 * Candidates from web search: the sites of the results for the name (known
 * directories and social networks skipped, one candidate per domain), each with the name its
 * own home page gives the company (read through the shared page reader, so the winner's home
 * page is not fetched again to build its profile). A search title is never taken for the name:
 * a directory or a look-alike titles its page with the name searched for.
 */
export class SearchCompanyCandidates implements CompanyCandidateSource {
  readonly name = 'search' as const;

  constructor(
    private readonly search: SharedSearchReader,
    private readonly pages: SharedPageReader,
    private readonly directoryDomains: ReadonlySet<string> = DIRECTORY_DOMAINS,
  ) {}

  async findCandidates(_workspaceId: string, name: string, call: CandidateCall): Promise<CompanyCandidate[]> {
    // The bare name: words such as "official website" match directories and ads as well as the company.
    const { results } = await this.search.search(name, call);
    const homes = new Map<string, string>();
    for (const result of results) {
      const domain = registrableDomain(result.url);
      if (domain === null || this.directoryDomains.has(domain) || homes.has(domain)) continue;
      homes.set(domain, new URL('/', result.url).href);
      if (homes.size >= MAX_CANDIDATES) break;
    }
    return Promise.all([...homes].map(([domain, home]) => this.candidateAt(domain, home, call)));
  }

  private async candidateAt(domain: string, home: string, call: CandidateCall): Promise<CompanyCandidate> {
    let page: FetchedPage;
    try {
      page = (await this.pages.read(home, { ...call, purpose: 'company_profile:candidate' })).page;
    } catch (error) {
      if (call.signal.aborted || !(error instanceof FetchError)) throw error;
      // An unreadable site cannot show whose it is: it stays a candidate the user can see, never the answer.
      return { source: 'search', domain, website: home, ownName: null, evidenceText: '' };
    }
    const finalDomain = registrableDomain(page.finalUrl) ?? domain;
    const facts = extractProfileFacts([page], finalDomain);
    return {
      source: 'search',
      domain: finalDomain,
      website: new URL('/', page.finalUrl).href,
      ownName: facts.name ?? getDomainWithoutSuffix(finalDomain) ?? null,
      evidenceText: [page.title, facts.fields.short_description, facts.fields.hq_city, facts.fields.hq_country, page.text.slice(0, 5_000)]
        .filter(Boolean)
        .join('\n'),
    };
  }
}
