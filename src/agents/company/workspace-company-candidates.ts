import { companyNameKey } from '../../domain/company-identifier.ts';
import { nameWords } from '../../domain/company-name-match.ts';
import type { CompanyProfileRecord, Store } from '../../store/store.ts';
import type { CompanyCandidate, CompanyCandidateSource } from './company-candidates.ts';
import { profileProvenance } from './company-profile-answer.ts';

const MAX_CANDIDATES = 20;

/**
 * Candidates from the profiles the workspace already has: a company researched once (by any
 * table, under any name) is found again by its name, typos included, without a search. Beside
 * each profile come the other companies its name search weighed (recalled namesakes), so a
 * workspace that stored one of two companies called "Meridian" does not answer for both.
 */
export class WorkspaceCompanyCandidates implements CompanyCandidateSource {
  readonly name = 'workspace' as const;

  constructor(private readonly store: Pick<Store, 'findCompanyProfilesByNameWords'>) {}

  async findCandidates(workspaceId: string, name: string): Promise<CompanyCandidate[]> {
    const words = nameWords(name);
    if (words.length === 0) return [];
    const profiles = await this.store.findCompanyProfilesByNameWords(workspaceId, words, MAX_CANDIDATES);
    const candidates = profiles.map(candidateOf);
    for (const namesake of profiles.flatMap(namesakesOf)) if (!candidates.some((known) => known.domain === namesake.domain)) candidates.push(namesake);
    return candidates;
  }
}

/**
 * The companies of the same name (same match key) that a profile's name search weighed when it
 * was built, as recalled candidates: known by name and domain only.
 */
export function namesakesOf(profile: CompanyProfileRecord): CompanyCandidate[] {
  if (!profile.nameKey) return [];
  const weighed = profileProvenance(profile).resolution?.candidates ?? [];
  return weighed
    .filter((candidate) => candidate.name && candidate.domain !== profile.domain && companyNameKey(candidate.name) === profile.nameKey)
    .map((candidate) => ({
      source: 'search' as const,
      domain: candidate.domain,
      website: candidate.website,
      ownName: candidate.name,
      evidenceText: candidate.name ?? '',
      isRecalled: true,
    }));
}

function candidateOf(profile: CompanyProfileRecord): CompanyCandidate {
  const fields = profile.fields as Record<string, unknown>;
  const text = ['short_description', 'full_description', 'products_services', 'hq_city', 'hq_state_province', 'hq_country', 'hq_full_address']
    .map((key) => fields[key])
    .filter((value): value is string => typeof value === 'string');
  return {
    source: 'workspace',
    domain: profile.domain,
    website: profile.website ?? `https://${profile.domain}/`,
    ownName: profile.name,
    evidenceText: [profile.name, ...text].filter(Boolean).join('\n'),
    profile,
  };
}
