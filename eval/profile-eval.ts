import { startInProcessFathom } from '../test/fixtures/research-harness/in-process-fathom.ts';
import { startResearchEnvironment } from '../test/fixtures/research-harness/research-environment.ts';
import { DEFAULT_FIXTURE_SITES, type ExpectedProfile, PROFILE_FIXTURES } from '../test/fixtures/fixture-web/index.ts';

/** One stated field Fathom got wrong or missed. */
export interface ProfileMiss {
  site: string;
  shape: string;
  field: string;
  expected: unknown;
  got: unknown;
}

/** What the company-profile eval measured. */
export interface ProfileEvalReport {
  sites: number;
  /** Fields the fixture pages state (a social network counts as one field). */
  statedFields: number;
  /** Stated fields whose value Fathom reported exactly. */
  correctFields: number;
  /** correctFields / statedFields. */
  recall: number;
  /** Fields Fathom filled although the pages state nothing for them. */
  unstatedFilled: ProfileMiss[];
  /** Values of another organisation on the page found in a profile. */
  foreignFacts: Array<{ site: string; shape: string; value: string }>;
  misses: ProfileMiss[];
  durationMs: number;
}

const SCORED_FIELDS = [
  'name',
  'short_description',
  'founding_year',
  'employee_count',
  'hq_country',
  'hq_state_province',
  'hq_city',
  'hq_full_address',
] as const;

/**
 * Runs every profile fixture site (`PROFILE_FIXTURES`: JSON-LD as written and as broken,
 * microdata, RDFa, h-card, OpenGraph, and pages with other organisations on them) through a
 * company table on the real engine, with no model and no search configured, and scores the
 * profiles against the fields the pages state and the values that belong to someone else.
 */
export async function runProfileEval(): Promise<ProfileEvalReport> {
  const startedAt = performance.now();
  const environment = await startResearchEnvironment({ sites: [...DEFAULT_FIXTURE_SITES, ...PROFILE_FIXTURES.map((fixture) => fixture.site)] });
  try {
    const fathom = await startInProcessFathom({ environment: environment.environment, agentOverrides: environment.agentOverrides });
    try {
      const table = (await fathom.api('POST', '/v1/tables', { kind: 'company', name: 'profile eval' })).body;
      await fathom.api('POST', `/v1/tables/${table.id}/rows`, {
        rows: PROFILE_FIXTURES.map((fixture) => ({ data: { input: environment.web.urlFor(fixture.site.name) } })),
        run: true,
      });
      const data = await fathom.waitForIdle(table.id);
      return scoreProfiles(data.rows, Math.round(performance.now() - startedAt));
    } finally {
      await fathom.close();
    }
  } finally {
    await environment.close();
  }
}

function scoreProfiles(rows: any[], durationMs: number): ProfileEvalReport {
  const report: ProfileEvalReport = {
    sites: rows.length,
    statedFields: 0,
    correctFields: 0,
    recall: 0,
    unstatedFilled: [],
    foreignFacts: [],
    misses: [],
    durationMs,
  };
  rows.forEach((row, index) => {
    const fixture = PROFILE_FIXTURES[index]!;
    const cell = row.data.company_profile;
    const answer = cell?.status === 'done' && typeof cell.value?.answer === 'object' ? cell.value.answer : null;
    const reported: Record<string, unknown> = answer ? { name: answer.name, ...answer.context } : {};
    const miss = (field: string, expected: unknown, got: unknown) => ({ site: fixture.site.name, shape: fixture.shape, field, expected, got });
    for (const field of SCORED_FIELDS) {
      const expected = fixture.expected[field as keyof ExpectedProfile];
      const got = reported[field] ?? null;
      if (expected === undefined) {
        if (got !== null && answer) report.unstatedFilled.push(miss(field, null, got));
        continue;
      }
      report.statedFields += 1;
      if (got === expected) report.correctFields += 1;
      else report.misses.push(miss(field, expected, cell?.status === 'done' ? got : `cell ${cell?.status}: ${cell?.error}`));
    }
    const profiles = (reported['social_profiles'] ?? {}) as Record<string, string>;
    const expectedProfiles = fixture.expected.social_profiles ?? {};
    for (const [network, url] of Object.entries(expectedProfiles)) {
      report.statedFields += 1;
      if (profiles[network] === url) report.correctFields += 1;
      else report.misses.push(miss(`social_profiles.${network}`, url, profiles[network] ?? null));
    }
    for (const [network, url] of Object.entries(profiles)) {
      if (!(network in expectedProfiles)) report.unstatedFilled.push(miss(`social_profiles.${network}`, null, url));
    }
    const { sources: _sources, ...facts } = reported;
    const text = JSON.stringify(facts);
    for (const value of fixture.foreign) if (text.includes(value)) report.foreignFacts.push({ site: fixture.site.name, shape: fixture.shape, value });
  });
  report.recall = report.statedFields === 0 ? 0 : report.correctFields / report.statedFields;
  return report;
}

/** The report as `npm run eval` prints it, under the research figures. */
export function formatProfileEvalReport(report: ProfileEvalReport): string {
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  const show = (item: ProfileMiss) =>
    `  ${item.site} (${item.shape}) ${item.field}: expected ${JSON.stringify(item.expected)}, got ${JSON.stringify(item.got)}`;
  return [
    `Fathom company-profile eval — ${report.sites} fixture sites (JSON-LD, repaired JSON-LD, microdata, RDFa, h-card, OpenGraph, other-organisation traps); no model, no search`,
    `stated fields extracted: ${percent(report.recall)} (${report.correctFields}/${report.statedFields}); facts from another organisation: ${report.foreignFacts.length}; fields filled that the pages do not state: ${report.unstatedFilled.length}; ${(report.durationMs / 1000).toFixed(1)} s`,
    ...(report.foreignFacts.length > 0
      ? ['', 'facts from another organisation:', ...report.foreignFacts.map((item) => `  ${item.site} (${item.shape}): ${item.value}`)]
      : []),
    ...(report.misses.length > 0 ? ['', 'missed or wrong fields:', ...report.misses.map(show)] : []),
    ...(report.unstatedFilled.length > 0 ? ['', 'fields the pages do not state:', ...report.unstatedFilled.map(show)] : []),
  ].join('\n');
}
