import { companyNameKey, parseCompanyIdentifier } from '../company-identifier.ts';
import type { ValidationIssue } from '../errors.ts';
import { SIZE_BUCKETS } from './search-filters.ts';

/** A company as an import file gives it: a domain, and optionally the §6.3 fields of its profile. */
export interface ImportedCompany {
  domain: string;
  name?: string | null;
  [field: string]: unknown;
}

/** What an imported line becomes: a profile stored as given, or a bare domain to research. */
export type ImportedProfile =
  | { kind: 'profile'; domain: string; name: string | null; nameKey: string | null; fields: Record<string, unknown> }
  | { kind: 'domain'; domain: string };

const TEXT_KEYS = [
  'short_description',
  'full_description',
  'products_services',
  'use_cases',
  'target_audience',
  'other_considerations',
  'hq_country',
  'hq_state_province',
  'hq_city',
  'hq_full_address',
] as const;
const LIST_KEYS = ['business_types', 'target_markets', 'industry_tags'] as const;

/**
 * Read one imported company. Only the fields of §6.3 are kept (an import cannot write provenance
 * or another workspace's data); a line with nothing but a domain is a domain to research.
 * Problems name the field at `loc` (e.g. `['body', 'companies', 3]`).
 */
export function readImportedCompany(
  input: ImportedCompany,
  loc: (string | number)[],
): { ok: true; value: ImportedProfile } | { ok: false; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const parsed = typeof input.domain === 'string' ? parseCompanyIdentifier(input.domain) : null;
  if (parsed?.kind !== 'site') {
    issues.push({ loc: [...loc, 'domain'], msg: `'${String(input.domain)}' is not a domain or URL with a registrable domain`, type: 'value_error' });
  }
  const fields: Record<string, unknown> = {};
  for (const key of TEXT_KEYS) {
    const value = input[key];
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string') issues.push({ loc: [...loc, key], msg: 'Input should be a valid string', type: 'string_type' });
    else fields[key] = value.trim();
  }
  for (const key of LIST_KEYS) {
    const value = input[key];
    if (value === undefined || value === null) continue;
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
      issues.push({ loc: [...loc, key], msg: 'Input should be a valid list of strings', type: 'list_type' });
    else fields[key] = value;
  }
  if (input.founding_year !== undefined && input.founding_year !== null && input.founding_year !== '') {
    const year = Number(input.founding_year);
    if (!Number.isInteger(year) || year < 1000 || year > 9999)
      issues.push({ loc: [...loc, 'founding_year'], msg: 'Input should be a four-digit year', type: 'int_parsing' });
    else fields.founding_year = year;
  }
  if (input.employee_count !== undefined && input.employee_count !== null && input.employee_count !== '') {
    if (!(SIZE_BUCKETS as readonly unknown[]).includes(input.employee_count)) {
      issues.push({ loc: [...loc, 'employee_count'], msg: `Input should be one of ${SIZE_BUCKETS.join(', ')}`, type: 'enum' });
    } else fields.employee_count = input.employee_count;
  }
  if (input.social_profiles !== undefined && input.social_profiles !== null) {
    const social = input.social_profiles;
    if (typeof social !== 'object' || Array.isArray(social) || Object.values(social).some((url) => typeof url !== 'string')) {
      issues.push({ loc: [...loc, 'social_profiles'], msg: 'Input should be an object of profile URLs by network', type: 'dict_type' });
    } else fields.social_profiles = social;
  }
  const name = typeof input.name === 'string' && input.name.trim() !== '' ? input.name.trim() : null;
  if (issues.length > 0 || parsed?.kind !== 'site') return { ok: false, issues };
  if (name === null && Object.keys(fields).length === 0) return { ok: true, value: { kind: 'domain', domain: parsed.domain } };
  return { ok: true, value: { kind: 'profile', domain: parsed.domain, name, nameKey: name ? companyNameKey(name) : null, fields } };
}
