import type { CompanyProfileRecord } from '../../store/store.ts';
import { emptyProfileFields, type CompanyProfileFields } from './company-profile-fields.ts';

/** The `company_profile` cell's answer: the profile, its §1.6 fields under `context`. */
export interface CompanyProfileAnswer {
  id: string;
  name: string | null;
  domain: string;
  website: string | null;
  context: CompanyProfileFields & { sources: string[] };
  as_of: string;
}

/** The profile as a `company_profile` cell answer. */
export function companyProfileAnswer(profile: CompanyProfileRecord): CompanyProfileAnswer {
  return {
    id: profile.id,
    name: profile.name,
    domain: profile.domain,
    website: profile.website,
    context: { ...profileFields(profile), sources: profile.sources },
    as_of: profile.asOf,
  };
}

/**
 * The profile as a CompanyResult (contract §6.3, without `relevance_score`), plus the page
 * `sources` and `as_of` a reader needs to check it. `name` falls back to the domain because
 * the contract types it as a string; `website_authority` is null: Fathom does not rank sites.
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
  };
}

/** Stored fields over the empty profile, so a field added later reads as null on old profiles. */
function profileFields(profile: CompanyProfileRecord): CompanyProfileFields {
  return { ...emptyProfileFields(), ...(profile.fields as Partial<CompanyProfileFields>) };
}
