import { PermanentCellError } from '../../engine/cell-executor.ts';
import type { LlmProvider, LlmResponse } from '../../providers/spec/llm.ts';
import type { CompanyProfileRecord, CompanyProfileStore } from '../../store/company-profile-store.ts';
import type { SharedPageReader } from '../research/shared-page-reader.ts';
import type { SharedSearchReader } from '../research/shared-search-reader.ts';
import { companyNameKey, parseCompanyIdentifier, registrableDomain } from '../../domain/company-identifier.ts';
import type { CompanyCandidateSource } from './company-candidates.ts';
import { type CompanyMatchSettings, type CompanyResolution, matchCompanyName } from './company-name-resolution.ts';
import { buildProfileFromHome, readHomePage } from './company-profile-builder.ts';
import { SearchCompanyCandidates } from './search-company-candidates.ts';
import { namesakesOf, WorkspaceCompanyCandidates } from './workspace-company-candidates.ts';

/** How a profile was obtained for a cell. */
export interface ResolvedProfile {
  profile: CompanyProfileRecord;
  /** True when a stored profile was used without reading the web or calling a model. */
  isReused: boolean;
  /** A stale profile kept because refreshing it failed (with why). */
  refreshFailedBecause: string | null;
  /** Why the model did not complete the profile, when it did not. */
  enrichmentSkippedBecause: string | null;
  responses: LlmResponse[];
  /** How the input became this company. */
  resolution: CompanyResolution;
}

/** An input that names no company well enough: the cell answers "Not found" (or fails) with this. */
export interface UnresolvedCompany {
  unresolved: true;
  /** Why, naming the best candidates. */
  reason: string;
  resolution: CompanyResolution;
}

/** What resolving needs; one resolver per process, shared by every profile cell. */
export interface CompanyProfileResolverOptions {
  store: Pick<CompanyProfileStore, 'findCompanyProfileByDomain' | 'findCompanyProfileByName' | 'findCompanyProfilesByNameWords' | 'saveCompanyProfile'>;
  pages: SharedPageReader;
  provider: LlmProvider | null;
  search: SharedSearchReader | null;
  /** Profiles older than this are rebuilt by mode "all" runs. */
  ttlMs: number;
  /** How names are matched to companies. */
  match: CompanyMatchSettings;
  /**
   * Where names are looked for, in order; by default the workspace's profiles, then web search
   * when a search provider is configured.
   */
  candidateSources?: CompanyCandidateSource[];
  now?: () => number;
  newId?: () => string;
}

/**
 * Turns a company table's `input` into the workspace's profile of that company. Stored profiles
 * are reused by every table; a stale one (older than the TTL) is rebuilt only when the cell asks
 * for fresh answers (mode "all"), and kept if rebuilding fails. Concurrent cells of one domain
 * share one build. A name is matched (`matchCompanyName`) against the workspace's profiles, then
 * against the sites web search finds, by each one's own name, its domain and the row's context.
 */
export class CompanyProfileResolver {
  private readonly building = new Map<string, Promise<ResolvedProfile>>();
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly candidateSources: CompanyCandidateSource[];

  constructor(private readonly options: CompanyProfileResolverOptions) {
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.candidateSources = options.candidateSources ?? [
      new WorkspaceCompanyCandidates(options.store),
      ...(options.search ? [new SearchCompanyCandidates(options.search, options.pages)] : []),
    ];
  }

  /**
   * The profile of the company `input` names. `rowContext` holds the row's other input values;
   * they help tell apart companies that share a name.
   */
  async resolve(
    workspaceId: string,
    input: unknown,
    unscopedCall: { signal: AbortSignal; runId: string | null; bypassCache: boolean },
    rowContext: readonly string[] = [],
  ): Promise<ResolvedProfile | UnresolvedCompany> {
    // Model calls made for this workspace are cached for it alone (profile-enrichment passes `call` on).
    const call = { ...unscopedCall, cacheScope: workspaceId };
    const text = typeof input === 'string' ? input : input === null || input === undefined ? '' : String(input);
    let identifier = parseCompanyIdentifier(text);
    if (!identifier)
      throw new PermanentCellError(`'${text}' is not a company: give its domain (acme.com), a URL or its name`, { code: 'company_input_invalid' });
    let resolution: CompanyResolution = { method: /^[a-z][a-z0-9+.-]*:\/\//i.test(text.trim()) ? 'url' : 'domain', score: 1, candidates: [] };
    if (identifier.kind === 'name') {
      const key = companyNameKey(identifier.name);
      const known = key && rowContext.length === 0 ? await this.options.store.findCompanyProfileByName(workspaceId, key) : undefined;
      // A stored profile of exactly this name is the answer, unless its own resolution met another company of the same name.
      if (known && namesakesOf(known).length === 0 && this.isUsable(known, call.bypassCache))
        return reused(known, { method: 'workspace_profile', score: 1, candidates: [] });
      const match = await matchCompanyName(workspaceId, identifier.name, rowContext, this.candidateSources, this.options.match, call);
      if (match.kind === 'unmatched') {
        const couldSearch = this.candidateSources.some((source) => source.name === 'search');
        // Nothing stored matches and nothing could be searched: say what would let Fathom find it.
        if (!couldSearch && match.resolution.candidates.length === 0 && match.isIdentifiable) {
          throw new PermanentCellError(
            `cannot find the website of '${identifier.name}': the workspace has no profile of that name and no search provider is configured (set FATHOM_SEARCH_PROVIDER); give the company's domain or URL instead`,
            { code: 'company_name_needs_search' },
          );
        }
        return { unresolved: true, reason: match.reason, resolution: match.resolution };
      }
      if (match.candidate.profile && this.isUsable(match.candidate.profile, call.bypassCache)) return reused(match.candidate.profile, match.resolution);
      identifier = parseCompanyIdentifier(match.candidate.website);
      resolution = match.resolution;
      if (identifier?.kind !== 'site' && identifier?.kind !== 'address')
        throw new PermanentCellError(`could not find the website of '${text}'; give its domain or URL instead`, { code: 'company_not_found' });
    }
    const inputDomain = identifier.kind === 'site' ? identifier.domain : identifier.host;
    const stored = await this.options.store.findCompanyProfileByDomain(workspaceId, inputDomain);
    if (stored && this.isUsable(stored, call.bypassCache)) return reused(stored, resolution);
    const startUrl = new URL('/', identifier.url).href;
    const isBareDomain = resolution.method !== 'url';
    const key = `${workspaceId}\n${inputDomain}`;
    let build = this.building.get(key);
    if (!build) {
      build = this.build(workspaceId, inputDomain, startUrl, isBareDomain, stored, call, resolution).finally(() => this.building.delete(key));
      this.building.set(key, build);
    }
    const built = await build;
    return { ...built, resolution };
  }

  private async build(
    workspaceId: string,
    inputDomain: string,
    startUrl: string,
    isBareDomain: boolean,
    stored: CompanyProfileRecord | undefined,
    call: { signal: AbortSignal; runId: string | null; bypassCache: boolean },
    resolution: CompanyResolution,
  ): Promise<ResolvedProfile> {
    try {
      const home = await readHomePage(this.options, startUrl, isBareDomain, call);
      const canonical = registrableDomain(home.finalUrl) ?? new URL(home.finalUrl).hostname;
      if (canonical !== inputDomain) {
        // The input redirected to a site the workspace already knows: link the old name to it.
        const known = await this.options.store.findCompanyProfileByDomain(workspaceId, canonical);
        if (known && this.isUsable(known, call.bypassCache)) return reused(await this.options.store.saveCompanyProfile(known, [inputDomain]), resolution);
      }
      const built = await buildProfileFromHome(this.options, home, call);
      const nowIso = new Date(this.now()).toISOString();
      const existing = canonical === inputDomain ? stored : await this.options.store.findCompanyProfileByDomain(workspaceId, canonical);
      const profile = await this.options.store.saveCompanyProfile(
        {
          id: existing?.id ?? this.newId(),
          workspaceId,
          domain: built.domain,
          name: built.name,
          nameKey: built.name ? companyNameKey(built.name) : null,
          website: built.website,
          fields: {
            ...built.fields,
            field_sources: built.fieldSources,
            conflicts: built.conflicts,
            ignored_organizations: built.ignoredOrganizations,
            resolution,
          },
          sources: built.sources,
          asOf: built.asOf,
          createdAt: existing?.createdAt ?? nowIso,
          updatedAt: nowIso,
        },
        [inputDomain],
      );
      return {
        profile,
        isReused: false,
        refreshFailedBecause: null,
        enrichmentSkippedBecause: built.enrichmentSkippedBecause,
        responses: built.response ? [built.response] : [],
        resolution,
      };
    } catch (error) {
      // A stale profile is still the best profile there is; refreshing it is an improvement, not a requirement.
      if (stored && !call.signal.aborted)
        return { ...reused(stored, resolution), refreshFailedBecause: error instanceof Error ? error.message : String(error) };
      throw error;
    }
  }

  /** Fresh profiles are always reused; stale ones too, unless the run asked for fresh answers. */
  private isUsable(profile: CompanyProfileRecord, bypassCache: boolean): boolean {
    const isFresh = this.now() - Date.parse(profile.asOf) < this.options.ttlMs;
    return isFresh || !bypassCache;
  }
}

function reused(profile: CompanyProfileRecord, resolution: CompanyResolution): ResolvedProfile {
  return { profile, isReused: true, refreshFailedBecause: null, enrichmentSkippedBecause: null, responses: [], resolution };
}
