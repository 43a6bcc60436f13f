import { readImportedCompany, type ImportedCompany, type ImportedProfile } from '../../domain/company-search/imported-profile.ts';
import { ValidationError, type ValidationIssue } from '../../domain/errors.ts';
import type { CompanyProfileRecord } from '../../store/store.ts';
import type { ServiceContext } from '../service-context.ts';

export interface ImportOutcome {
  domain: string;
  /** `stored`: the profile as given is in the index; `queued`: the domain waits to be researched. */
  status: 'stored' | 'queued';
  id: string | null;
}

/** Research of bare domains, by whoever builds profiles (the engine's workers); absent, domains are refused. */
export interface DomainProfilingQueue {
  enqueue(workspaceId: string, domains: string[]): Promise<void>;
}

/**
 * Add companies to the workspace's index. Profiles given in full are stored as given (their
 * `sources` name the import, `import:<source>`) in one transaction with their index entries;
 * bare domains are handed to the profiling queue. All lines are checked first: one bad line
 * refuses the batch with a 422 naming it, so a resumed import never half-applies a batch.
 */
export async function importCompanies(
  services: ServiceContext,
  workspaceId: string,
  request: { companies: ImportedCompany[]; source: string },
  queue: DomainProfilingQueue | undefined,
): Promise<ImportOutcome[]> {
  const issues: ValidationIssue[] = [];
  const read: ImportedProfile[] = [];
  request.companies.forEach((company, index) => {
    const result = readImportedCompany(company, ['body', 'companies', index]);
    if (result.ok) read.push(result.value);
    else issues.push(...result.issues);
  });
  if (issues.length > 0) throw new ValidationError(issues);
  const domains = read.filter((entry) => entry.kind === 'domain').map((entry) => entry.domain);
  if (domains.length > 0 && !queue) {
    throw ValidationError.single(
      ['body', 'companies'],
      'bare domains need the engine to research them, and this server runs without workers; import full profiles, or run a server with workers',
    );
  }
  const now = services.now();
  const profiles = new Map<string, CompanyProfileRecord>();
  for (const entry of read) {
    if (entry.kind !== 'profile') continue;
    // A later line for the same domain wins, as it would in a spreadsheet.
    profiles.set(entry.domain, {
      id: services.newId(),
      workspaceId,
      domain: entry.domain,
      name: entry.name,
      nameKey: entry.nameKey,
      website: `https://${entry.domain}/`,
      fields: entry.fields,
      sources: [`import:${request.source}`],
      asOf: now,
      createdAt: now,
      updatedAt: now,
    });
  }
  const stored = await services.store.saveCompanyProfiles([...profiles.values()]);
  if (stored.length > 0) services.companyProfilesSaved(workspaceId);
  const storedByDomain = new Map(stored.map((profile) => [profile.domain, profile.id]));
  if (domains.length > 0) await queue!.enqueue(workspaceId, [...new Set(domains)]);
  return read.map((entry) =>
    entry.kind === 'profile'
      ? { domain: entry.domain, status: 'stored', id: storedByDomain.get(entry.domain) ?? null }
      : { domain: entry.domain, status: 'queued', id: null },
  );
}
