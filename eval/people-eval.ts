import { startDnsStandin } from '../test/fixtures/dns-standin/dns-standin-server.ts';
import {
  EXPECTED_EMAILS,
  EXPECTED_SALES_LEADERS,
  PEOPLE_FIXTURE_SITES,
  PEOPLE_MX_RECORDS,
  peopleSearchDocuments,
} from '../test/fixtures/fixture-web/people/people-sites.ts';
import { startInProcessFathom } from '../test/fixtures/research-harness/in-process-fathom.ts';
import { startResearchEnvironment } from '../test/fixtures/research-harness/research-environment.ts';

/** What the people eval measured. */
export interface PeopleEvalReport {
  companies: number;
  /** People the finder returned, and how many of them hold the role now (the labels). */
  found: number;
  correctPeople: number;
  /** correctPeople / found (1 when nothing was found and nothing should be). */
  precision: number;
  /** Current role holders of the labels that were found. */
  recall: number;
  /** Former holders wrongly returned as current. */
  formerReturned: string[];
  emails: number;
  correctEmails: number;
  emailAccuracy: number;
  emailMistakes: Array<{ full_name: string; expected: string; got: unknown; method: unknown }>;
  durationMs: number;
}

/**
 * The people fixture web (team pages, JSON-LD employees, snippet-only people, a former VP
 * Sales, a company where nobody matches) through a company table with a sales-leadership
 * finder, then an email finder on the child table, on the real engine with the profile search
 * stand-in and a local DNS; no model. Scores the people found against the labels (right
 * person, right current role) and each address against the expected one.
 */
export async function runPeopleEval(): Promise<PeopleEvalReport> {
  const startedAt = performance.now();
  const dns = await startDnsStandin(PEOPLE_MX_RECORDS);
  const environment = await startResearchEnvironment({ sites: PEOPLE_FIXTURE_SITES, withSearch: true, environment: { FATHOM_DNS_SERVERS: dns.server } });
  environment.search!.addDocuments(peopleSearchDocuments((site, path) => environment.web.urlFor(site, path)));
  const fathom = await startInProcessFathom({ environment: environment.environment, agentOverrides: environment.agentOverrides });
  try {
    const sites = Object.keys(EXPECTED_SALES_LEADERS);
    const table = (
      await fathom.api('POST', '/v1/tables', {
        kind: 'company',
        name: 'people eval',
        column_configs: [{ kind: 'company_people_finder', name: 'Sales', key: 'sales', value: { roles: ['sales leadership'] } }],
      })
    ).body;
    await fathom.api('POST', `/v1/tables/${table.id}/rows`, { rows: sites.map((site) => ({ data: { input: environment.web.urlFor(site) } })), run: true });
    const data = await fathom.waitForIdle(table.id);
    let found = 0;
    let correctPeople = 0;
    let expectedCurrent = 0;
    const formerReturned: string[] = [];
    for (const [index, site] of sites.entries()) {
      const labels = EXPECTED_SALES_LEADERS[site]!;
      const names: string[] = (data.rows[index].data.sales.value?.answer ?? []).map((person: { full_name: string }) => person.full_name);
      found += names.length;
      expectedCurrent += labels.current.length;
      correctPeople += names.filter((name) => labels.current.includes(name)).length;
      formerReturned.push(...names.filter((name) => labels.former.includes(name)));
    }
    const childId = table.child_relationships[0].table_id;
    await fathom.api('POST', `/v1/tables/${childId}/columns`, { column_configs: [{ kind: 'email_finder', name: 'Email', key: 'email' }] });
    await fathom.api('POST', `/v1/tables/${childId}/run`, { mode: 'new' });
    const people = (await fathom.waitForIdle(childId)).rows;
    const emailMistakes: PeopleEvalReport['emailMistakes'] = [];
    let correctEmails = 0;
    for (const expected of EXPECTED_EMAILS) {
      const row = people.find((candidate: any) => candidate.data.full_name.value?.answer === expected.full_name);
      const value = row?.data.email.value;
      if (value?.answer === expected.email && value?.method === expected.method) correctEmails += 1;
      else
        emailMistakes.push({
          full_name: expected.full_name,
          expected: `${expected.email} (${expected.method})`,
          got: value?.answer ?? row?.data.email.error ?? 'no row',
          method: value?.method,
        });
    }
    return {
      companies: sites.length,
      found,
      correctPeople,
      precision: found === 0 ? 1 : correctPeople / found,
      recall: expectedCurrent === 0 ? 1 : correctPeople / expectedCurrent,
      formerReturned,
      emails: EXPECTED_EMAILS.length,
      correctEmails,
      emailAccuracy: correctEmails / EXPECTED_EMAILS.length,
      emailMistakes,
      durationMs: Math.round(performance.now() - startedAt),
    };
  } finally {
    await fathom.close();
    await environment.close();
    await dns.close();
  }
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

export function formatPeopleEvalReport(report: PeopleEvalReport): string {
  return [
    `Fathom people eval — ${report.companies} fixture companies, sales-leadership finder + email finder, no model`,
    `  people precision ${percent(report.precision)} (${report.correctPeople}/${report.found} right person, current role), recall ${percent(report.recall)}`,
    `  former holders returned as current: ${report.formerReturned.length === 0 ? 'none' : report.formerReturned.join(', ')}`,
    `  email correctness ${percent(report.emailAccuracy)} (${report.correctEmails}/${report.emails}, address and method), ${(report.durationMs / 1000).toFixed(1)} s`,
    ...report.emailMistakes.map(
      (mistake) => `  wrong email for ${mistake.full_name}: expected ${mistake.expected}, got ${JSON.stringify(mistake.got)} (${String(mistake.method)})`,
    ),
  ].join('\n');
}
