import type { NormalizedSearchFilters } from '../domain/company-search/search-filters.ts';
import type { CompanyProfileRecord } from './company-profile-store.ts';

/** One question to the company index. */
export interface CompanyIndexQuery {
  workspaceId: string;
  /** Content words; a profile matches when it holds any of them. None: every profile the filters keep. */
  terms: string[];
  filters: NormalizedSearchFilters;
  /** Profiles never returned (a lookalike's seed). */
  excludeProfileIds: string[];
  /** Most hits returned, best first. */
  limit: number;
}

export interface CompanyIndexHit {
  profile: CompanyProfileRecord;
  /** Strength of the text match mapped into [0, 1); 0 when the query had no terms. */
  textScore: number;
}

/** The company index: the workspace's profiles searched by text and filtered by firmographics. */
export interface CompanySearchStore {
  /** Best text matches first, ties broken by profile id so paging through them is stable. */
  searchCompanyProfiles(query: CompanyIndexQuery): Promise<CompanyIndexHit[]>;
  /** Save many profiles (bulk import) in one transaction, each indexed as `saveCompanyProfile` does. */
  saveCompanyProfiles(profiles: CompanyProfileRecord[]): Promise<CompanyProfileRecord[]>;
  /** Remove a profile from the workspace and the index; false when it has no such profile. */
  deleteCompanyProfile(workspaceId: string, profileId: string): Promise<boolean>;
}
