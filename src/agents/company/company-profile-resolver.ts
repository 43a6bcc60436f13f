import { PermanentCellError } from '../../engine/cell-executor.ts';
import type { LlmProvider, LlmResponse } from '../../providers/spec/llm.ts';
import type { CompanyProfileRecord, CompanyProfileStore } from '../../store/company-profile-store.ts';
import type { SharedPageReader } from '../research/shared-page-reader.ts';
import type { SharedSearchReader } from '../research/shared-search-reader.ts';
import { companyNameKey, parseCompanyIdentifier, registrableDomain } from '../../domain/company-identifier.ts';
import { buildProfileFromHome, readHomePage } from './company-profile-builder.ts';

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
}

/** What resolving needs; one resolver per process, shared by every profile cell. */
export interface CompanyProfileResolverOptions {
  store: Pick<CompanyProfileStore, 'findCompanyProfileByDomain' | 'findCompanyProfileByName' | 'saveCompanyProfile'>;
  pages: SharedPageReader;
  provider: LlmProvider | null;
  search: SharedSearchReader | null;
  /** Profiles older than this are rebuilt by mode "all" runs. */
  ttlMs: number;
  now?: () => number;
  newId?: () => string;
}

// Sites that describe companies but are not theirs: never a company's own website.
const DIRECTORY_DOMAINS = new Set([
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
]);

/**
 * Turns a company table's `input` into the workspace's profile of that company. Stored profiles
 * are reused by every table; a stale one (older than the TTL) is rebuilt only when the cell asks
 * for fresh answers (mode "all"), and kept if rebuilding fails. Concurrent cells of one domain
 * share one build. A name is matched against stored profiles, then searched for.
 */
export class CompanyProfileResolver {
  private readonly building = new Map<string, Promise<ResolvedProfile>>();
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(private readonly options: CompanyProfileResolverOptions) {
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? (() => crypto.randomUUID());
  }

  async resolve(workspaceId: string, input: unknown, call: { signal: AbortSignal; runId: string | null; bypassCache: boolean }): Promise<ResolvedProfile> {
    const text = typeof input === 'string' ? input : input === null || input === undefined ? '' : String(input);
    let identifier = parseCompanyIdentifier(text);
    if (!identifier)
      throw new PermanentCellError(`'${text}' is not a company: give its domain (acme.com), a URL or its name`, { code: 'company_input_invalid' });
    if (identifier.kind === 'name') {
      const key = companyNameKey(identifier.name);
      const known = key ? await this.options.store.findCompanyProfileByName(workspaceId, key) : undefined;
      if (known && this.isUsable(known, call.bypassCache)) return reused(known);
      const found = await this.findWebsiteByName(identifier.name, call);
      identifier = parseCompanyIdentifier(found);
      if (identifier?.kind !== 'site')
        throw new PermanentCellError(`could not find the website of '${text}'; give its domain or URL instead`, { code: 'company_not_found' });
    }
    const inputDomain = identifier.kind === 'site' ? identifier.domain : identifier.host;
    const stored = await this.options.store.findCompanyProfileByDomain(workspaceId, inputDomain);
    if (stored && this.isUsable(stored, call.bypassCache)) return reused(stored);
    const startUrl = new URL('/', identifier.url).href;
    const isBareDomain = !/^[a-z][a-z0-9+.-]*:\/\//i.test(text.trim());
    const key = `${workspaceId}\n${inputDomain}`;
    let build = this.building.get(key);
    if (!build) {
      build = this.build(workspaceId, inputDomain, startUrl, isBareDomain, stored, call).finally(() => this.building.delete(key));
      this.building.set(key, build);
    }
    return build;
  }

  private async build(
    workspaceId: string,
    inputDomain: string,
    startUrl: string,
    isBareDomain: boolean,
    stored: CompanyProfileRecord | undefined,
    call: { signal: AbortSignal; runId: string | null; bypassCache: boolean },
  ): Promise<ResolvedProfile> {
    try {
      const home = await readHomePage(this.options, startUrl, isBareDomain, call);
      const canonical = registrableDomain(home.finalUrl) ?? new URL(home.finalUrl).hostname;
      if (canonical !== inputDomain) {
        // The input redirected to a site the workspace already knows: link the old name to it.
        const known = await this.options.store.findCompanyProfileByDomain(workspaceId, canonical);
        if (known && this.isUsable(known, call.bypassCache)) return reused(await this.options.store.saveCompanyProfile(known, [inputDomain]));
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
          fields: { ...built.fields },
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
      };
    } catch (error) {
      // A stale profile is still the best profile there is; refreshing it is an improvement, not a requirement.
      if (stored && !call.signal.aborted) return { ...reused(stored), refreshFailedBecause: error instanceof Error ? error.message : String(error) };
      throw error;
    }
  }

  /** Fresh profiles are always reused; stale ones too, unless the run asked for fresh answers. */
  private isUsable(profile: CompanyProfileRecord, bypassCache: boolean): boolean {
    const isFresh = this.now() - Date.parse(profile.asOf) < this.options.ttlMs;
    return isFresh || !bypassCache;
  }

  private async findWebsiteByName(name: string, call: { signal: AbortSignal; runId: string | null; bypassCache: boolean }): Promise<string> {
    if (!this.options.search) {
      throw new PermanentCellError(
        `cannot find the website of '${name}': no search provider is configured (set FATHOM_SEARCH_PROVIDER); give the company's domain or URL instead`,
        { code: 'company_name_needs_search' },
      );
    }
    const { results } = await this.options.search.search(`${name} official website`, call);
    const own = results.find((result) => {
      const domain = registrableDomain(result.url);
      return domain !== null && !DIRECTORY_DOMAINS.has(domain);
    });
    if (!own)
      throw new PermanentCellError(`a web search for '${name}' found no website that could be the company's own; give its domain or URL instead`, {
        code: 'company_not_found',
      });
    return new URL('/', own.url).href;
  }
}

function reused(profile: CompanyProfileRecord): ResolvedProfile {
  return { profile, isReused: true, refreshFailedBecause: null, enrichmentSkippedBecause: null, responses: [] };
}
