import { cityKey, countryKey } from './country-names.ts';
import { SIZE_BUCKETS } from './search-filters.ts';

/** The text of a profile as the index reads it, one field per weight class. */
export interface SearchDocument {
  name: string;
  /** The domain split into words (`acme-robotics.co.uk` → `acme robotics co uk`). */
  domain: string;
  /** Short and full description. */
  about: string;
  /** Products and services, use cases, other considerations. */
  offer: string;
  /** Whom it sells to. */
  audience: string;
  /** City, state or province, country. */
  place: string;
  /** Industry words a profile may carry (`industry_tags`, `business_types`, `target_markets`, `industry`). */
  tags: string;
}

/** What the filters of §6.4 compare, stored beside the profile so they are indexed columns. */
export interface SearchFirmographics {
  sizeBucket: string | null;
  countryKey: string | null;
  cityKey: string | null;
  foundingYear: number | null;
}

export function searchDocument(profile: { name: string | null; domain: string; fields: Record<string, unknown> }): SearchDocument {
  const fields = profile.fields;
  return {
    name: profile.name ?? '',
    domain: profile.domain.replace(/[.-]+/g, ' '),
    about: joinText(fields.short_description, fields.full_description),
    offer: joinText(fields.products_services, fields.use_cases, fields.other_considerations),
    audience: joinText(fields.target_audience),
    // The country's usual name too, so "Germany" finds a profile that says "Deutschland" or "DE".
    place: joinText(fields.hq_city, fields.hq_state_province, fields.hq_country, countryKey(typeof fields.hq_country === 'string' ? fields.hq_country : null)),
    tags: joinText(fields.industry_tags, fields.business_types, fields.target_markets, fields.industry),
  };
}

export function searchFirmographics(fields: Record<string, unknown>): SearchFirmographics {
  const size = typeof fields.employee_count === 'string' && (SIZE_BUCKETS as readonly string[]).includes(fields.employee_count) ? fields.employee_count : null;
  const year = typeof fields.founding_year === 'number' && Number.isInteger(fields.founding_year) ? fields.founding_year : null;
  return {
    sizeBucket: size,
    countryKey: countryKey(typeof fields.hq_country === 'string' ? fields.hq_country : null),
    cityKey: cityKey(typeof fields.hq_city === 'string' ? fields.hq_city : null),
    foundingYear: year,
  };
}

function joinText(...values: unknown[]): string {
  return values
    .flatMap((value) => (Array.isArray(value) ? value : [value]))
    .filter((value): value is string => typeof value === 'string' && value.trim() !== '')
    .join(' ');
}
