import type { CompanyProfileRecord } from '../../store/store.ts';

/** One company a name might mean, with what is known of it to judge the match. */
export interface CompanyCandidate {
  /** Where the candidate came from. */
  source: 'search' | 'workspace';
  /** Its site's registrable domain. */
  domain: string;
  /** Its home page. */
  website: string;
  /**
   * The name the company's own site gives it (its organisation markup, else `og:site_name`, else
   * the title), or the stored profile's name. Null when the site could not be read: such a
   * candidate is listed but never taken.
   */
  ownName: string | null;
  /** Text of the company's own (home page text, description, headquarters), to check the row's context against. */
  evidenceText: string;
  /** The stored profile, for a candidate from the workspace. */
  profile?: CompanyProfileRecord;
  /**
   * Known only by its name and domain, recalled from the candidates a stored profile's resolution
   * weighed (a company that shares a stored company's name). Its site is not read, so the row's
   * context is not judged against it, a candidate read from its site replaces it, and it never
   * stops the search early: it exists so that a workspace holding one of two namesakes does not
   * answer for both.
   */
  isRecalled?: boolean;
}

/** What finding candidates may use of the cell it runs for. */
export interface CandidateCall {
  signal: AbortSignal;
  runId: string | null;
  bypassCache: boolean;
}

/**
 * A place to look for companies by name: web search, the workspace's stored profiles, and (in a
 * later version) the company index. Sources only propose; the resolver scores and decides.
 */
export interface CompanyCandidateSource {
  /** Names the source in resolution records ("search", "workspace"). */
  readonly name: CompanyCandidate['source'];
  /** Candidates that might be the company `name` means, most likely first. */
  findCandidates(workspaceId: string, name: string, call: CandidateCall): Promise<CompanyCandidate[]>;
}
