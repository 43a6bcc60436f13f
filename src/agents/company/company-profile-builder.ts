import { PermanentCellError } from '../../engine/cell-executor.ts';
import { FetchError, type FetchedPage } from '../../providers/spec/fetcher.ts';
import type { LlmProvider, LlmResponse } from '../../providers/spec/llm.ts';
import type { SharedPageReader } from '../research/shared-page-reader.ts';
import { registrableDomain } from '../../domain/company-identifier.ts';
import type { CompanyProfileFields } from './company-profile-fields.ts';
import { extractProfileFacts, type ProfileFacts } from './extract-profile-facts.ts';
import { enrichProfileFields } from './profile-enrichment.ts';

/** A profile as read from the web, before it is stored. */
export interface BuiltProfile {
  /** Registrable domain of the site's home page after redirects (or its host, for an IP address). */
  domain: string;
  website: string;
  name: string | null;
  fields: CompanyProfileFields;
  sources: string[];
  /** The page each markup fact was read from ("model" for fields the model filled). */
  fieldSources: Record<string, string>;
  /** Facts the site's own sources stated differently, with the one kept. */
  conflicts: ProfileFacts['conflicts'];
  /** Organisations on the pages whose facts were not taken, and why. */
  ignoredOrganizations: ProfileFacts['ignoredOrganizations'];
  asOf: string;
  /** The model call that completed the profile, if one was made. */
  response: LlmResponse | null;
  /** Why the model could not complete the profile, when it could not. */
  enrichmentSkippedBecause: string | null;
}

/** Reading the home page, and deciding to stop early when its site already has a profile. */
export interface ProfileBuildSteps {
  pages: SharedPageReader;
  /** The model for the fields markup does not give; null builds from markup alone. */
  provider: LlmProvider | null;
}

// Section pages read besides the home page: where companies say who they are and where.
const PROFILE_SECTIONS = ['about', 'contact'] as const;

/**
 * Reads a company's home page (following redirects: the domain that answers is the canonical
 * one), then its about and contact pages, and builds the profile: markup first
 * (`extractProfileFacts`), the model for what markup leaves empty. A bare domain is tried over
 * https first and over http when https cannot be reached.
 */
export async function readHomePage(
  steps: ProfileBuildSteps,
  startUrl: string,
  isBareDomain: boolean,
  call: { signal: AbortSignal; runId: string | null; bypassCache: boolean },
): Promise<FetchedPage> {
  const read = (url: string) => steps.pages.read(url, { ...call, purpose: 'company_profile:home' }).then((result) => result.page);
  try {
    return await read(startUrl);
  } catch (error) {
    const canFallBack =
      isBareDomain && startUrl.startsWith('https:') && error instanceof FetchError && (error.code === 'network_error' || error.code === 'timeout');
    if (canFallBack) return read(startUrl.replace(/^https:/, 'http:')).catch((fallbackError: unknown) => rethrowAsCellError(fallbackError, startUrl));
    return rethrowAsCellError(error, startUrl);
  }
}

/** Builds the profile from a home page already read. */
export async function buildProfileFromHome(
  steps: ProfileBuildSteps,
  home: FetchedPage,
  call: { signal: AbortSignal; runId: string | null; bypassCache: boolean },
): Promise<BuiltProfile> {
  const finalUrl = new URL(home.finalUrl);
  const domain = registrableDomain(finalUrl.href) ?? finalUrl.hostname;
  const sectionUrls = PROFILE_SECTIONS.flatMap((kind) => {
    const link = home.metadata.links.internalPages.find(
      (candidate) => candidate.kind === kind && registrableDomain(candidate.url) === registrableDomain(home.finalUrl),
    );
    return link ? [link.url] : [];
  });
  const sections = await Promise.all(
    sectionUrls.map((url) =>
      steps.pages
        .read(url, { ...call, purpose: 'company_profile:section' })
        .then((result) => result.page)
        .catch((error: unknown) => {
          // A missing about page leaves gaps; it is not a reason to fail the profile.
          if (call.signal.aborted) throw call.signal.reason;
          return error instanceof FetchError ? null : Promise.reject(error);
        }),
    ),
  );
  const pages = [home, ...sections.filter((page): page is FetchedPage => page !== null)];
  const facts = extractProfileFacts(pages, domain);
  let response: LlmResponse | null = null;
  let skippedBecause: string | null = null;
  const sources = new Set([home.finalUrl, ...facts.sources]);
  if (steps.provider) {
    const enrichment = await enrichProfileFields(steps.provider, { name: facts.name, domain, fields: facts.fields, pages }, call);
    Object.assign(facts.fields, enrichment.filled);
    for (const field of Object.keys(enrichment.filled)) facts.fieldSources[field] = 'model';
    response = enrichment.response;
    skippedBecause = enrichment.skippedBecause;
    if (Object.keys(enrichment.filled).length > 0) for (const page of pages) sources.add(page.finalUrl);
  }
  return {
    domain,
    website: `${finalUrl.origin}/`,
    name: facts.name,
    fields: facts.fields,
    fieldSources: facts.fieldSources,
    conflicts: facts.conflicts,
    ignoredOrganizations: facts.ignoredOrganizations,
    sources: [...sources],
    asOf: home.fetchedAt,
    response,
    enrichmentSkippedBecause: skippedBecause,
  };
}

function rethrowAsCellError(error: unknown, url: string): never {
  // Refusals (private addresses, robots.txt, 404) will not change on retry: fail the cell with the
  // fetcher's own sentence. Transient failures go back to the engine to be retried with backoff.
  if (error instanceof FetchError && !error.isRetryable) {
    throw new PermanentCellError(`could not read the company's website ${url}: ${error.message}`, { cause: error, code: `fetch_${error.code}` });
  }
  throw error;
}
