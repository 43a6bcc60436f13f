import { pathToFileURL } from 'node:url';
import type { FixtureSite } from '../test/fixtures/fixture-web/index.ts';
import { companySitePages, STANDARD_NAV } from '../test/fixtures/fixture-web/sites/company-site-builder.ts';
import { startInProcessFathom } from '../test/fixtures/research-harness/in-process-fathom.ts';
import { startResearchEnvironment } from '../test/fixtures/research-harness/research-environment.ts';
import { createScriptedReader, type ReaderRule } from '../test/fixtures/research-harness/scripted-reader.ts';
import type { BenchResult } from './bench-support.ts';

/**
 * Issue 4 target: a 1,000-row company table with three research columns on the fixture web
 * fetches each page it needs about once (page fetches ≤ 1.2 × distinct pages), and no site ever
 * sees more requests at once than the per-host limit. Every row is its own fictional company
 * (1,000 sites of seven pages, each answering after PAGE_DELAY_MS so overlaps would show), read
 * without a search provider; the model is the scripted reader on the local test server.
 */
const ROWS = Number(process.env.FATHOM_BENCH_RESEARCH_ROWS ?? 1_000);
const PER_HOST_LIMIT = 2;
const PAGE_DELAY_MS = 15;

const RULES: ReaderRule[] = [
  { task: /starting price/i, find: /\$\d+ per month/ },
  { task: /hiring/i, find: /we are hiring|no open positions/i, answer: (match) => (/no open/i.test(match[0]) ? 'No' : 'Yes') },
  { task: /founded/i, find: /founded in (\d{4})/i, answer: (match) => Number(match[1]) },
];

export async function run(): Promise<BenchResult> {
  const sites = Array.from({ length: ROWS }, (_, index) => generatedCompany(index));
  const environment = await startResearchEnvironment({
    sites,
    handler: createScriptedReader(RULES),
    environment: {
      FATHOM_FETCH_PER_HOST: String(PER_HOST_LIMIT),
      FATHOM_WORKER_CONCURRENCY: '64',
      FATHOM_LLM_CONCURRENCY: '64',
      FATHOM_FETCH_TIMEOUT_MS: '15000',
    },
  });
  const fathom = await startInProcessFathom({ environment: environment.environment, agentOverrides: environment.agentOverrides });
  try {
    const research = (key: string, prompt: string, extra: Record<string, unknown> = {}) => ({
      kind: 'agent',
      name: key,
      key,
      value: { agent_type: 'research_pro', prompt, output_format: 'text', ...extra },
    });
    const table = (
      await fathom.api('POST', '/v1/tables', {
        kind: 'company',
        name: 'research fetch sharing',
        column_configs: [
          research('price', 'What is the starting price?'),
          research('hiring', 'Is the company hiring?', { output_format: 'select', labels: ['Yes', 'No'] }),
          research('founded', 'In which year was the company founded?', { output_format: 'numeric' }),
        ],
      })
    ).body;
    const started = performance.now();
    for (let offset = 0; offset < ROWS; offset += 500) {
      const rows = sites.slice(offset, offset + 500).map((site) => ({ data: { input: environment.web.urlFor(site.name) } }));
      await fathom.api('POST', `/v1/tables/${table.id}/rows`, { rows, run: true });
    }
    const data = await fathom.waitForIdle(table.id, 1_800_000);
    const seconds = (performance.now() - started) / 1000;

    const pageRequests = environment.web.requestLog.filter((request) => request.path !== '/robots.txt');
    const distinctPages = new Set(pageRequests.map((request) => `${request.host}${request.path}`)).size;
    const cells = data.rows.flatMap((row: any) => ['company_profile', 'price', 'hiring', 'founded'].map((key) => row.data[key]));
    const correct = data.rows.filter((row: any, index: number) => row.data.founded.value?.answer === 1950 + (index % 70)).length;
    const maxPerHost = Math.max(...sites.map((site) => environment.web.maxInFlight(site.name)));
    const statistics = fathom.agents.pageStatistics();
    return {
      name: `research fetch sharing: ${ROWS} company rows × 3 research columns, fixture web, no search`,
      metrics: {
        rows: ROWS,
        cells_done: cells.filter((cell: any) => cell.status === 'done').length,
        cells_failed: cells.filter((cell: any) => cell.status !== 'done').length,
        page_fetches: pageRequests.length,
        distinct_pages: distinctPages,
        fetches_per_distinct_page: round(pageRequests.length / distinctPages, 3),
        robots_txt_fetches: environment.web.requestLog.length - pageRequests.length,
        page_cache_hits: statistics.hits,
        page_cache_joins: statistics.joins,
        max_requests_in_flight_per_host: maxPerHost,
        per_host_limit: PER_HOST_LIMIT,
        founded_answers_correct: correct,
        llm_calls: environment.llm!.calls.length,
        seconds: round(seconds, 1),
        research_cells_per_second: round((ROWS * 3) / seconds, 1),
      },
      notes: `targets: fetches_per_distinct_page ≤ 1.2 and max_requests_in_flight_per_host ≤ ${PER_HOST_LIMIT}; pages answer after ${PAGE_DELAY_MS} ms`,
    };
  } finally {
    await fathom.close();
    await environment.close();
  }
}

/** Company number `index`: seven pages, a founding year and a price that vary, half of them hiring. */
function generatedCompany(index: number): FixtureSite {
  const name = `co${String(index).padStart(4, '0')}`;
  const title = `Company ${index}`;
  const pages = companySitePages({
    nav: STANDARD_NAV,
    pages: {
      '/': { title, main: `<h1>${title}</h1><p>${title} makes tools number ${index} for teams.</p>` },
      '/about': { title: `About ${title}`, main: `<p>${title} was founded in ${1950 + (index % 70)} by a team of ${3 + (index % 9)}.</p>` },
      '/pricing': { title: `Pricing — ${title}`, main: `<p>Plans start at $${10 + (index % 90)} per month.</p>` },
      '/careers': { title: `Careers — ${title}`, main: index % 2 === 0 ? '<p>We are hiring engineers.</p>' : '<p>There are no open positions right now.</p>' },
      '/team': { title: `Team — ${title}`, main: `<p>Founder ${index} leads the team.</p>` },
      '/contact': { title: `Contact — ${title}`, main: `<p>Write to hello@${name}.test.</p>` },
      '/blog': { title: `Blog — ${title}`, main: '<p>News will follow.</p>' },
    },
  });
  return {
    name,
    pages: pages.map((page) => ({
      path: page.path,
      respond: async ({ response }) => {
        await new Promise((resolve) => setTimeout(resolve, PAGE_DELAY_MS));
        if (!response.destroyed) response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page.body);
      },
    })),
  };
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await run();
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
