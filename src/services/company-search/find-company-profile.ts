import { companyNameKey, parseCompanyIdentifier } from '../../domain/company-identifier.ts';
import type { CompanyProfileRecord, Store } from '../../store/store.ts';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The workspace's stored profile of a company named by profile id, domain, URL (a sub-domain or
 * a page of the site reads as its registrable domain; a domain recorded as leading to a profile
 * finds it) or company name. Undefined when the workspace has none.
 */
export async function findStoredCompanyProfile(store: Store, workspaceId: string, identifier: string): Promise<CompanyProfileRecord | undefined> {
  const text = identifier.trim();
  if (UUID_PATTERN.test(text)) return store.findCompanyProfile(workspaceId, text.toLowerCase());
  const parsed = parseCompanyIdentifier(text);
  if (parsed?.kind === 'site') return store.findCompanyProfileByDomain(workspaceId, parsed.domain);
  if (parsed?.kind === 'address') return store.findCompanyProfileByDomain(workspaceId, parsed.host);
  if (parsed?.kind === 'name') {
    const key = companyNameKey(parsed.name);
    return key ? store.findCompanyProfileByName(workspaceId, key) : undefined;
  }
  return undefined;
}
