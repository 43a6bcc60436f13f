import type { ChildPeopleRows } from '../../domain/people/child-people-rows.ts';
import type { MailDomainChecker } from '../../providers/spec/dns.ts';
import type { EmailFinderProvider } from '../../providers/spec/email-finder.ts';
import type { CompanyProfileResolver } from '../company/company-profile-resolver.ts';
import type { CompanyProfileStore } from '../../store/company-profile-store.ts';
import type { SharedPageReader } from '../research/shared-page-reader.ts';
import type { SharedSearchReader } from '../research/shared-search-reader.ts';

/** What the people finder, email, phone and reverse-lookup executors are built from. */
export interface PeopleAgentDependencies {
  pages: SharedPageReader;
  /** The configured search provider, or null (then only the company's own pages are read). */
  search: SharedSearchReader | null;
  store: Pick<CompanyProfileStore, 'findCompanyProfile' | 'findCompanyProfileByDomain'>;
  /** Resolves an email's domain to the workspace's shared company profile (reverse lookup). */
  profiles: Pick<CompanyProfileResolver, 'resolve'>;
  /** Where the finder writes the people it found. */
  rows: ChildPeopleRows;
  /** MX lookups for the email finder. */
  mail: MailDomainChecker;
  /** An optional paid email finder, asked only when public evidence gives no address. */
  emailFinder: EmailFinderProvider | null;
  /** Registrable domains whose `/in/` pages are personal profiles (default linkedin.com). */
  profileDomains: readonly string[];
  /** The domain searched for profiles with a `site:` operator (default linkedin.com). */
  profileSearchSite: string;
}
