import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startInProcessFathom } from '../test/fixtures/research-harness/in-process-fathom.ts';
import type { BenchResult } from './bench-support.ts';
import { PAGE_DELAY_MS } from './support/people-bench-web.ts';

/**
 * Issue 13 target: 1,000 companies × one people finder (5 per company) on the fixture web, pages
 * answering after 15 ms, profile search through the SearXNG stand-in (both in a forked process,
 * `support/people-bench-web.ts`, so this process's RSS is Fathom's). Measures wall time, page
 * fetches and provider calls per company, child rows written per second and peak RSS; then runs
 * the same column again (mode "new": nothing changed, so nothing may be fetched or added) and
 * once more with mode "all" (everything re-read on purpose; still no duplicate rows).
 * No model is configured: the finder never calls one, and company profiles are built from markup.
 */
const COMPANIES = Number(process.env.FATHOM_BENCH_PEOPLE_COMPANIES ?? 1_000);
const WEB_SCRIPT = fileURLToPath(new URL('./support/people-bench-web.ts', import.meta.url));

export async function run(): Promise<BenchResult> {
  const web = fork(WEB_SCRIPT, [String(COMPANIES)], { execArgv: ['--import', 'tsx'] });
  const ready = await nextMessage<{ port: number; searchUrl: string }>(web, 'ready');
  const urlFor = (site: string, path = '/') => `http://${site}.test:${ready.port}${path}`;
  const lookup = async (hostname: string) => {
    if (/\.test\.?$/i.test(hostname)) return [{ address: '127.0.0.1', family: 4 }];
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
  };
  const fathom = await startInProcessFathom({
    environment: {
      FATHOM_FETCH_ALLOW_HOSTS: '127.0.0.1',
      FATHOM_POLL_INTERVAL_MS: '50',
      FATHOM_SEARCH_PROVIDER: 'searxng',
      FATHOM_SEARCH_URL: ready.searchUrl,
      FATHOM_WORKER_CONCURRENCY: '64',
      FATHOM_FETCH_PER_HOST: '2',
      FATHOM_FETCH_TIMEOUT_MS: '15000',
      FATHOM_DNS_SERVERS: '127.0.0.1:9',
    },
    agentOverrides: { fetcher: { lookup }, linkedinDomains: ['linkedin.com', 'linkedin.test'], peopleProfileSearchSite: 'linkedin.test' },
  });
  const counts = async () => {
    web.send({ type: 'counts' });
    return nextMessage<{ pageRequests: number; searches: number }>(web, 'counts');
  };
  const baselineRss = process.memoryUsage().rss;
  let peakRss = baselineRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  try {
    const table = (
      await fathom.api('POST', '/v1/tables', {
        kind: 'company',
        name: 'people bench',
        column_configs: [{ kind: 'company_people_finder', name: 'Sales', key: 'sales', value: { roles: ['sales leadership'], max_results: 5 } }],
      })
    ).body;
    const childId = table.child_relationships[0].table_id;
    const finderId = table.columns.find((column: any) => column.config.key === 'sales').id;
    const pageRequests = async () => (await counts()).pageRequests;
    const searchCalls = async () => (await counts()).searches;
    const childRows = async () => (await fathom.api('GET', `/v1/tables/${childId}`)).body.status.num_rows as number;

    const started = performance.now();
    for (let offset = 0; offset < COMPANIES; offset += 500) {
      const rows = Array.from({ length: Math.min(500, COMPANIES - offset) }, (_, index) => ({
        data: { input: urlFor(`pco${String(offset + index).padStart(4, '0')}`) },
      }));
      await fathom.api('POST', `/v1/tables/${table.id}/rows`, { rows, run: true });
    }
    await waitUntilIdle(fathom, table.id);
    const seconds = (performance.now() - started) / 1000;
    const firstFetches = await pageRequests();
    const firstSearches = await searchCalls();
    const firstRows = await childRows();
    const finderCells = (await readRows(fathom, table.id)).map((row: any) => row.data.sales);
    const correct = finderCells.filter((cell: any) => cell.value?.answer?.length === 5).length;
    const withFailedPages = finderCells.filter((cell: any) => (cell.value?.research?.pages_failed?.length ?? 0) > 0).length;

    // Second run, nothing changed: done cells are not recomputed.
    const secondRun = (await fathom.api('POST', `/v1/tables/${table.id}/run`, { mode: 'new', columns: [finderId] })).body;
    await waitUntilIdle(fathom, table.id);
    const secondFetches = (await pageRequests()) - firstFetches;
    const secondSearches = (await searchCalls()) - firstSearches;
    const secondRows = (await childRows()) - firstRows;

    // Third run, mode "all": re-read everything on purpose; people already listed are kept, not added.
    const thirdStarted = performance.now();
    await fathom.api('POST', `/v1/tables/${table.id}/run`, { mode: 'all', columns: [finderId] });
    await waitUntilIdle(fathom, table.id);
    const thirdSeconds = (performance.now() - thirdStarted) / 1000;
    const thirdRows = (await childRows()) - firstRows;
    const afterThird = (await readRows(fathom, table.id)).map((row: any) => row.data.sales);
    const thirdWithFailedPages = afterThird.filter((cell: any) => (cell.value?.research?.pages_failed?.length ?? 0) > 0).length;
    // The same person twice under one company would be a duplicate.
    const people = await readRows(fathom, childId);
    const seen = new Set<string>();
    let duplicates = 0;
    for (const row of people) {
      const key = `${row.parent_row_id}/${String(row.data.full_name.value?.answer).toLowerCase()}`;
      if (seen.has(key)) duplicates += 1;
      seen.add(key);
    }

    return {
      name: `people finder: ${COMPANIES} companies × 1 finder (5 per company), fixture web (${PAGE_DELAY_MS} ms pages) + profile search stand-in`,
      metrics: {
        companies: COMPANIES,
        finder_cells_done: finderCells.filter((cell: any) => cell.status === 'done').length,
        finder_cells_failed: finderCells.filter((cell: any) => cell.status !== 'done').length,
        companies_with_5_people: correct,
        companies_with_unreadable_pages: withFailedPages,
        seconds: round(seconds, 1),
        page_fetches_per_company: round(firstFetches / COMPANIES, 2),
        search_calls_per_company: round(firstSearches / COMPANIES, 2),
        model_calls: 0,
        child_rows: firstRows,
        child_rows_per_second: round(firstRows / seconds, 1),
        rerun_new_cells_queued: secondRun.num_requested_cells,
        rerun_new_page_fetches: secondFetches,
        rerun_new_search_calls: secondSearches,
        rerun_new_rows_added: secondRows,
        rerun_all_seconds: round(thirdSeconds, 1),
        rerun_all_rows_added: thirdRows,
        rerun_all_companies_with_unreadable_pages: thirdWithFailedPages,
        duplicate_people: duplicates,
        baseline_rss_mb: Math.round(baselineRss / 1024 / 1024),
        peak_rss_mb: Math.round(peakRss / 1024 / 1024),
      },
      notes:
        'RSS is the bench process, Fathom alone (the fixture web and the search stand-in run in a forked process); targets: rerun_new_* = 0, duplicate_people = 0, peak RSS < 500 MB; rows added by the mode-all rerun are people of companies whose pages could not be read the first time',
    };
  } finally {
    clearInterval(sampler);
    await fathom.close();
    web.send({ type: 'close' });
  }
}

type Fathom = Awaited<ReturnType<typeof startInProcessFathom>>;

/** Polls the status only: reading 1,000 rows of data at every poll would weigh on the measure. */
async function waitUntilIdle(fathom: Fathom, tableId: string): Promise<void> {
  for (;;) {
    const status = (await fathom.api('GET', `/v1/tables/${tableId}`)).body.status;
    if (status.run_status === 'idle' && status.num_cells_in_progress === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Every row, 200 at a time. */
async function readRows(fathom: Fathom, tableId: string): Promise<any[]> {
  const rows: any[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = (await fathom.api('GET', `/v1/tables/${tableId}/data?offset=${offset}&limit=200`)).body.rows;
    rows.push(...page);
    if (page.length < 200) return rows;
  }
}

/** The child's next message of this type. */
function nextMessage<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type: string } & T) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message);
    };
    const onExit = (code: number | null) => reject(new Error(`the bench web process exited (${code}) before answering ${type}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await run();
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
