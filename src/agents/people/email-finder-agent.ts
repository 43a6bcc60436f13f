import { applyPattern, learnPattern } from '../../domain/people/email-pattern.ts';
import type { CellExecutor } from '../../engine/cell-executor.ts';
import type { SearchResult } from '../../providers/spec/search.ts';
import { addressesSeen, patternExamples, publishedAddressOf } from './address-evidence.ts';
import { readCompanyPeoplePages } from './company-people-pages.ts';
import type { PeopleAgentDependencies } from './people-agent-dependencies.ts';
import { personRowInputs } from './person-row-inputs.ts';

/**
 * The `email_finder` executor (contract §3.6). In order: an address published for the person
 * on the company's pages (or in a search result); else the company's address pattern learned
 * from colleagues' published addresses, applied to the name; else the optional paid finder;
 * else "Not found". An address is given only when the domain accepts mail (MX lookup). The
 * value says how it was obtained (`method`) and, for a pattern, the examples it was learned
 * from: never an unqualified guess. Mail servers are never contacted.
 */
export function createEmailFinderAgent(dependencies: PeopleAgentDependencies): CellExecutor {
  return {
    async execute(context) {
      const person = personRowInputs(context);
      const readOptions = { signal: context.signal, runId: context.runId, bypassCache: context.bypassCache, purpose: 'email_finder' };
      const site = await readCompanyPeoplePages(dependencies.pages, person.companyUrl, readOptions);
      let results: SearchResult[] = [];
      const queries: string[] = [];
      if (dependencies.search) {
        const query = `"@${person.companyDomain}" "${person.fullName}"`;
        queries.push(query);
        results = (await dependencies.search.search(query, context)).results;
      }
      const seen = addressesSeen(site.pages, results, person.companyDomain);
      const looked = { pages_read: site.pages.map((page) => page.finalUrl), queries };
      const mx = await dependencies.mail.checkMailDomain(person.companyDomain);
      const notFound = (why: string, extra: Record<string, unknown> = {}) => ({
        value: { answer: 'Not found', source: [], explanation: why, method: 'none', mx, research: looked, ...extra },
      });
      if (!mx.acceptsMail) {
        const reason = mx.reason === 'no_such_domain' ? 'does not exist in DNS' : 'has no mail exchanger (MX record)';
        return notFound(`${person.companyDomain} ${reason}, so no address there can receive mail.`);
      }
      const published = publishedAddressOf(seen, person.fullName);
      if (published) {
        return {
          value: {
            answer: published.email,
            source: [published.source],
            explanation: `Published for ${person.fullName} on ${published.source}; ${person.companyDomain} accepts mail (MX ${mx.exchanges[0]}).`,
            excerpts: [{ url: published.source, quote: published.excerpt }],
            method: 'published',
            mx,
            research: looked,
          },
        };
      }
      const learned = learnPattern(patternExamples(seen, person.fullName));
      const local = learned ? applyPattern(learned.pattern, person.fullName) : null;
      if (learned && local) {
        const address = `${local}@${person.companyDomain}`;
        const examples = learned.examples.map((example) => `${example.email} (${example.full_name})`).join(', ');
        return {
          value: {
            answer: address,
            source: [...new Set(learned.examples.map((example) => example.source))],
            explanation: `Not published; ${person.companyDomain} writes addresses as ${learned.pattern} (learned from ${examples}), applied to ${person.fullName}. The domain accepts mail; the mailbox itself was not verified.`,
            method: 'pattern',
            pattern: learned.pattern,
            examples: learned.examples,
            mx,
            research: looked,
          },
        };
      }
      if (dependencies.emailFinder) {
        const found = await dependencies.emailFinder.findEmail({ domain: person.companyDomain, fullName: person.fullName, signal: context.signal });
        if (found) {
          return {
            value: {
              answer: found.email,
              source: found.sources,
              explanation: `From the ${found.provider} email finder${found.score === null ? '' : ` (score ${found.score})`}; ${person.companyDomain} accepts mail.`,
              method: 'provider',
              provider: found.provider,
              score: found.score,
              mx,
              research: looked,
            },
          };
        }
      }
      const where = looked.pages_read.length > 0 ? ` Read: ${looked.pages_read.join(', ')}.` : '';
      return notFound(
        `No address is published for ${person.fullName}, and no colleague's address at ${person.companyDomain} shows a pattern to apply.${where}`,
      );
    },
  };
}
