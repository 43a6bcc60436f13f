import type { FetchedPage, JsonLdEntity, SocialProfileLink } from '../../providers/spec/fetcher.ts';
import { classifySocialProfile } from '../../providers/fetch/social-profiles.ts';
import { companyNameKey, registrableDomain } from '../../domain/company-identifier.ts';
import { emptyProfileFields, employeeCountBucket, foundingYearOf, type CompanyProfileFields } from './company-profile-fields.ts';

/** What markup alone says about a company: no model involved, so every value is as written. */
export interface ProfileFacts {
  name: string | null;
  fields: CompanyProfileFields;
  /** Pages that contributed at least one fact. */
  sources: string[];
}

// The networks a profile lists, keyed as contract §6.3 suggests.
const PROFILE_KEYS: Partial<Record<SocialProfileLink['network'], string>> = {
  linkedin_company: 'linkedin',
  x: 'x',
  github: 'github',
  youtube: 'youtube',
  crunchbase: 'crunchbase',
  facebook: 'facebook',
  instagram: 'instagram',
};

/**
 * Reads a company's profile facts from its pages' markup, home page first: the schema.org
 * Organization in JSON-LD (name, description, founding date, employees, address, sameAs), then
 * OpenGraph and meta tags, then the title; social profiles from links and sameAs. Values in
 * earlier pages win, and JSON-LD wins over meta tags.
 */
export function extractProfileFacts(pages: FetchedPage[], domain: string, now: Date = new Date()): ProfileFacts {
  const fields = emptyProfileFields();
  const sources = new Set<string>();
  const note = <T>(value: T | null, page: FetchedPage): T | null => {
    if (value !== null && value !== undefined && value !== '') sources.add(page.finalUrl);
    return value === '' ? null : value;
  };
  let name: string | null = null;
  for (const page of pages) {
    const organization = mainOrganization(page.metadata.jsonLd, domain);
    name ??= note(organization?.name ?? page.metadata.openGraph['site_name'] ?? null, page);
    fields.short_description ??= note(organization?.description ?? page.metadata.description ?? page.metadata.openGraph['description'] ?? null, page);
    fields.founding_year ??= note(foundingYearOf(organization?.foundingDate, now), page);
    fields.employee_count ??= note(employeeCountBucket(organization?.numberOfEmployees), page);
    if (organization && fields.hq_full_address === null) Object.assign(fields, note(locationOf(organization), page) ?? {});
    for (const profile of socialProfilesOf(page, organization)) {
      const key = PROFILE_KEYS[profile.network];
      if (key && !(key in fields.social_profiles)) {
        fields.social_profiles[key] = profile.url;
        sources.add(page.finalUrl);
      }
    }
  }
  const home = pages[0];
  if (name === null && home) name = note(nameFromTitle(home.title, domain), home);
  return { name, fields, sources: [...sources] };
}

/** The Organization the site is about: one whose URL is on the site's domain, else the first. */
function mainOrganization(entities: JsonLdEntity[], domain: string): JsonLdEntity | null {
  const organizations = entities.filter((entity) => entity.kind === 'organization');
  return organizations.find((entity) => entity.url !== null && registrableDomain(entity.url) === domain) ?? organizations[0] ?? null;
}

function socialProfilesOf(page: FetchedPage, organization: JsonLdEntity | null): SocialProfileLink[] {
  const fromSameAs = (organization?.sameAs ?? []).flatMap((link) => {
    const url = URL.parse(link);
    const profile = url ? classifySocialProfile(url) : null;
    return profile ? [profile] : [];
  });
  return [...fromSameAs, ...page.metadata.links.social];
}

const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });

/** HQ fields from a schema.org PostalAddress (a node, or a plain address string). */
function locationOf(organization: JsonLdEntity): Partial<CompanyProfileFields> | null {
  const raw = organization.properties['address'];
  const address = Array.isArray(raw) ? raw[0] : raw;
  if (address && typeof address === 'object' && !isReference(address)) {
    const part = (key: string) => textOf((address as Record<string, unknown>)[key]);
    const countryCode =
      part('addressCountry') ?? textOf(((address as Record<string, unknown>)['addressCountry'] as Record<string, unknown> | undefined)?.['name']);
    return {
      hq_country: countryCode ? countryName(countryCode) : null,
      hq_state_province: part('addressRegion'),
      hq_city: part('addressLocality'),
      hq_full_address: organization.address,
    };
  }
  return organization.address ? locationFromLine(organization.address) : null;
}

/** `{"@id": …}`: the address node is elsewhere in the graph; only its joined line reached the entity. */
function isReference(value: object): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === '@id';
}

/**
 * An address line as joined from a PostalAddress ("street, city, region, postcode, country").
 * Only the unambiguous short form "City, CC" yields a city; anything longer stays a full address.
 */
function locationFromLine(line: string): Partial<CompanyProfileFields> {
  const parts = line
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const last = parts.at(-1) ?? '';
  const hasCountryCode = /^[A-Z]{2}$/.test(last);
  return {
    hq_full_address: line,
    hq_country: hasCountryCode ? countryName(last) : null,
    hq_city: hasCountryCode && parts.length === 2 ? parts[0]! : null,
  };
}

function countryName(written: string): string {
  if (!/^[A-Za-z]{2}$/.test(written)) return written;
  try {
    return REGION_NAMES.of(written.toUpperCase()) ?? written;
  } catch {
    // Not a region code after all ("EU" is one, "XX" is not): keep what the site wrote.
    return written;
  }
}

function textOf(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/**
 * A company name from a page title such as "Acme Robotics — Warehouse robots" or
 * "Home | Acme": the part that looks most like the domain, else the first part.
 */
export function nameFromTitle(title: string | null, domain: string): string | null {
  if (!title) return null;
  const parts = title
    .split(/\s+[|–—·:-]\s+|\s*[|–—·]\s*/)
    .map((part) => part.trim())
    .filter((part) => part !== '' && !/^(home|welcome|homepage)$/i.test(part));
  if (parts.length === 0) return null;
  const label = companyNameKey(domain.split('.')[0] ?? '') ?? '';
  const matching = parts.find((part) => {
    const key = companyNameKey(part) ?? '';
    return label !== '' && (key.includes(label) || label.includes(key));
  });
  return matching ?? parts[0]!;
}
