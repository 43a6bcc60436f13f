import type { Hono } from 'hono';
import { companyResult } from '../../agents/company/company-profile-answer.ts';
import { echoSearchFilters, normalizeSearchFilters, SearchFiltersSchema, type SearchFilters } from '../../domain/company-search/search-filters.ts';
import { lookalikeTerms } from '../../domain/company-search/search-terms.ts';
import { ValidationError } from '../../domain/errors.ts';
import type { Principal } from '../../domain/records.ts';
import {
  searchCompanies,
  similarCompanies,
  type HybridSearch,
  type RankedCompany,
  type SearchPage,
} from '../../services/company-search/company-search-service.ts';
import type { CompanyLookup } from '../../services/company-search/company-lookup-service.ts';
import type { ServiceContext } from '../../services/service-context.ts';
import type { CompanyProfileRecord } from '../../store/store.ts';
import { parseWith } from '../request-input.ts';
import { defineRoute, type AppEnvironment, type RouteCatalog } from '../route-definition.ts';
import {
  DEFAULT_PAGE_LIMIT,
  LookalikeResponseSchema,
  SearchQuerySchema,
  SearchRequestSchema,
  SearchResponseSchema,
  SimilarQuerySchema,
  SimilarRequestSchema,
} from '../schemas/company-search-schemas.ts';

const SEARCH_DESCRIPTION =
  "Companies of this workspace's index (every profile built by a table, a lookup or an import) ranked by how well " +
  'their name, description, offer, audience, place and industry words match `q`; filters narrow the candidates. ' +
  'With an embedding model (FATHOM_EMBEDDING_MODEL) the text ranking is fused by reciprocal rank with the ranking by meaning ' +
  '(`request.ranking: "hybrid"`); without one, or before the workers have embedded the profiles, it is lexical and `request.ranking_note` says why. ' +
  'Results are sorted by `relevance_score` (0–1), ties by id, so pages never repeat a company; paging stops at 2,000.';

const SIMILAR_DESCRIPTION =
  'Companies like the reference company (profile id, domain or URL): what it offers and whom it sells to, blended with ' +
  'size, country and founding year; with vectors, its nearest companies by meaning re-ranked by those. The reference company is never among the results; `exclude.domains` adds to it. ' +
  'Paging stops at 1,000. A domain the index lacks is researched first, as Company Lookup does; 404 when no company can be read there.';

export function registerCompanySearchRoutes(
  app: Hono<AppEnvironment>,
  catalog: RouteCatalog,
  services: ServiceContext,
  lookup: CompanyLookup,
  hybrid: HybridSearch | undefined,
): void {
  const search = async (principal: Principal, q: string, filters: SearchFilters | null | undefined, page: SearchPage, filtersLoc: (string | number)[]) => {
    const normalized = normalizeOrThrow(filters, filtersLoc);
    const { results, ranking } = await searchCompanies(services.store, principal.workspace.id, { q, filters: normalized, page }, hybrid);
    return {
      results: results.map(presentResult),
      request: { offset: page.offset, limit: page.limit, query: q, filters: echoSearchFilters(filters), ...ranking },
    };
  };
  const similar = async (
    principal: Principal,
    identifier: string,
    filters: SearchFilters | null | undefined,
    page: SearchPage,
    filtersLoc: (string | number)[],
  ) => {
    const normalized = normalizeOrThrow(filters, filtersLoc);
    // A seed the index lacks is built on demand, as a lookup would (404 when no company can be read there).
    const seed = await lookup.find(principal.workspace.id, identifier);
    const { results, ranking } = await similarCompanies(services.store, seed, { filters: normalized, page }, hybrid);
    return {
      results: results.map(presentResult),
      reference_company: presentProfile(seed),
      request: {
        offset: page.offset,
        limit: page.limit,
        query: lookalikeTerms(seed.fields).join(' '),
        filters: echoSearchFilters(filters),
        reference_company_id: seed.id,
        ...ranking,
      },
    };
  };

  defineRoute(
    app,
    catalog,
    {
      method: 'post',
      path: '/v1/companies/search',
      operationId: 'search_companies_post_v1_companies_search_post',
      summary: 'Search companies',
      description: SEARCH_DESCRIPTION,
      tag: 'companies',
      body: SearchRequestSchema,
      response: SearchResponseSchema,
      errors: [401],
    },
    async ({ context, principal, body }) => context.json(await search(principal, body.q, body.filters, pageOf(body.pagination), ['body', 'filters'])),
  );

  defineRoute(
    app,
    catalog,
    {
      method: 'get',
      path: '/v1/companies/search',
      operationId: 'search_companies_v1_companies_search_get',
      summary: 'Search companies (deprecated: use POST)',
      description: `${SEARCH_DESCRIPTION} \`filters\` is SearchFilters as URL-encoded JSON.`,
      tag: 'companies',
      query: SearchQuerySchema,
      response: SearchResponseSchema,
      errors: [401],
    },
    async ({ context, principal, query }) =>
      context.json(await search(principal, query.q, filtersFromQuery(query.filters), { offset: query.offset, limit: query.limit }, ['query', 'filters'])),
  );

  defineRoute(
    app,
    catalog,
    {
      method: 'post',
      path: '/v1/companies/{company_identifier}/similar',
      operationId: 'similar_companies_post_v1_companies__company_identifier__similar_post',
      summary: 'Lookalike search',
      description: SIMILAR_DESCRIPTION,
      tag: 'companies',
      body: SimilarRequestSchema,
      isBodyOptional: true,
      response: LookalikeResponseSchema,
      errors: [401, 404],
    },
    async ({ context, principal, params, body }) =>
      context.json(await similar(principal, params.company_identifier ?? '', body.filters, pageOf(body.pagination), ['body', 'filters'])),
  );

  defineRoute(
    app,
    catalog,
    {
      method: 'get',
      path: '/v1/companies/{company_identifier}/similar',
      operationId: 'similar_companies_v1_companies__company_identifier__similar_get',
      summary: 'Lookalike search (deprecated: use POST)',
      description: `${SIMILAR_DESCRIPTION} \`filters\` is SearchFilters as URL-encoded JSON.`,
      tag: 'companies',
      query: SimilarQuerySchema,
      response: LookalikeResponseSchema,
      errors: [401, 404],
    },
    async ({ context, principal, params, query }) =>
      context.json(
        await similar(principal, params.company_identifier ?? '', filtersFromQuery(query.filters), { offset: query.offset, limit: query.limit }, [
          'query',
          'filters',
        ]),
      ),
  );
}

function pageOf(pagination: { offset: number; limit: number } | null | undefined): SearchPage {
  return { offset: pagination?.offset ?? 0, limit: pagination?.limit ?? DEFAULT_PAGE_LIMIT };
}

/** The GET forms carry SearchFilters as a JSON string; a bad one is a 422 at `query.filters`. */
function filtersFromQuery(text: string | undefined): SearchFilters | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw ValidationError.single(['query', 'filters'], `JSON decode error: ${(error as Error).message}`, 'json_invalid');
  }
  return parseWith(SearchFiltersSchema, value, ['query', 'filters']);
}

function normalizeOrThrow(filters: SearchFilters | null | undefined, loc: (string | number)[]) {
  const normalized = normalizeSearchFilters(filters, loc);
  if (!normalized.ok) throw new ValidationError(normalized.issues);
  return normalized.filters;
}

function presentProfile(profile: CompanyProfileRecord) {
  const { provenance: _provenance, ...result } = companyResult(profile);
  return result;
}

function presentResult(ranked: RankedCompany) {
  // Rounded so the wire shows a stable number; clamped because the contract promises [0, 1].
  return { ...presentProfile(ranked.profile), relevance_score: Math.min(1, Math.max(0, Math.round(ranked.relevance * 1e6) / 1e6)) };
}
