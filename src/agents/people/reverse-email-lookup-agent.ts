import { registrableDomain } from '../../domain/company-identifier.ts';
import { parseEmailAnswer } from '../../domain/output-formats/email.ts';
import { applyPattern, isFreeMailDomain, learnPattern } from '../../domain/people/email-pattern.ts';
import { normalisePersonName } from '../../domain/people/person-name.ts';
import { PermanentCellError, type CellExecutor } from '../../engine/cell-executor.ts';
import type { FetchedPage } from '../../providers/spec/fetcher.ts';
import type { SearchResult } from '../../providers/spec/search.ts';
import { addressesSeen, patternExamples } from './address-evidence.ts';
import { readCompanyPeoplePages } from './company-people-pages.ts';
import type { PeopleAgentDependencies } from './people-agent-dependencies.ts';
import { findingsInSearchResult, findingsOnPage } from './person-evidence.ts';

/**
 * The `reverse_email_lookup` executor (contract §3.7): from an address to
 * `{full_name, role, profile_url, company}`. The domain resolves to the workspace's shared
 * company profile; the person comes from the same evidence as the people finder: a page or
 * search result naming them beside the address, or (company domains only) a colleague-learned
 * pattern that spells exactly one person named on the company's pages. A free-mail address
 * (gmail.com…) says nothing about an employer: the person is given only when a search result
 * shows that exact address beside a name.
 */
export function createReverseEmailLookupAgent(dependencies: PeopleAgentDependencies): CellExecutor {
  return {
    async execute(context) {
      const key = (context.column.config as { email_column_key: string }).email_column_key;
      const raw = context.inputs[key];
      const text = typeof raw === 'string' ? raw.trim() : '';
      if (text === '') throw new PermanentCellError(`reverse_email_lookup needs an address in '${key}'; this row has none`);
      const parsed = parseEmailAnswer(text);
      if (!parsed.ok) throw new PermanentCellError(`'${text}' in '${key}' is not an email address`);
      const email = String(parsed.answer).toLowerCase();
      const domain = email.split('@')[1]!;
      const isFreeMail = isFreeMailDomain(domain);
      const call = { signal: context.signal, runId: context.runId, bypassCache: context.bypassCache };
      const results: SearchResult[] = [];
      const queries: string[] = [];
      if (dependencies.search) {
        const query = `"${email}"`;
        queries.push(query);
        results.push(...(await dependencies.search.search(query, call)).results);
      }
      let company: { name: string | null; domain: string; company_profile_id: string | null } | null = null;
      let pages: FetchedPage[] = [];
      if (!isFreeMail) {
        // A domain whose site cannot be read still names the company's domain; the person may be in search results.
        const resolved = await dependencies.profiles.resolve(context.table.workspaceId, registrableDomain(domain) ?? domain, call).catch((error: unknown) => {
          if (context.signal.aborted) throw error;
          return { unresolved: true as const, reason: error instanceof Error ? error.message : String(error) };
        });
        if (!('unresolved' in resolved)) {
          const profile = resolved.profile;
          company = { name: profile.name, domain: profile.domain, company_profile_id: profile.id };
          if (profile.website) pages = (await readCompanyPeoplePages(dependencies.pages, profile.website, { ...call, purpose: 'reverse_email_lookup' })).pages;
        } else {
          company = { name: null, domain, company_profile_id: null };
        }
      }
      const seen = addressesSeen(pages, results, domain).filter((item) => item.email === email);
      // Named beside the exact address: on a company page or in a search result.
      const evidence = seen.find((item) => item.names.length >= 1) ?? null;
      let fullName = evidence?.names[0] ?? null;
      let method: 'published' | 'pattern' | null = evidence ? 'published' : null;
      if (!fullName && !isFreeMail) {
        const learned = learnPattern(patternExamples(addressesSeen(pages, results, domain), ''));
        const local = email.split('@')[0]!;
        const named = [...new Set(pages.flatMap((page) => findingsOnPage(page, [])).map((finding) => finding.full_name))];
        const spelled = learned ? named.filter((name) => applyPattern(learned.pattern, name) === local) : [];
        if (learned && spelled.length === 1) {
          fullName = spelled[0]!;
          method = 'pattern';
        }
      }
      const research = { queries, pages_read: pages.map((page) => page.finalUrl) };
      if (!fullName) {
        return {
          value: {
            answer: { full_name: null, role: null, profile_url: null, company },
            source: [],
            explanation: isFreeMail
              ? `${domain} is a free mailbox provider, and no page or search result shows ${email} beside a name.`
              : `No page of ${company?.name ?? domain} or search result names the owner of ${email}.`,
            method: 'none',
            research,
          },
        };
      }
      const target = normalisePersonName(fullName);
      const onPages = pages
        .flatMap((page) => findingsOnPage(page, []))
        .find((finding) => normalisePersonName(finding.full_name) === target && finding.is_current);
      const companyName = company?.name ?? null;
      const inResults = companyName
        ? results
            .flatMap((result) => findingsInSearchResult(result, companyName, [], () => true))
            .find((finding) => normalisePersonName(finding.full_name) === target)
        : undefined;
      const sources = [...new Set([evidence?.source, onPages?.source].filter((url): url is string => typeof url === 'string'))];
      return {
        value: {
          answer: { full_name: fullName, role: onPages?.title ?? inResults?.title ?? null, profile_url: inResults?.profile_url ?? null, company },
          source: sources,
          explanation:
            method === 'published'
              ? `${email} appears beside ${fullName} on ${evidence!.source}.`
              : `${email} spells ${fullName} (named on ${onPages?.source ?? 'the company site'}) in ${domain}'s address pattern.`,
          excerpts: [evidence, onPages].flatMap((item) => (item ? [{ url: item.source, quote: item.excerpt }] : [])),
          method,
          research,
        },
      };
    },
  };
}
