import type { SearchFilters, ValidationIssue } from '../api/api-types.ts';

/**
 * The size buckets of contract §6.4, smallest first. A copy of the server's SIZE_BUCKETS
 * (src/domain/company-search/search-filters.ts imports zod, which the grid's bundle does not
 * carry); search-form.test.ts fails when the two differ.
 */
export const SIZE_BUCKETS = ['1-10', '11-50', '51-200', '201-500', '501-1000', '1001-5000', '5001-10000', '10001+'] as const;

/** Most domains one search may exclude (§6.4). */
export const MAX_EXCLUDED_DOMAINS = 1_000;

/** What the Find companies form holds, as typed. */
export interface SearchForm {
  /** `describe`: a query; `like`: companies similar to the domain in `text`. */
  mode: 'describe' | 'like';
  text: string;
  sizes: string[];
  /** Comma-separated country names. */
  countries: string;
  excludeCountries: string;
  /** Comma-separated city names. */
  cities: string;
  foundedFrom: string;
  foundedTo: string;
  /** Domains or URLs, one per line or separated by commas. */
  excludeDomains: string;
}

export const EMPTY_SEARCH_FORM: SearchForm = {
  mode: 'describe',
  text: '',
  sizes: [],
  countries: '',
  excludeCountries: '',
  cities: '',
  foundedFrom: '',
  foundedTo: '',
  excludeDomains: '',
};

/** The request the form makes, or the problems to fix first (in the form's own words). */
export type SearchRequest =
  | { ok: true; mode: 'describe'; query: string; filters: SearchFilters | undefined }
  | { ok: true; mode: 'like'; domain: string; filters: SearchFilters | undefined }
  | { ok: false; problems: string[] };

function listOf(text: string, separator: RegExp): string[] {
  return [
    ...new Set(
      text
        .split(separator)
        .map((item) => item.trim())
        .filter((item) => item !== ''),
    ),
  ];
}

function yearOf(text: string, label: string, problems: string[]): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (!/^\d{1,4}$/.test(trimmed)) {
    problems.push(`${label} must be a year, such as 2015.`);
    return undefined;
  }
  return Number(trimmed);
}

/**
 * The SearchFilters body (§6.4) for the form: only the sections the user filled, so an empty
 * form sends no filters at all. Checks what the browser can check; whether each excluded domain
 * has a registrable domain is the server's call (its 422 reads through `describeSearchIssue`).
 */
export function buildSearchRequest(form: SearchForm): SearchRequest {
  const problems: string[] = [];
  const text = form.text.trim();
  if (text === '') problems.push(form.mode === 'like' ? 'Type the domain of a company to find lookalikes of.' : 'Describe the companies to find.');
  if (form.mode === 'like' && /\s/.test(text)) problems.push('A lookalike search starts from one domain, such as stripe.com.');

  const min = yearOf(form.foundedFrom, 'Founded from', problems);
  const max = yearOf(form.foundedTo, 'Founded until', problems);
  if (min !== undefined && max !== undefined && min > max) problems.push(`Founded from (${min}) is after founded until (${max}).`);
  const excludeDomains = listOf(form.excludeDomains, /[\s,]+/);
  if (excludeDomains.length > MAX_EXCLUDED_DOMAINS) {
    problems.push(`At most ${MAX_EXCLUDED_DOMAINS.toLocaleString()} domains can be excluded; this list has ${excludeDomains.length.toLocaleString()}.`);
  }
  if (problems.length > 0) return { ok: false, problems };

  const include: NonNullable<SearchFilters['include']> = {};
  const sizes = SIZE_BUCKETS.filter((bucket) => form.sizes.includes(bucket));
  if (sizes.length > 0) include.size = sizes;
  const countries = listOf(form.countries, /,/);
  if (countries.length > 0) include.country = countries;
  const cities = listOf(form.cities, /,/);
  if (cities.length > 0) include.city = cities;
  const exclude: NonNullable<SearchFilters['exclude']> = {};
  const excludeCountries = listOf(form.excludeCountries, /,/);
  if (excludeCountries.length > 0) exclude.country = excludeCountries;
  if (excludeDomains.length > 0) exclude.domains = excludeDomains;

  const filters: SearchFilters = {};
  if (Object.keys(include).length > 0) filters.include = include;
  if (Object.keys(exclude).length > 0) filters.exclude = exclude;
  if (min !== undefined || max !== undefined) filters.range = { founded: { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) } };
  const sent = Object.keys(filters).length > 0 ? filters : undefined;
  return form.mode === 'like' ? { ok: true, mode: 'like', domain: text, filters: sent } : { ok: true, mode: 'describe', query: text, filters: sent };
}

/** How many filters the form sets (shown on the collapsed filters' summary). */
export function countFilters(form: SearchForm): number {
  return [
    form.sizes.length > 0,
    form.countries.trim() !== '',
    form.excludeCountries.trim() !== '',
    form.cities.trim() !== '',
    form.foundedFrom.trim() !== '' || form.foundedTo.trim() !== '',
    form.excludeDomains.trim() !== '',
  ].filter(Boolean).length;
}

const FIELD_LABELS: Record<string, string> = {
  q: 'Description',
  'filters.include.size': 'Size',
  'filters.include.country': 'Countries',
  'filters.include.city': 'Cities',
  'filters.exclude.country': 'Leave out countries',
  'filters.exclude.domains': 'Leave out domains',
  'filters.range.founded': 'Founded',
  'filters.range.founded.min': 'Founded from',
  'filters.range.founded.max': 'Founded until',
  'pagination.limit': 'Results per page',
};

/**
 * A 422 issue of a search as the form says it: `["body","filters","exclude","domains",1]` with
 * "'x' is not a domain…" reads "Leave out domains, entry 2: 'x' is not a domain…". Issues about
 * the path (a lookalike's seed domain) read as their message.
 */
export function describeSearchIssue(issue: ValidationIssue): string {
  if (issue.loc[0] === 'path') return `Lookalikes of: ${issue.msg}`;
  const parts = issue.loc[0] === 'body' || issue.loc[0] === 'query' ? issue.loc.slice(1) : issue.loc;
  const names = parts.filter((part): part is string => typeof part === 'string');
  const index = parts.find((part): part is number => typeof part === 'number');
  const label = FIELD_LABELS[names.join('.')] ?? (names.join(' › ') || 'The search');
  return `${label}${index !== undefined ? `, entry ${index + 1}` : ''}: ${issue.msg}`;
}
