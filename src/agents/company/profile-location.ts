import type { StructuredEntity } from '../../providers/spec/fetcher.ts';
import type { CompanyProfileFields } from './company-profile-fields.ts';

/** The headquarters fields of a profile, taken together from one source. */
export type HqLocation = Pick<CompanyProfileFields, 'hq_country' | 'hq_state_province' | 'hq_city' | 'hq_full_address'>;

const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });

/** HQ fields from an organisation's address: its parts when it has them, else its address line. */
export function hqFromAddress(entity: StructuredEntity): HqLocation | null {
  const parts = entity.addressParts;
  if (parts) {
    return {
      hq_country: parts.country ? countryName(parts.country) : null,
      hq_state_province: parts.region,
      hq_city: parts.locality,
      hq_full_address: entity.address,
    };
  }
  return entity.address ? locationFromLine(entity.address) : null;
}

/**
 * HQ fields from OpenGraph's business contact data (`business:contact_data:locality`,
 * `…:region`, `…:country_name`, `…:street_address`, `…:postal_code`), the site's own meta tags.
 */
export function hqFromOpenGraph(properties: Record<string, string[]>): HqLocation | null {
  const value = (name: string) => properties[`business:contact_data:${name}`]?.[0] ?? properties[`og:${name.replace('_', '-')}`]?.[0] ?? null;
  const street = value('street_address');
  const city = value('locality');
  const region = value('region');
  const postalCode = value('postal_code');
  const country = value('country_name');
  if (!city && !country && !street) return null;
  return {
    hq_country: country ? countryName(country) : null,
    hq_state_province: region,
    hq_city: city,
    hq_full_address: [street, city, region, postalCode, country].filter((part) => part !== null).join(', '),
  };
}

/**
 * An address line as written ("street, city, region, postcode, country"). Only the unambiguous
 * short form "City, CC" yields a city; anything longer stays a full address.
 */
export function locationFromLine(line: string): HqLocation {
  const parts = line
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const last = parts.at(-1) ?? '';
  const hasCountryCode = /^[A-Z]{2}$/.test(last);
  return {
    hq_full_address: line,
    hq_country: hasCountryCode ? countryName(last) : null,
    hq_state_province: null,
    hq_city: hasCountryCode && parts.length === 2 ? parts[0]! : null,
  };
}

/** A country name for a two-letter region code ("GB" → "United Kingdom"); anything else as written. */
export function countryName(written: string): string {
  if (!/^[A-Za-z]{2}$/.test(written)) return written;
  try {
    return REGION_NAMES.of(written.toUpperCase()) ?? written;
  } catch {
    // Not a region code after all ("EU" is one, "XX" is not): keep what the site wrote.
    return written;
  }
}
