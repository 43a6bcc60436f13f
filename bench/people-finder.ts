import { fork, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { api, createBenchDatabase, startBenchServer, type BenchResult, type BenchServer } from './bench-support.ts';
import { PAGE_DELAY_MS } from './support/people-bench-web.ts';

/**
 * Issue 13 target: 1,000 companies × one people finder (5 per company) on the fixture web, pages
 * answering after 15 ms, profile search through the SearXNG stand-in. Fathom runs as users run
 * it, `fathom serve` (the one-file build) in its own process on a fresh SQLite file, configured
 * only through its documented settings: pages through `HTTP_PROXY` (the forked web process's
 * CONNECT proxy, the SSRF boundary), search through `FATHOM_SEARCH_URL`. The driver (this
 * process) and the web run apart, so the RSS measured is the server's alone: its kernel
 * high-water mark (VmHWM) and its RSS sampled by phase. Measures wall time, page fetches and
 * provider calls per company, child rows written per second; then runs the same column again
 * (mode "new": nothing changed, so nothing may be fetched or added), once more with mode "all"
 * (everything re-read on purpose; still no duplicate rows), and reads every row back.
 * By default no model is configured: the finder never calls one, and company profiles are built
 * from markup. FATHOM_BENCH_PEOPLE_MODEL=1 configures the OpenAI-compatible stand-in, as most
 * users run: profiles are then completed by the model, and the stand-in counts every call.
 */
const COMPANIES = Number(process.env.FATHOM_BENCH_PEOPLE_COMPANIES ?? 1_000);
const WITH_MODEL = Boolean(process.env.FATHOM_BENCH_PEOPLE_MODEL);
// FATHOM_BENCH_PEOPLE_POSTGRES=1: the server on a fresh PostgreSQL database (FATHOM_TEST_DATABASE_URL's server) instead of SQLite.
const ON_POSTGRES = Boolean(process.env.FATHOM_BENCH_PEOPLE_POSTGRES);
// Diagnostics: a line of the server's memory every 2 s on stderr; a V8 sampling heap profile of
// the server (`--heap-prof` into this directory when it stops: what is live then, not garbage);
// a heap snapshot of the server after the first run (SIGUSR2, written into the working directory).
const TRACE_MEMORY = Boolean(process.env.FATHOM_BENCH_MEMORY_TRACE);
const ALLOCATION_PROFILE_DIRECTORY = process.env.FATHOM_BENCH_ALLOCATION_PROFILE;
const HEAP_SNAPSHOT = Boolean(process.env.FATHOM_BENCH_HEAP_SNAPSHOT);
// Extra node flags for the server, e.g. `--max-old-space-size=256` to compare a heap cap, or
// `--trace-gc` with FATHOM_BENCH_SERVER_LOG=file (the server's output, which is otherwise dropped).
const SERVER_LOG = process.env.FATHOM_BENCH_SERVER_LOG;
const SERVER_NODE_OPTIONS = (process.env.FATHOM_BENCH_SERVER_NODE_OPTIONS ?? '').split(' ').filter((flag) => flag !== '');
const WEB_SCRIPT = fileURLToPath(new URL('./support/people-bench-web.ts', import.meta.url));

export async function run(): Promise<BenchResult> {
  const web = fork(WEB_SCRIPT, [String(COMPANIES), WITH_MODEL ? 'model' : 'none'], { execArgv: ['--import', 'tsx'] });
  const ready = await nextMessage<{ port: number; proxyUrl: string; searchUrl: string; modelUrl: string | null }>(web, 'ready');
  const urlFor = (site: string, path = '/') => `http://${site}.test:${ready.port}${path}`;
  let server: BenchServer | null = null;
  const database = ON_POSTGRES ? await createBenchDatabase('fathom_bench_people') : null;
  if (ON_POSTGRES && !database) throw new Error('FATHOM_BENCH_PEOPLE_POSTGRES is set but no PostgreSQL answers at FATHOM_TEST_DATABASE_URL');
  try {
    server = await startBenchServer({
      engine: database ? 'postgres' : 'sqlite',
      ...(database ? { postgresUrl: database.url } : {}),
      environment: {
        FATHOM_POLL_INTERVAL_MS: '50',
        FATHOM_SEARCH_PROVIDER: 'searxng',
        FATHOM_SEARCH_URL: ready.searchUrl,
        FATHOM_WORKER_CONCURRENCY: '64',
        FATHOM_FETCH_PER_HOST: '2',
        FATHOM_FETCH_TIMEOUT_MS: '15000',
        // Every page through the proxy; the search stand-in (127.0.0.1) directly. The fixture
        // names are allow-listed so the fetcher does not first ask this machine's resolver about
        // them: they cannot resolve here, and this sandbox's resolver drops bursts of queries
        // (a lost query stalls its fetch 5 s), which would make the wall time the resolver's.
        HTTP_PROXY: ready.proxyUrl,
        NO_PROXY: '127.0.0.1,localhost',
        FATHOM_PROXY_IS_SSRF_BOUNDARY: 'true',
        FATHOM_FETCH_ALLOW_HOSTS: '*.test',
        FATHOM_DNS_SERVERS: '127.0.0.1:9',
        // The stand-in model or none: an LLM variable set in this shell must not reach the server.
        FATHOM_LLM_PROVIDER: '',
        FATHOM_LLM_BASE_URL: ready.modelUrl ?? '',
        FATHOM_LLM_MODEL: ready.modelUrl ? 'test-model' : '',
        FATHOM_LLM_REASONING_MODEL: '',
        FATHOM_LLM_API_KEY: '',
        OPENAI_API_KEY: '',
        ANTHROPIC_API_KEY: '',
      },
      nodeArguments: [
        ...SERVER_NODE_OPTIONS,
        ...(ALLOCATION_PROFILE_DIRECTORY ? ['--heap-prof', `--heap-prof-dir=${ALLOCATION_PROFILE_DIRECTORY}`] : []),
        ...(HEAP_SNAPSHOT ? ['--heapsnapshot-signal=SIGUSR2'] : []),
      ],
    });
  } catch (error) {
    web.send({ type: 'close' });
    await database?.drop();
    throw error;
  }
  const fathom = server;
  if (SERVER_LOG) {
    const log = createWriteStream(SERVER_LOG);
    fathom.child.stdout!.pipe(log);
    fathom.child.stderr!.pipe(log);
  }
  const call = (method: string, path: string, body?: unknown) => api(fathom.url, method, path, body);
  const counts = async () => {
    web.send({ type: 'counts' });
    return nextMessage<{ pageRequests: number; searches: number; modelCalls: number; peakRssMb: number }>(web, 'counts');
  };
  const baselineRss = fathom.rssMb();
  // RSS of the server by phase of the bench: which part of the work (or of the driver's reads) it belongs to.
  let phase = 'first run';
  const peakByPhase: Record<string, number> = {};
  const highWaterAtPhaseEnd: Record<string, number> = {};
  let ticks = 0;
  const benchStarted = performance.now();
  const sample = () => {
    let rss: number;
    try {
      rss = fathom.rssMb();
    } catch {
      return; // the server is gone; its exit is reported by the call that needed it
    }
    peakByPhase[phase] = Math.max(peakByPhase[phase] ?? 0, Math.round(rss));
    ticks += 1;
    if (TRACE_MEMORY && ticks % 20 === 0) {
      process.stderr.write(
        `${Math.round((performance.now() - benchStarted) / 1000)} s, ${phase}: server rss ${Math.round(rss)} MB, high-water ${Math.round(fathom.peakRssMb())} MB\n`,
      );
    }
  };
  const sampler = setInterval(sample, 100);
  // A phase's last moments count for it; the kernel's high-water mark at its end says whether it raised the peak.
  const enter = (next: string) => {
    sample();
    highWaterAtPhaseEnd[phase] = Math.round(fathom.peakRssMb());
    phase = next;
  };
  try {
    const table = await call('POST', '/v1/tables', {
      kind: 'company',
      name: 'people bench',
      column_configs: [{ kind: 'company_people_finder', name: 'Sales', key: 'sales', value: { roles: ['sales leadership'], max_results: 5 } }],
    });
    const childId = table.child_relationships[0].table_id;
    const finderId = table.columns.find((column: any) => column.config.key === 'sales').id;
    const pageRequests = async () => (await counts()).pageRequests;
    const searchCalls = async () => (await counts()).searches;
    const modelCalls = async () => (await counts()).modelCalls;
    const childRows = async () => (await call('GET', `/v1/tables/${childId}`)).status.num_rows as number;

    const started = performance.now();
    for (let offset = 0; offset < COMPANIES; offset += 500) {
      const rows = Array.from({ length: Math.min(500, COMPANIES - offset) }, (_, index) => ({
        data: { input: urlFor(`pco${String(offset + index).padStart(4, '0')}`) },
      }));
      await call('POST', `/v1/tables/${table.id}/rows`, { rows, run: true });
    }
    await waitUntilIdle(fathom, table.id);
    const seconds = (performance.now() - started) / 1000;
    enter('reading results after the first run');
    // Written by the server (in its working directory) after the first run, when every cache is at its
    // fullest; writing it costs the server memory, so the phases after it are then meaningless.
    if (HEAP_SNAPSHOT) fathom.child.kill('SIGUSR2');
    const firstFetches = await pageRequests();
    const firstSearches = await searchCalls();
    const firstModelCalls = await modelCalls();
    const firstRows = await childRows();
    const finderCells = await readRows(fathom, table.id, finderSummary);
    const correct = finderCells.filter((cell) => cell.people === 5).length;
    const withFailedPages = finderCells.filter((cell) => cell.pagesFailed > 0).length;

    // Second run, nothing changed: done cells are not recomputed.
    enter('rerun, mode new');
    const secondRun = await call('POST', `/v1/tables/${table.id}/run`, { mode: 'new', columns: [finderId] });
    await waitUntilIdle(fathom, table.id);
    const secondFetches = (await pageRequests()) - firstFetches;
    const secondSearches = (await searchCalls()) - firstSearches;
    const secondModelCalls = (await modelCalls()) - firstModelCalls;
    const secondRows = (await childRows()) - firstRows;
    enter('reading results after the mode-new rerun');
    const afterSecond = await readRows(fathom, table.id, finderSummary);
    // A cell written again (new updated_at) would have been recomputed; its model calls would count here.
    const firstUpdated = new Map(finderCells.map((cell) => [cell.rowId, cell.updatedAt]));
    const secondRecomputed = afterSecond.filter((cell) => firstUpdated.get(cell.rowId) !== cell.updatedAt);

    // Third run, mode "all": re-read everything on purpose; people already listed are kept, not added.
    enter('rerun, mode all');
    const thirdStarted = performance.now();
    await call('POST', `/v1/tables/${table.id}/run`, { mode: 'all', columns: [finderId] });
    await waitUntilIdle(fathom, table.id);
    const thirdSeconds = (performance.now() - thirdStarted) / 1000;
    const thirdRows = (await childRows()) - firstRows;
    enter('reading results after the mode-all rerun');
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
      name: `people finder (${database ? 'PostgreSQL' : 'SQLite'}${WITH_MODEL ? ', model stand-in' : ''}): ${COMPANIES} companies × 1 finder (5 per company), fixture web (${PAGE_DELAY_MS} ms pages) + profile search stand-in`,
      metrics: {
        companies: COMPANIES,
        finder_cells_done: finderCells.filter((cell) => cell.status === 'done').length,
        finder_cells_failed: finderCells.filter((cell) => cell.status !== 'done').length,
        companies_with_5_people: correct,
        companies_with_unreadable_pages: withFailedPages,
        seconds: round(seconds, 1),
        page_fetches_per_company: round(firstFetches / COMPANIES, 2),
        search_calls_per_company: round(firstSearches / COMPANIES, 2),
        model_configured: WITH_MODEL ? 1 : 0,
        // Measured, not assumed: calls the model stand-in received (profiles included), and what the finder cells report.
        model_calls_per_company: round(firstModelCalls / COMPANIES, 2),
        finder_model_calls_per_company: round(sum(finderCells.map((cell) => cell.modelCalls)) / COMPANIES, 2),
        child_rows: firstRows,
        child_rows_per_second: round(firstRows / seconds, 1),
        rerun_new_cells_queued: secondRun.num_requested_cells,
        rerun_new_page_fetches: secondFetches,
        rerun_new_search_calls: secondSearches,
        rerun_new_rows_added: secondRows,
        rerun_new_cells_recomputed: secondRecomputed.length,
        rerun_new_model_calls: secondModelCalls,
        rerun_all_seconds: round(thirdSeconds, 1),
        rerun_all_rows_added: thirdRows,
        rerun_all_companies_with_unreadable_pages: thirdWithFailedPages,
        duplicate_people: duplicates,
        server_rss_at_start_mb: Math.round(baselineRss),
        server_peak_rss_sampled_mb: Math.max(...Object.values(peakByPhase)),
        // The kernel's high-water mark (VmHWM), which a 100 ms sampler can miss.
        server_peak_rss_os_mb: Math.round(fathom.peakRssMb()),
        ...Object.fromEntries(Object.entries(peakByPhase).map(([name, value]) => [`server_rss_mb_${slug(name)}`, value])),
        ...Object.fromEntries(Object.entries(highWaterAtPhaseEnd).map(([name, value]) => [`server_high_water_mb_after_${slug(name)}`, value])),
        web_process_peak_rss_mb: (await counts()).peakRssMb,
      },
      notes:
        'RSS is the `fathom serve` process alone (the driver is this process; the fixture web, proxy and search stand-in a forked one); targets: rerun_new_* = 0, duplicate_people = 0, peak RSS < 500 MB; rows added by the mode-all rerun are people of companies whose pages could not be read the first time',
    };
  } finally {
    clearInterval(sampler);
    await fathom.stop();
    await database?.drop();
    web.send({ type: 'close' });
  }
}

/** The parts of a finder cell the bench checks. */
function finderSummary(row: any): { rowId: string; status: string; updatedAt: string; people: number; pagesFailed: number; modelCalls: number } {
  const cell = row.data.sales;
  return {
    rowId: row.id,
    status: cell.status,
    updatedAt: cell.updated_at,
    people: cell.value?.answer?.length ?? 0,
    pagesFailed: cell.value?.research?.pages_failed?.length ?? 0,
    modelCalls: cell.value?.usage?.model_calls ?? 0,
  };
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/**
 * Polls the status only, once a second, as a user's script would: reading 1,000 rows of data at
 * every poll would make the server's memory the driver's doing (wall times are therefore ±1 s).
 */
async function waitUntilIdle(server: BenchServer, tableId: string): Promise<void> {
  for (;;) {
    const status = (await api(server.url, 'GET', `/v1/tables/${tableId}`)).status;
    if (status.run_status === 'idle' && status.num_cells_in_progress === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** What `pick` takes of every row, read 200 at a time (a client reading the whole table). */
async function readRows<T>(server: BenchServer, tableId: string, pick: (row: any) => T, query = ''): Promise<T[]> {
  const picked: T[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = (await api(server.url, 'GET', `/v1/tables/${tableId}/data?offset=${offset}&limit=200${query}`)).rows;
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

/** A metric-name form of a phase's name. */
function slug(name: string): string {
  return name.replaceAll(/\W+/g, '_').replace(/_$/, '');
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await run();
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
