import { fork, type ChildProcess } from 'node:child_process';
import { writeHeapSnapshot } from 'node:v8';
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
// Diagnostics (how the memory was found out): a line of memory use every 2 s on stderr, a
// sampling allocation profile of the first run (garbage included; `.heapprofile` JSON), and a
// heap snapshot after it.
const TRACE_MEMORY = Boolean(process.env.FATHOM_BENCH_MEMORY_TRACE);
const ALLOCATION_PROFILE = process.env.FATHOM_BENCH_ALLOCATION_PROFILE;
const HEAP_SNAPSHOT = process.env.FATHOM_BENCH_HEAP_SNAPSHOT;
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
    return nextMessage<{ pageRequests: number; searches: number; peakRssMb: number }>(web, 'counts');
  };
  const baselineRss = process.memoryUsage().rss;
  let peakRss = baselineRss;
  let peakHeap = 0;
  let ticks = 0;
  // Peak RSS by phase of the bench: which part of the work (or of the bench's own reads) it belongs to.
  let phase = 'first run';
  const peakByPhase: Record<string, number> = {};
  const benchStarted = performance.now();
  const sample = () => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakByPhase[phase] = Math.max(peakByPhase[phase] ?? 0, mb(usage.rss));
    peakHeap = Math.max(peakHeap, usage.heapUsed);
    ticks += 1;
    if (TRACE_MEMORY && ticks % 20 === 0) {
      process.stderr.write(
        `${Math.round((performance.now() - benchStarted) / 1000)} s, ${phase}: rss ${mb(usage.rss)} MB, heap used ${mb(usage.heapUsed)} of ${mb(usage.heapTotal)} MB, external ${mb(usage.external)} MB\n`,
      );
    }
  };
  const sampler = setInterval(sample, 100);
  // A phase's last moments count for it even when the event loop was too busy for the timer.
  const enter = (next: string) => {
    sample();
    phase = next;
  };
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

    const profiler = ALLOCATION_PROFILE ? await startAllocationSampling() : null;
    const started = performance.now();
    for (let offset = 0; offset < COMPANIES; offset += 500) {
      const rows = Array.from({ length: Math.min(500, COMPANIES - offset) }, (_, index) => ({
        data: { input: urlFor(`pco${String(offset + index).padStart(4, '0')}`) },
      }));
      await fathom.api('POST', `/v1/tables/${table.id}/rows`, { rows, run: true });
    }
    await waitUntilIdle(fathom, table.id);
    const seconds = (performance.now() - started) / 1000;
    if (profiler) await profiler.stop(ALLOCATION_PROFILE!);
    // Written after the first run, when every cache is at its fullest (writing it costs memory: peak RSS is then meaningless).
    if (HEAP_SNAPSHOT) process.stderr.write(`heap snapshot: ${writeHeapSnapshot(HEAP_SNAPSHOT)}\n`);
    enter('reading results');
    const firstFetches = await pageRequests();
    const firstSearches = await searchCalls();
    const firstRows = await childRows();
    const finderCells = await readRows(fathom, table.id, finderSummary);
    const correct = finderCells.filter((cell) => cell.people === 5).length;
    const withFailedPages = finderCells.filter((cell) => cell.pagesFailed > 0).length;

    // Second run, nothing changed: done cells are not recomputed.
    enter('rerun, mode new');
    const secondRun = (await fathom.api('POST', `/v1/tables/${table.id}/run`, { mode: 'new', columns: [finderId] })).body;
    await waitUntilIdle(fathom, table.id);
    const secondFetches = (await pageRequests()) - firstFetches;
    const secondSearches = (await searchCalls()) - firstSearches;
    const secondRows = (await childRows()) - firstRows;

    // Third run, mode "all": re-read everything on purpose; people already listed are kept, not added.
    enter('rerun, mode all');
    const thirdStarted = performance.now();
    await fathom.api('POST', `/v1/tables/${table.id}/run`, { mode: 'all', columns: [finderId] });
    await waitUntilIdle(fathom, table.id);
    const thirdSeconds = (performance.now() - thirdStarted) / 1000;
    const thirdRows = (await childRows()) - firstRows;
    enter('reading results');
    const afterThird = await readRows(fathom, table.id, finderSummary);
    const thirdWithFailedPages = afterThird.filter((cell) => cell.pagesFailed > 0).length;
    // The same person twice under one company would be a duplicate.
    const people = await readRows(
      fathom,
      childId,
      (row) => ({ parent_row_id: row.parent_row_id as string, full_name: row.data.full_name.value?.answer as string }),
      '&include_parent_data=false',
    );
    const seen = new Set<string>();
    let duplicates = 0;
    for (const row of people) {
      const key = `${row.parent_row_id}/${String(row.full_name).toLowerCase()}`;
      if (seen.has(key)) duplicates += 1;
      seen.add(key);
    }

    enter('done');
    return {
      name: `people finder: ${COMPANIES} companies × 1 finder (5 per company), fixture web (${PAGE_DELAY_MS} ms pages) + profile search stand-in`,
      metrics: {
        companies: COMPANIES,
        finder_cells_done: finderCells.filter((cell) => cell.status === 'done').length,
        finder_cells_failed: finderCells.filter((cell) => cell.status !== 'done').length,
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
        // The kernel's high-water mark (VmHWM), which a 100 ms sampler can miss.
        peak_rss_os_mb: Math.round(process.resourceUsage().maxRSS / 1024),
        peak_heap_used_mb: mb(peakHeap),
        ...Object.fromEntries(Object.entries(peakByPhase).map(([name, value]) => [`peak_rss_mb_${name.replaceAll(/\W+/g, '_')}`, value])),
        web_process_peak_rss_mb: (await counts()).peakRssMb,
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

/** The parts of a finder cell the bench checks. */
function finderSummary(row: any): { status: string; people: number; pagesFailed: number } {
  const cell = row.data.sales;
  return { status: cell.status, people: cell.value?.answer?.length ?? 0, pagesFailed: cell.value?.research?.pages_failed?.length ?? 0 };
}

/**
 * Polls the status only, once a second: reading 1,000 rows of data at every poll would weigh on
 * the measure, and at 4 polls a second the status counts were a tenth of all memory allocated in
 * this process (wall times are therefore ±1 s).
 */
async function waitUntilIdle(fathom: Fathom, tableId: string): Promise<void> {
  for (;;) {
    const status = (await fathom.api('GET', `/v1/tables/${tableId}`)).body.status;
    if (status.run_status === 'idle' && status.num_cells_in_progress === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/**
 * What `pick` takes of every row, read 200 at a time. The driver shares Fathom's process, so it
 * keeps only what it checks (whole rows, parent data included, weighed tens of MB).
 */
async function readRows<T>(fathom: Fathom, tableId: string, pick: (row: any) => T, query = ''): Promise<T[]> {
  const picked: T[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = (await fathom.api('GET', `/v1/tables/${tableId}/data?offset=${offset}&limit=200${query}`)).body.rows;
    for (const row of page) picked.push(pick(row));
    if (page.length < 200) return picked;
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

/** V8's sampling heap profiler, keeping samples of objects already collected: where garbage comes from. */
async function startAllocationSampling() {
  const { Session } = await import('node:inspector/promises');
  const { writeFileSync } = await import('node:fs');
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 65536,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  } as any);
  return {
    stop: async (path: string) => {
      const { profile } = (await session.post('HeapProfiler.stopSampling')) as any;
      writeFileSync(path, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

function mb(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await run();
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
