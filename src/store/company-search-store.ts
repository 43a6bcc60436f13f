import type { SearchFirmographics } from '../domain/company-search/search-document.ts';
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

/** A profile whose vector is missing or was made by another model or from older text. */
export interface CompanyProfileToEmbed {
  id: string;
  name: string | null;
  domain: string;
  fields: Record<string, unknown>;
  /** The vector is written only while the profile still has this `updatedAt` (its text unchanged). */
  updatedAt: string;
}

export interface CompanyEmbedding {
  profileId: string;
  /** Unit length; null when the model gave no usable vector (the profile is then not searched by vector). */
  vector: Float32Array | null;
}

export interface StoredCompanyEmbedding {
  profileId: string;
  vector: Float32Array;
  embeddedAt: string;
}

/** Ids of the text ranking, for fusion with the vector ranking; the profiles are read for the page only. */
export interface CompanyIndexIdHit {
  id: string;
  textScore: number;
}

/** Vectors of company profiles (hybrid search), stored with the profiles. */
export interface CompanyEmbeddingStore {
  /** In id order, after `afterId` (a job's position) when given. */
  findCompanyProfilesToEmbed(workspaceId: string, model: string, afterId: string | null, limit: number): Promise<CompanyProfileToEmbed[]>;
  /** Store vectors of `model`; a profile saved again since it was read keeps waiting. Returns how many were stored. */
  saveCompanyEmbeddings(workspaceId: string, model: string, embeddings: (CompanyEmbedding & { updatedAt: string })[], embeddedAt: string): Promise<number>;
  /** Vectors of `model` written at or after `since` (all when null), oldest first, after the key `after`. */
  listCompanyEmbeddings(
    workspaceId: string,
    model: string,
    since: string | null,
    after: { embeddedAt: string; profileId: string } | null,
    limit: number,
  ): Promise<StoredCompanyEmbedding[]>;
  /** Workspaces with profiles whose vector of `model` is missing or out of date. */
  listWorkspacesToEmbed(model: string): Promise<string[]>;
  /**
   * Load the workspace's in-memory company index now (the start-up warm-up); a search arriving
   * meanwhile waits for the same load. Returns how many profiles the index holds.
   */
  warmCompanyIndex(workspaceId: string): Promise<number>;
  /** Workspaces holding company profiles, those with the most first, at most `limit`. */
  listWorkspacesWithCompanyProfiles(limit: number): Promise<string[]>;
  /** Like `searchCompanyProfiles`, ids and text scores only. */
  rankCompanyProfileIds(query: CompanyIndexQuery): Promise<CompanyIndexIdHit[]>;
  /** Of `profileIds`, those of the workspace the filters keep (never `excludeProfileIds`), with their firmographics. */
  filterCompanyProfileIds(query: Omit<CompanyIndexQuery, 'terms' | 'limit'> & { profileIds: string[] }): Promise<Map<string, SearchFirmographics>>;
  /**
   * Profiles of the workspace whose latest change above `afterVersion` (a version this returned
   * before; 0 at first) was their deletion, the workspace's index version now, and its embedding
   * version (raised whenever vectors of its profiles are stored).
   */
  listDeletedCompanyProfiles(workspaceId: string, afterVersion: number): Promise<{ version: number; embeddingVersion: number; profileIds: string[] }>;
  /** The workspace's profiles of these ids (absent ones, deleted or of other workspaces, left out). */
  findCompanyProfilesByIds(workspaceId: string, profileIds: string[]): Promise<CompanyProfileRecord[]>;
}
