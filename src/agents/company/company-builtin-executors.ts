import { isNotFoundAnswer, NOT_FOUND } from '../../domain/output-formats/index.ts';
import { PermanentCellError, type CellContext, type CellExecutor, type CellResult } from '../../engine/cell-executor.ts';
import type { CompanyProfileStore } from '../../store/company-profile-store.ts';
import { companyProfileAnswer, type CompanyProfileAnswer } from './company-profile-answer.ts';

type ProfileStore = Pick<CompanyProfileStore, 'findCompanyProfile'>;

/** The built-in `company_name` column: the name in the row's company profile, no provider call. */
export function createCompanyNameExecutor(store: ProfileStore): CellExecutor {
  return {
    async execute(context: CellContext): Promise<CellResult> {
      const profile = await profileOfRow(context, store);
      if (profile === null) return unidentified(context);
      return {
        value: {
          answer: profile.name ?? NOT_FOUND,
          source: profile.context.sources,
          explanation: profile.name
            ? `The name the site of ${profile.domain} gives the company in its markup or title (company profile as of ${profile.as_of}).`
            : `The pages of ${profile.domain} do not state the company's name.`,
          as_of: profile.as_of,
        },
      };
    },
  };
}

/** The built-in `company_website` column: the profile's home page after redirects, no provider call. */
export function createCompanyWebsiteExecutor(store: ProfileStore): CellExecutor {
  return {
    async execute(context: CellContext): Promise<CellResult> {
      const profile = await profileOfRow(context, store);
      if (profile === null) return unidentified(context);
      return {
        value: {
          answer: profile.website ?? NOT_FOUND,
          source: profile.website ? [profile.website] : [],
          explanation: `The home page of ${profile.domain}, where its site answered after redirects (read ${profile.as_of}).`,
          as_of: profile.as_of,
        },
      };
    },
  };
}

/**
 * The profile the row's `company_profile` cell produced, else the one the row is linked to; null
 * when that cell answered "Not found" (the input named no company well enough).
 */
async function profileOfRow(context: CellContext, store: ProfileStore): Promise<CompanyProfileAnswer | null> {
  const value = context.dependencyValues['company_profile'] as { answer?: CompanyProfileAnswer | string } | undefined;
  if (value?.answer && typeof value.answer === 'object' && 'domain' in value.answer) return value.answer;
  if (typeof value?.answer === 'string' && isNotFoundAnswer(value.answer)) return null;
  const profileId = context.row.companyProfileId;
  const stored = profileId ? await store.findCompanyProfile(context.table.workspaceId, profileId) : undefined;
  if (!stored) throw new PermanentCellError('this row has no company profile yet: run its company_profile cell first', { code: 'company_profile_missing' });
  return companyProfileAnswer(stored);
}

/** "Not found" because the row's company was not identified: the profile cell's reason, repeated. */
function unidentified(context: CellContext): CellResult {
  const profileValue = context.dependencyValues['company_profile'] as { explanation?: string } | undefined;
  return {
    value: {
      answer: NOT_FOUND,
      source: [],
      explanation: `The row's company was not identified: ${profileValue?.explanation ?? 'its company_profile cell answered "Not found".'}`,
    },
  };
}
