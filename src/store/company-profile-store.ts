/** A company profile as stored: researched once per workspace and domain, shared by every table. */
export interface CompanyProfileRecord {
  id: string;
  workspaceId: string;
  /** Registrable domain, lower case (`acme.com`). */
  domain: string;
  name: string | null;
  /** `name` reduced for matching (lower case, letters and digits only). */
  nameKey: string | null;
  /** The site's home page URL after redirects. */
  website: string | null;
  /** The descriptive fields of contract §1.6 (short_description, hq_city, social_profiles…). */
  fields: Record<string, unknown>;
  /** Pages the profile was built from. */
  sources: string[];
  /** When the evidence was fetched (ISO). */
  asOf: string;
  createdAt: string;
  updatedAt: string;
}

/** Company profiles, keyed by workspace and registrable domain. */
export interface CompanyProfileStore {
  /** A company profile of this workspace by id (another workspace's id looks unknown). */
  findCompanyProfile(workspaceId: string, profileId: string): Promise<CompanyProfileRecord | undefined>;
  /** The profile of a registrable domain, or of a domain recorded as leading to one. */
  findCompanyProfileByDomain(workspaceId: string, domain: string): Promise<CompanyProfileRecord | undefined>;
  /** The most recently updated profile whose `nameKey` is this. */
  findCompanyProfileByName(workspaceId: string, nameKey: string): Promise<CompanyProfileRecord | undefined>;
  /** Insert or refresh the profile of (workspace, domain), record `aliases` as leading to it, and return it as stored. */
  saveCompanyProfile(profile: CompanyProfileRecord, aliases: string[]): Promise<CompanyProfileRecord>;

  // Company candidates (entity resolution of names): proposals the resolver scores; not a search index.
  /** Up to `limit` profiles whose name or domain contains one of `words` (lower case) or its first four letters. */
  findCompanyProfilesByNameWords(workspaceId: string, words: string[], limit: number): Promise<CompanyProfileRecord[]>;
}
