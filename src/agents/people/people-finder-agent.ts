import { registrableDomain } from '../../domain/company-identifier.ts';
import type { FoundPerson } from '../../domain/people/child-people-rows.ts';
import { normalisePersonName } from '../../domain/people/person-name.ts';
import { expandRoles, roleListKey, type ExpandedRole } from '../../domain/people/role-variants.ts';
import { PermanentCellError, type CellExecutor } from '../../engine/cell-executor.ts';
import { companySiteOfRow } from '../research/company-site-of-row.ts';
import { readCompanyPeoplePages } from './company-people-pages.ts';
import type { PeopleAgentDependencies } from './people-agent-dependencies.ts';
import { findingsInSearchResult, findingsOnPage, isNameInEvidence, type PersonFinding } from './person-evidence.ts';

interface FinderConfig {
  roles: string[];
  max_results: number;
}

// Variants put in one search query; a long OR list is cut by most engines anyway.
const VARIANTS_PER_QUERY = 8;

/**
 * The `company_people_finder` executor (contract §3.5): people holding the requested roles now
 * at the row's company, read from the company's own pages (team, about, leadership, contact,
 * press; JSON-LD Persons and text) and from profile search results ("Ann Bell - VP Sales -
 * Acme | LinkedIn"). No model is asked: every name, title and URL is read from evidence the
 * cell saw, and a name is kept only if it appears verbatim there. People listed with a past
 * role ("previously VP Sales") are left out and named in the answer. Each person found becomes
 * (or stays) one row of the child people table.
 */
export function createPeopleFinderAgent(dependencies: PeopleAgentDependencies): CellExecutor {
  // Role lists are expanded once each, however many rows share them.
  const expansions = new Map<string, ExpandedRole[]>();
  const profileDomains = new Set(dependencies.profileDomains);
  const isProfileUrl = (url: string) => {
    const domain = registrableDomain(url);
    return domain !== null && profileDomains.has(domain) && /\/in\/[^/]+/.test(URL.parse(url)?.pathname ?? '');
  };
  return {
    async execute(context) {
      if (context.table.kind !== 'company') throw new PermanentCellError('company_people_finder columns compute only on company tables');
      const startedAt = performance.now();
      const config = (context.column.config as unknown as { value: FinderConfig }).value;
      const key = roleListKey(config.roles);
      let roles = expansions.get(key);
      if (!roles) {
        roles = expandRoles(config.roles);
        expansions.set(key, roles);
      }
      const site = await companySiteOfRow(context, dependencies.store);
      const companyName = site?.name ?? (typeof context.inputs['company_name'] === 'string' ? context.inputs['company_name'] : null);
      if (!site && !companyName) {
        throw new PermanentCellError('this company row has no website or name to look for people at; fill the input column with the company domain');
      }
      const readOptions = { signal: context.signal, runId: context.runId, bypassCache: context.bypassCache, purpose: 'people_finder' };
      const sitePages = site ? await readCompanyPeoplePages(dependencies.pages, site.url, readOptions) : { pages: [], failed: [], fetches: 0 };
      const findings: PersonFinding[] = [];
      for (const page of sitePages.pages) {
        const names = new Set(page.metadata.structuredData.flatMap((entity) => (entity.name ? [entity.name] : [])));
        for (const finding of findingsOnPage(page, roles)) {
          // Verbatim in the page: its text, or a structured-data entity of the page itself.
          if (isNameInEvidence(finding.full_name, page.text) || [...names].some((name) => name.includes(finding.full_name))) findings.push(finding);
        }
      }
      const queries: string[] = [];
      let searchCalls = 0;
      if (dependencies.search && companyName) {
        const variants = [...new Set(roles.flatMap((role) => role.variants))].slice(0, VARIANTS_PER_QUERY);
        const query = `site:${dependencies.profileSearchSite} "${companyName}" (${variants.map((variant) => `"${variant}"`).join(' OR ')})`;
        queries.push(query);
        const { results, fromCache } = await dependencies.search.search(query, context);
        if (!fromCache) searchCalls += 1;
        for (const result of results) {
          for (const finding of findingsInSearchResult(result, companyName, roles, isProfileUrl)) {
            if (isNameInEvidence(finding.full_name, `${result.title} ${result.snippet}`)) findings.push(finding);
          }
        }
      }
      const { current, former } = mergeFindings(findings, config.roles);
      const chosen = current.slice(0, config.max_results);
      const fetchedAt = new Map(sitePages.pages.map((page) => [page.finalUrl, page.fetchedAt]));
      const now = new Date().toISOString();
      const people: FoundPerson[] = chosen.map((finding) => ({
        full_name: finding.full_name,
        role: finding.title,
        profile_url: finding.profile_url,
        source: finding.source,
        excerpt: finding.excerpt,
        fetched_at: fetchedAt.get(finding.source) ?? now,
      }));
      const synced = await dependencies.rows.sync({
        parentTableId: context.table.id,
        parentRowId: context.row.id,
        columnKey: context.column.key,
        columnName: context.column.config.name,
        people,
      });
      const sources = [...new Set(chosen.map((finding) => finding.source))];
      const asOfTimes = people.map((person) => person.fetched_at).sort();
      return {
        value: {
          answer: people.map((person) => ({ full_name: person.full_name, role: person.role, profile_url: person.profile_url })),
          source: sources,
          explanation: explanationOf(
            companyName ?? site?.url ?? 'the company',
            config.roles,
            people.length,
            former,
            sitePages.pages.map((page) => page.finalUrl),
            queries,
          ),
          excerpts: chosen.map((finding) => ({ url: finding.source, quote: finding.excerpt })),
          as_of: asOfTimes[0] ?? now,
          people: chosen.map((finding) => ({ ...finding })),
          former_people: former.map((finding) => ({ full_name: finding.full_name, title: finding.title, source: finding.source, excerpt: finding.excerpt })),
          child_table_id: synced.childTableId,
          child_rows: { added: synced.added.length, kept: synced.kept.length, no_longer_found: synced.noLongerFound },
          research: { strategy: 'people_finder', queries, pages_read: sitePages.pages.map((page) => page.finalUrl), pages_failed: sitePages.failed },
          usage: { searches: searchCalls, page_fetches: sitePages.fetches, model_calls: 0, duration_ms: Math.round(performance.now() - startedAt) },
        },
      };
    },
  };
}

/**
 * One finding per person (by normalised name): current if any evidence shows the role now,
 * unless the company's own site calls it a past role and nothing on the site says current (a
 * search snippet may lag behind the site). Ordered by requested role, then site before search.
 */
function mergeFindings(findings: PersonFinding[], roleOrder: string[]): { current: PersonFinding[]; former: PersonFinding[] } {
  const byPerson = new Map<string, PersonFinding[]>();
  for (const finding of findings) {
    const key = normalisePersonName(finding.full_name);
    byPerson.set(key, [...(byPerson.get(key) ?? []), finding]);
  }
  const current: PersonFinding[] = [];
  const former: PersonFinding[] = [];
  for (const group of byPerson.values()) {
    const siteCurrent = group.filter((finding) => finding.origin === 'company_site' && finding.is_current);
    const sitePast = group.filter((finding) => finding.origin === 'company_site' && !finding.is_current);
    const anyCurrent = group.filter((finding) => finding.is_current);
    const isFormer = anyCurrent.length === 0 || (sitePast.length > 0 && siteCurrent.length === 0);
    if (isFormer) {
      former.push(sitePast[0] ?? group[0]!);
      continue;
    }
    const best = siteCurrent[0] ?? anyCurrent[0]!;
    const profileUrl = best.profile_url ?? group.find((finding) => finding.profile_url)?.profile_url ?? null;
    current.push({ ...best, profile_url: profileUrl });
  }
  const rank = (finding: PersonFinding) => roleOrder.indexOf(finding.matched_role) * 2 + (finding.origin === 'company_site' ? 0 : 1);
  current.sort((left, right) => rank(left) - rank(right));
  return { current, former };
}

function explanationOf(company: string, roles: string[], found: number, former: PersonFinding[], pages: string[], queries: string[]): string {
  const parts = [
    found === 0
      ? `Nobody at ${company} was found holding ${roles.join(' or ')} now.`
      : `${found} ${found === 1 ? 'person' : 'people'} at ${company} found holding ${roles.join(' or ')}, each named verbatim in the cited source.`,
  ];
  if (former.length > 0)
    parts.push(`Left out as former holders of the role: ${former.map((finding) => `${finding.full_name} (${finding.title})`).join(', ')}.`);
  if (pages.length > 0) parts.push(`Read: ${pages.join(', ')}.`);
  if (queries.length > 0) parts.push(`Searched for: ${queries.map((query) => `"${query}"`).join(', ')}.`);
  return parts.join(' ');
}
