import { z } from 'zod';
import { SearchFiltersSchema } from '../../domain/company-search/search-filters.ts';
import { named } from './registry.ts';
import { queryInteger } from './query-values.ts';

/** Most results one request returns (contract §6.1). */
export const MAX_PAGE_LIMIT = 250;
/** The vendor CLI's default page size (contract §6.1, INFERENCE). */
export const DEFAULT_PAGE_LIMIT = 20;

export const SearchFiltersInputSchema = named(
  'SearchFilters',
  SearchFiltersSchema,
  'Narrow the candidates (contract §6.4). Unknown keys are refused. exclude.domains takes domains or URLs, reduced to registered domains, at most 1,000 after de-duplication.',
);

const PaginationSchema = z.strictObject({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(MAX_PAGE_LIMIT).default(DEFAULT_PAGE_LIMIT),
});

export const SearchRequestSchema = named(
  'CompanySearchRequest',
  z.object({
    q: z.string().min(1).max(2_000),
    filters: SearchFiltersInputSchema.nullish(),
    pagination: PaginationSchema.nullish(),
  }),
);

export const SimilarRequestSchema = named(
  'LookalikeSearchRequest',
  z.object({ filters: SearchFiltersInputSchema.nullish(), pagination: PaginationSchema.nullish() }),
);

/** Query of the deprecated GET forms; `filters` is SearchFilters as a JSON string. */
const pagingQuery = {
  filters: z.string().optional().describe('SearchFilters as URL-encoded JSON.'),
  offset: queryInteger.pipe(z.number().int().min(0)).default(0),
  limit: queryInteger.pipe(z.number().int().min(1).max(MAX_PAGE_LIMIT)).default(DEFAULT_PAGE_LIMIT),
};
export const SearchQuerySchema = z.object({
  q: z.string().min(1).max(2_000),
  ...pagingQuery,
  scope: z.string().optional().describe('Legacy (`personal` or `organization`); accepted and ignored: the index is the workspace.'),
});
export const SimilarQuerySchema = z.object(pagingQuery);

const nullableText = z.string().nullable();

const CompanySearchResultSchema = named(
  'CompanySearchResult',
  z.object({
    id: z.string(),
    domain: z.string(),
    name: z.string(),
    website: nullableText.describe("Extension: the site's home page after redirects."),
    short_description: nullableText,
    full_description: nullableText,
    products_services: nullableText,
    use_cases: nullableText,
    target_audience: nullableText,
    other_considerations: nullableText,
    founding_year: z.number().int().nullable(),
    employee_count: nullableText,
    hq_country: nullableText,
    hq_state_province: nullableText,
    hq_city: nullableText,
    hq_full_address: nullableText,
    social_profiles: z.record(z.string(), z.string()),
    website_authority: z.null().describe('Not computed by Fathom.'),
    sources: z.array(z.string()).describe('Extension: the pages (or import file) the profile came from.'),
    as_of: z.string().describe('Extension: when those pages were fetched.'),
    relevance_score: z.number().min(0).max(1).describe('How well the company matches, in [0, 1]; results are sorted by it.'),
  }),
  'A company of the index (contract §6.3).',
);

const FiltersEchoSchema = z.object({
  include: z.object({ size: z.array(z.string()), country: z.array(z.string()), city: z.array(z.string()) }),
  exclude: z.object({ size: z.array(z.string()), country: z.array(z.string()), city: z.array(z.string()), domains: z.array(z.string()) }),
  range: z.object({ founded: z.object({ min: z.number().int().nullable(), max: z.number().int().nullable() }) }),
});

const rankingFields = {
  ranking: z
    .enum(['lexical', 'hybrid'])
    .describe(
      'Extension: `lexical` (full text only: no embedding model is configured, or no profile has a vector yet) or `hybrid` (text and vectors fused by reciprocal rank).',
    ),
  ranking_note: nullableText.describe('Extension: why the ranking is lexical, when it is.'),
};

export const SearchResponseSchema = named(
  'SearchResponse',
  z.object({
    results: z.array(CompanySearchResultSchema),
    request: z.object({ offset: z.number().int(), limit: z.number().int(), query: z.string(), filters: FiltersEchoSchema, ...rankingFields }),
  }),
);

export const LookalikeResponseSchema = named(
  'LookalikeResponse',
  z.object({
    results: z.array(CompanySearchResultSchema),
    reference_company: CompanySearchResultSchema.omit({ relevance_score: true }),
    request: z.object({
      offset: z.number().int(),
      limit: z.number().int(),
      query: z.string().nullable().describe('The words the lookalike search asked the index for.'),
      filters: FiltersEchoSchema,
      reference_company_id: z.string(),
      ...rankingFields,
    }),
  }),
);
