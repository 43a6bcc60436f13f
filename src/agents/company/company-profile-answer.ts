import type { CompanyProfileRecord } from '../../store/store.ts';
import type { CompanyResolution } from './company-name-resolution.ts';
import { emptyProfileFields, type CompanyProfileFields } from './company-profile-fields.ts';
import type { FactConflict } from './extract-profile-facts.ts';

/** Where a profile's facts came from, as stored beside them. */
export interface ProfileProvenance {
  /** The page each fact was read from ("model" for what the model filled from the pages' prose). */
  field_sources: Record<string, string>;
  /** Facts the site's own sources stated differently: the one kept and the ones set aside. */
  conflicts: FactConflict[];
  /** Organisations on the pages whose facts were not taken (reviews, founders' universities…), and why. */
  ignored_organizations: Array<{ name: string | null; page: string; because: string }>;
  /** How the company was resolved when the profile was built. */
  resolution: CompanyResolution | null;
}

/** The `company_profile` cell's answer: the profile, its §1.6 fields under `context`. */
export interface CompanyProfileAnswer {
  id: string;
  name: string | null;
  domain: string;
  website: string | null;
  context: CompanyProfileFields & { sources: string[] };
  /** How this row's input became this company ("matched by name", with the candidates weighed). */
  resolution: CompanyResolution | null;
  provenance: Omit<ProfileProvenance, 'resolution'>;
  as_of: string;
}

// Stored beside the fields in the profile's JSON, but not fields of the contract.
const PROVENANCE_KEYS = ['field_sources', 'conflicts', 'ignored_organizations', 'resolution'] as const;

/** The profile as a `company_profile` cell answer, with how this row's input was resolved to it. */
export function companyProfileAnswer(profile: CompanyProfileRecord, resolution: CompanyResolution | null = null): CompanyProfileAnswer {
  const { resolution: _stored, ...provenance } = profileProvenance(profile);
  return {
    id: profile.id,
    name: profile.name,
    domain: profile.domain,
    website: profile.website,
    context: { ...profileFields(profile), sources: profile.sources },
    resolution,
    provenance,
    as_of: profile.asOf,
  };
}

/**
 * The profile as a CompanyResult (contract §6.3, without `relevance_score`), plus the page
 * `sources`, `as_of` and `provenance` a reader needs to check it. `name` falls back to the domain
 * because the contract types it as a string; `website_authority` is null: Fathom does not rank sites.
 */
export function companyResult(profile: CompanyProfileRecord) {
  const fields = profileFields(profile);
  return {
    id: profile.id,
    domain: profile.domain,
    name: profile.name ?? profile.domain,
    website: profile.website,
    ...fields,
    website_authority: null,
    sources: profile.sources,
    as_of: profile.asOf,
    provenance: profileProvenance(profile),
  };
}

/** Stored fields over the empty profile, so a field added later reads as null on old profiles. */
function profileFields(profile: CompanyProfileRecord): CompanyProfileFields {
  const fields = { ...emptyProfileFields(), ...(profile.fields as Partial<CompanyProfileFields>) };
  for (const key of PROVENANCE_KEYS) delete (fields as Record<string, unknown>)[key];
  return fields;
}

/** What the profile's JSON keeps beside its fields: where each fact came from and how the company was resolved. */
export function profileProvenance(profile: CompanyProfileRecord): ProfileProvenance {
  const stored = profile.fields as Partial<ProfileProvenance>;
  return {
    field_sources: stored.field_sources ?? {},
    conflicts: stored.conflicts ?? [],
    ignored_organizations: stored.ignored_organizations ?? [],
    resolution: stored.resolution ?? null,
  };
}
