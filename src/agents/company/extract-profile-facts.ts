import { companyNameKey } from '../../domain/company-identifier.ts';
import { classifySocialProfile } from '../../providers/fetch/social-profiles.ts';
import type { FetchedPage, SocialProfileLink, StructuredEntity } from '../../providers/spec/fetcher.ts';
import { emptyProfileFields, employeeCountBucket, foundingYearOf, type CompanyProfileFields } from './company-profile-fields.ts';
import { classifyOrganizations, type ForeignOrganization, siteNameKeys } from './own-organization.ts';
import { hqFromAddress, hqFromOpenGraph, type HqLocation } from './profile-location.ts';

/** A fact two of the site's own sources state differently: the one kept and the ones set aside. */
export interface FactConflict {
  field: string;
  kept: { value: unknown; source: string };
  rejected: Array<{ value: unknown; source: string; because: string }>;
}

/** What markup alone says about a company: no model involved, so every value is as written. */
export interface ProfileFacts {
  name: string | null;
  fields: CompanyProfileFields;
  /** Pages that contributed at least one fact. */
  sources: string[];
  /** The page each filled field was read from. */
  fieldSources: Record<string, string>;
  /** Facts the site's own sources disagree on, resolved by the ownership ranking. */
  conflicts: FactConflict[];
  /** Organisations on the pages whose facts were not used, and why (another company's review, a founder's university). */
  ignoredOrganizations: Array<{ name: string | null; page: string; because: string }>;
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

interface RankedOrganization {
  entity: StructuredEntity;
  score: number;
  page: FetchedPage;
  pageIndex: number;
}

/**
 * Reads a company's profile facts from its pages' markup (home page first). Facts come only
 * from the site's own organisation (`classifyOrganizations`): the strongest-evidenced one first,
 * across all syntaxes and pages; where another own source states a different founding year,
 * size, headquarters, name or social profile, the stronger one is kept and the other recorded
 * as a conflict, never merged. Then the site's own meta tags (OpenGraph `site_name`,
 * `business:contact_data`, `twitter:site`, `article:publisher`, the description), then its
 * links; a social link that belongs to another organisation on the page is not taken.
 */
export function extractProfileFacts(pages: FetchedPage[], domain: string, now: Date = new Date()): ProfileFacts {
  const fields = emptyProfileFields();
  const fieldSources: Record<string, string> = {};
  const conflicts: FactConflict[] = [];
  const ranked: RankedOrganization[] = [];
  const foreign: Array<ForeignOrganization & { page: FetchedPage }> = [];
  pages.forEach((page, pageIndex) => {
    const siteNames = [page.metadata.openGraph['site_name']].filter((name): name is string => typeof name === 'string');
    const verdict = classifyOrganizations(page.metadata.structuredData, { domain, siteNames });
    for (const own of verdict.own) ranked.push({ entity: own.entity, score: own.score, page, pageIndex });
    for (const other of verdict.foreign) foreign.push({ ...other, page });
  });
  ranked.sort((a, b) => b.score - a.score || a.pageIndex - b.pageIndex);

  const take = <T>(
    field: string,
    candidates: Array<{ value: T | null; source: string; because?: string }>,
    isSame: (a: T, b: T) => boolean = Object.is,
  ): T | null => {
    const present = candidates.filter((candidate): candidate is { value: T; source: string; because?: string } => candidate.value !== null);
    const [kept, ...rest] = present;
    if (!kept) return null;
    fieldSources[field] = kept.source;
    const rejected = rest.filter((candidate) => !isSame(kept.value, candidate.value));
    if (rejected.length > 0)
      conflicts.push({
        field,
        kept: { value: kept.value, source: kept.source },
        rejected: rejected.map((candidate) => ({
          value: candidate.value,
          source: candidate.source,
          because: candidate.because ?? 'a weaker claim to be the company',
        })),
      });
    return kept.value;
  };
  const fromOwn = <T>(read: (entity: StructuredEntity) => T | null) =>
    ranked.map((candidate) => ({
      value: read(candidate.entity),
      source: candidate.page.finalUrl,
      because: `stated by a less certain own organisation (score ${candidate.score} against ${ranked[0]?.score})`,
    }));
  const fromPages = <T>(read: (page: FetchedPage) => T | null) => pages.map((page) => ({ value: read(page), source: page.finalUrl }));

  const ownName = take(
    'name',
    fromOwn((entity) => entity.name ?? entity.legalName),
    sameCompanyName,
  );
  const name =
    ownName ??
    take(
      'name',
      fromPages((page) => page.metadata.openGraph['site_name'] ?? null),
    ) ??
    null;
  fields.short_description = take(
    'short_description',
    [...fromOwn((entity) => entity.description), ...fromPages((page) => page.metadata.description ?? page.metadata.openGraph['description'] ?? null)],
    () => true,
  );
  fields.founding_year = take(
    'founding_year',
    fromOwn((entity) => foundingYearOf(entity.foundingDate, now)),
  );
  fields.employee_count = take(
    'employee_count',
    fromOwn((entity) => employeeCountBucket(entity.numberOfEmployees)),
  );
  const hq = take<HqLocation>(
    'hq',
    [...fromOwn((entity) => hqFromAddress(entity)), ...fromPages((page) => hqFromOpenGraph(page.metadata.openGraphProperties))],
    (a, b) => a.hq_city === b.hq_city && a.hq_country === b.hq_country,
  );
  if (hq) {
    Object.assign(fields, hq);
    for (const key of Object.keys(hq)) if (hq[key as keyof HqLocation] !== null) fieldSources[key] = fieldSources['hq']!;
  }
  delete fieldSources['hq'];

  const foreignProfiles = new Set(
    foreign.flatMap(({ entity }) => [...entity.sameAs, ...(entity.url ? [entity.url] : [])]).flatMap((url) => profileUrlOf(url) ?? []),
  );
  const siteKeys = siteNameKeys({ domain, siteNames: [name ?? ''] });
  for (const [network, key] of Object.entries(PROFILE_KEYS)) {
    const candidates = [
      ...ranked.flatMap((candidate) =>
        candidate.entity.sameAs.flatMap((url) => {
          const profile = profileOf(url);
          return profile?.network === network
            ? [{ value: profile.url, source: candidate.page.finalUrl, because: 'listed by a less certain own organisation' }]
            : [];
        }),
      ),
      ...pages.flatMap((page) =>
        siteAccountsOf(page)
          .filter((profile) => profile.network === network)
          .map((profile) => ({ value: profile.url, source: page.finalUrl, because: 'named in meta tags, below the organisation markup' })),
      ),
      ...pages.flatMap((page) =>
        rankByName(
          page.metadata.links.social.filter((profile) => profile.network === network && !foreignProfiles.has(profile.url)),
          siteKeys,
        ).map((profile) => ({
          value: profile.url,
          source: page.finalUrl,
          because: 'linked from the page, below the organisation markup',
        })),
      ),
    ];
    const structured = candidates.filter((candidate) => !candidate.because.startsWith('linked'));
    // Several plain links to one network (a footer and a partner's badge) are alternatives, not a conflict.
    const url = take(`social_profiles.${key}`, structured.length > 0 ? structured : candidates.slice(0, 1));
    if (url) fields.social_profiles[key] = url;
  }

  const sources = [...new Set(pages.map((page) => page.finalUrl).filter((url) => Object.values(fieldSources).includes(url)))];
  if (name === null && pages[0]) {
    const fromTitle = nameFromTitle(pages[0].title, domain);
    if (fromTitle) {
      fieldSources['name'] = pages[0].finalUrl;
      if (!sources.includes(pages[0].finalUrl)) sources.unshift(pages[0].finalUrl);
      return result(fromTitle);
    }
  }
  return result(name);

  function result(finalName: string | null): ProfileFacts {
    return {
      name: finalName,
      fields,
      sources,
      fieldSources,
      conflicts,
      ignoredOrganizations: foreign.map(({ entity, page, because }) => ({ name: entity.name, page: page.finalUrl, because })),
    };
  }
}

/** Accounts the site names as its own in meta tags: `twitter:site` (an @handle) and `article:publisher`. */
function siteAccountsOf(page: FetchedPage): SocialProfileLink[] {
  const handle = page.metadata.twitter['site'];
  const urls = [
    ...(handle && /^@?[A-Za-z0-9_]{1,15}$/.test(handle) ? [`https://x.com/${handle.replace(/^@/, '')}`] : handle ? [handle] : []),
    ...(page.metadata.openGraphProperties['article:publisher'] ?? []),
  ];
  return urls.flatMap((url) => profileOf(url) ?? []);
}

function profileOf(url: string): SocialProfileLink | null {
  const parsed = URL.parse(url);
  return parsed ? classifySocialProfile(parsed) : null;
}

function profileUrlOf(url: string): string | null {
  return profileOf(url)?.url ?? null;
}

/** Profiles whose handle is the company's name first (`/company/acme` before `/company/acme-partner-program`). */
function rankByName(profiles: SocialProfileLink[], siteKeys: string[]): SocialProfileLink[] {
  const closeness = (profile: SocialProfileLink) => {
    const key = companyNameKey(profile.handle.replace(/^@/, '')) ?? '';
    if (siteKeys.includes(key)) return 0;
    return siteKeys.some((siteKey) => siteKey.length >= 3 && (key.includes(siteKey) || siteKey.includes(key))) ? 1 : 2;
  };
  return [...profiles].sort((a, b) => closeness(a) - closeness(b));
}

function sameCompanyName(a: string, b: string): boolean {
  const left = companyNameKey(a) ?? '';
  const right = companyNameKey(b) ?? '';
  return left === right || left.includes(right) || right.includes(left);
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
