import { z } from 'zod';
import { parseCompanyIdentifier } from '../company-identifier.ts';
import type { ValidationIssue } from '../errors.ts';
import { cityKey, countryKey } from './country-names.ts';

/** The size buckets of contract §6.4, smallest first. */
export const SIZE_BUCKETS = ['1-10', '11-50', '51-200', '201-500', '501-1000', '1001-5000', '5001-10000', '10001+'] as const;

/** Most domains one search may exclude, after de-duplication (§6.4). */
export const MAX_EXCLUDED_DOMAINS = 1_000;

const placeList = z.array(z.string().min(1));
const sizeList = z.array(z.enum(SIZE_BUCKETS));
const year = z.number().int();

/** SearchFilters of contract §6.4, as sent; unknown keys anywhere are refused (extra_forbidden). */
export const SearchFiltersSchema = z.strictObject({
  include: z.strictObject({ size: sizeList.optional(), country: placeList.optional(), city: placeList.optional() }).nullish(),
  exclude: z
    .strictObject({ size: sizeList.optional(), country: placeList.optional(), city: placeList.optional(), domains: z.array(z.string()).optional() })
    .nullish(),
  range: z.strictObject({ founded: z.strictObject({ min: year.nullish(), max: year.nullish() }).nullish() }).nullish(),
});

export type SearchFilters = z.output<typeof SearchFiltersSchema>;

/** Filters reduced to what the index compares: size buckets, country and city keys, registrable domains. */
export interface NormalizedSearchFilters {
  includeSizes: string[];
  excludeSizes: string[];
  includeCountries: string[];
  excludeCountries: string[];
  includeCities: string[];
  excludeCities: string[];
  /** Registrable domains; profiles whose own domain or a recorded alias is one of these are left out. */
  excludeDomains: string[];
  foundedMin: number | null;
  foundedMax: number | null;
}

export type FilterNormalization = { ok: true; filters: NormalizedSearchFilters } | { ok: false; issues: ValidationIssue[] };

/**
 * Reduce validated filters for the index. `exclude.domains` entries may be URLs or sub-domains
 * (`https://www.stripe.com/pricing`, `blog.stripe.com`): each becomes its registrable domain;
 * one that has none is a 422 at its index, and more than 1,000 distinct domains is a 422 on the list.
 * `loc` is the location of the filters object in the request (`['body', 'filters']`).
 */
export function normalizeSearchFilters(filters: SearchFilters | undefined | null, loc: (string | number)[]): FilterNormalization {
  const issues: ValidationIssue[] = [];
  const excludeDomains = new Set<string>();
  (filters?.exclude?.domains ?? []).forEach((entry, index) => {
    const parsed = parseCompanyIdentifier(entry);
    if (parsed?.kind !== 'site') {
      issues.push({ loc: [...loc, 'exclude', 'domains', index], msg: `'${entry}' is not a domain or URL with a registrable domain`, type: 'value_error' });
      return;
    }
    excludeDomains.add(parsed.domain);
  });
  if (excludeDomains.size > MAX_EXCLUDED_DOMAINS) {
    issues.push({
      loc: [...loc, 'exclude', 'domains'],
      msg: `at most ${MAX_EXCLUDED_DOMAINS} distinct domains may be excluded (got ${excludeDomains.size}); narrow the list or filter the results yourself`,
      type: 'too_long',
    });
  }
  const founded = filters?.range?.founded;
  if (founded?.min != null && founded.max != null && founded.min > founded.max) {
    issues.push({ loc: [...loc, 'range', 'founded'], msg: `min (${founded.min}) is after max (${founded.max})`, type: 'value_error' });
  }
  if (issues.length > 0) return { ok: false, issues };
  const keys = (values: string[] | undefined, key: (text: string) => string | null) => [
    ...new Set((values ?? []).map(key).filter((value): value is string => value !== null)),
  ];
  return {
    ok: true,
    filters: {
      includeSizes: [...new Set(filters?.include?.size ?? [])],
      excludeSizes: [...new Set(filters?.exclude?.size ?? [])],
      includeCountries: keys(filters?.include?.country, countryKey),
      excludeCountries: keys(filters?.exclude?.country, countryKey),
      includeCities: keys(filters?.include?.city, cityKey),
      excludeCities: keys(filters?.exclude?.city, cityKey),
      excludeDomains: [...excludeDomains],
      foundedMin: founded?.min ?? null,
      foundedMax: founded?.max ?? null,
    },
  };
}

/** The filters echoed in a response's `request`: every section present, lists empty when not given. */
export function echoSearchFilters(filters: SearchFilters | undefined | null) {
  return {
    include: { size: filters?.include?.size ?? [], country: filters?.include?.country ?? [], city: filters?.include?.city ?? [] },
    exclude: {
      size: filters?.exclude?.size ?? [],
      country: filters?.exclude?.country ?? [],
      city: filters?.exclude?.city ?? [],
      domains: filters?.exclude?.domains ?? [],
    },
    range: { founded: { min: filters?.range?.founded?.min ?? null, max: filters?.range?.founded?.max ?? null } },
  };
}
