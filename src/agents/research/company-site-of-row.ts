import { isNotFoundAnswer } from '../../domain/output-formats/index.ts';
import type { CellContext } from '../../engine/cell-executor.ts';
import type { CompanyProfileStore } from '../../store/company-profile-store.ts';
import { parseCompanyIdentifier } from '../../domain/company-identifier.ts';
import type { CompanySite } from './company-site.ts';

/**
 * The company site a research cell may read: the row's company profile when it has one (its
 * website after redirects), else a `company_website` answer (of the row, or of the parent
 * company row for people), else an `input` that is a domain or URL. Null when the row names no site.
 */
export async function companySiteOfRow(context: CellContext, store: Pick<CompanyProfileStore, 'findCompanyProfile'>): Promise<CompanySite | null> {
  const nameAnswer = context.inputs['company_name'];
  const name = typeof nameAnswer === 'string' && !isNotFoundAnswer(nameAnswer) ? nameAnswer : null;
  if (context.row.companyProfileId) {
    const profile = await store.findCompanyProfile(context.table.workspaceId, context.row.companyProfileId);
    if (profile?.website) return { url: profile.website, domain: profile.domain, name: name ?? profile.name };
  }
  // A person's row reads their company's site: its own company_website, else the parent company row's.
  const candidates = [context.inputs['company_website'], context.parentInputs?.['company_website'], context.inputs['input']];
  for (const value of candidates) {
    if (typeof value !== 'string' || isNotFoundAnswer(value)) continue;
    const identifier = parseCompanyIdentifier(value);
    if (identifier?.kind === 'site') return { url: identifier.url, domain: identifier.domain, name };
    if (identifier?.kind === 'address') return { url: identifier.url, domain: null, name };
  }
  return null;
}
