import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { companyNameKey } from '../src/domain/company-identifier.ts';
import { normalizeSearchFilters, type SearchFilters } from '../src/domain/company-search/search-filters.ts';
import type { EmbeddingProvider } from '../src/providers/embedding/embedding-provider.ts';
import { searchCompanies, similarCompanies, type HybridSearch } from '../src/services/company-search/company-search-service.ts';
import { createHybridSearch } from '../src/services/company-search/hybrid-search.ts';
import { warmCompanyIndexes } from '../src/services/company-search/company-index-warm-up.ts';
import { standinEmbedding } from '../test/fixtures/openai-compatible-server/standin-embedding.ts';
import { createStore } from '../src/store/kysely-store.ts';
import { openDatabase, type DatabaseLocation } from '../src/store/open-database.ts';
import type { CompanyProfileRecord, Store } from '../src/store/store.ts';
import { embedWorkspace } from '../eval/company-search/embed-workspace.ts';
import { COUNTRIES, INDUSTRIES } from '../eval/company-search/company-search-industries.ts';
import { createBenchDatabase, machineDescription, percentile, type BenchResult } from './bench-support.ts';

const TOTAL_PROFILES = Number(process.env.FATHOM_BENCH_SEARCH_PROFILES ?? 100_000);
const IMPORT_BATCH = 1_000;
const SEARCHES = Number(process.env.FATHOM_BENCH_SEARCH_QUERIES ?? 300);
const LOOKALIKES = Number(process.env.FATHOM_BENCH_SEARCH_LOOKALIKES ?? 150);
const TARGETS = { importPerSecond: 5_000, lexicalP99Ms: 50, hybridP99Ms: 150, lookalikeP99Ms: 150, rssMb: 500 };
const FILTERS: SearchFilters = {
  include: { country: ['Germany', 'United States', 'France'], size: ['11-50', '51-200', '201-500'] },
  exclude: { domains: Array.from({ length: 50 }, (_, index) => `company${index * 37}.com`) },
  range: { founded: { min: 2005 } },
};
/** The OpenAI-compatible stand-in's vectors, computed in process. */
const STANDIN_PROVIDER: EmbeddingProvider = { model: 'standin-256', embed: async (texts) => texts.map((text) => standinEmbedding(text)) };
const WORKSPACE = 'bench-workspace';
// `sqlite`, `postgres` or both (default): the machine is shared, and one engine at a time is easier to read.
const ENGINES = (process.env.FATHOM_BENCH_SEARCH_ENGINES ?? 'sqlite,postgres').split(',');
const SIZES = ['1-10', '11-50', '51-200', '201-500', '501-1000', '1001-5000', '5001-10000', '10001+'];

/**
 * Issue 14 targets on an index of 100,000 profiles: bulk import (the store call the import
 * endpoint makes, 1,000 profiles per transaction) ≥ 5,000 profiles/s on SQLite; search p99
 * ≤ 50 ms lexical with and without filters; lookalike p99 ≤ 150 ms; peak RSS ≤ 500 MB. Measured
 * in process, at the service the HTTP routes call, so the numbers are the index's, not HTTP's.
 * PostgreSQL is measured the same way beside it when one answers.
 */
export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const directory = mkdtempSync(join(tmpdir(), 'fathom-bench-search-'));
  try {
    if (ENGINES.includes('sqlite')) results.push(await measure('sqlite', { engine: 'sqlite', path: join(directory, 'search.db') }));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  const database = ENGINES.includes('postgres') ? await createBenchDatabase(`fathom_bench_search_${process.pid}`) : null;
  if (database) {
    try {
      results.push(await measure('postgres', { engine: 'postgres', connectionString: database.url }));
    } finally {
      await database.drop();
    }
  }
  return results;
}

async function measure(engine: string, location: DatabaseLocation): Promise<BenchResult> {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const opened = await openDatabase(location);
  try {
    const store = createStore(opened);
    const importStarted = performance.now();
    for (let start = 0; start < TOTAL_PROFILES; start += IMPORT_BATCH) {
      const batch = Array.from({ length: Math.min(IMPORT_BATCH, TOTAL_PROFILES - start) }, (_, offset) => benchProfile(start + offset));
      await store.saveCompanyProfiles(batch);
    }
    const importSeconds = (performance.now() - importStarted) / 1000;
    process.stderr.write(`${engine}: ${TOTAL_PROFILES} profiles imported in ${importSeconds.toFixed(1)} s\n`);
    // The first search of a workspace loads its in-memory text index (once per process): timed apart.
    const textLoadStarted = performance.now();
    await store.rankCompanyProfileIds({ workspaceId: WORKSPACE, terms: [], filters: normalized(undefined), excludeProfileIds: [], limit: 1 });
    const textIndexLoadMs = performance.now() - textLoadStarted;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const queries = INDUSTRIES.flatMap((industry) => [...industry.queries, industry.countryQuery.replace('{country}', 'Germany')]);
    const plain = await timeSearches(store, queries, undefined);
    const filtered = await timeSearches(store, queries, FILTERS);
    const lookalike: number[] = [];
    for (let index = 0; index < LOOKALIKES; index += 1) {
      const seed = await store.findCompanyProfileByDomain(WORKSPACE, benchDomain((index * 613) % TOTAL_PROFILES));
      const started = performance.now();
      await similarCompanies(store, seed!, { filters: normalized(undefined), page: { offset: 0, limit: 20 } });
      lookalike.push(performance.now() - started);
    }
    lookalike.sort((a, b) => a - b);
    // Hybrid: every profile embedded by the profile.embed job with the stand-in's 256-dimension
    // vectors (computed in process: the bench measures the index, not a model server).
    const embedStarted = performance.now();
    await embedWorkspace(store, STANDIN_PROVIDER, WORKSPACE);
    const embedSeconds = (performance.now() - embedStarted) / 1000;
    const hybrid = createHybridSearch(store, STANDIN_PROVIDER);
    const loadStarted = performance.now();
    await hybrid.vectors.vectors(WORKSPACE);
    const vectorLoadMs = performance.now() - loadStarted;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const hybridPlain = await timeSearches(store, queries, undefined, hybrid);
    const hybridFiltered = await timeSearches(store, queries, FILTERS, hybrid);
    const hybridLookalike: number[] = [];
    for (let index = 0; index < LOOKALIKES; index += 1) {
      const seed = await store.findCompanyProfileByDomain(WORKSPACE, benchDomain((index * 613) % TOTAL_PROFILES));
      const started = performance.now();
      const page = await similarCompanies(store, seed!, { filters: normalized(undefined), page: { offset: 0, limit: 20 } }, hybrid);
      hybridLookalike.push(performance.now() - started);
      if (page.ranking.ranking !== 'hybrid') throw new Error(`lookalike ranked ${page.ranking.ranking}: ${page.ranking.ranking_note}`);
    }
    hybridLookalike.sort((a, b) => a - b);
    const rssBeforeStartUp = peakRss;
    const startUp = await measureStartUp(opened, queries[0]!);
    const importRate = Math.round(TOTAL_PROFILES / importSeconds);
    const metrics = {
      profiles: TOTAL_PROFILES,
      import_profiles_per_second: importRate,
      text_index_load_ms: Math.round(textIndexLoadMs),
      search_p50_ms: round(percentile(plain, 0.5)),
      search_p99_ms: round(percentile(plain, 0.99)),
      filtered_search_p50_ms: round(percentile(filtered, 0.5)),
      filtered_search_p99_ms: round(percentile(filtered, 0.99)),
      lookalike_p50_ms: round(percentile(lookalike, 0.5)),
      lookalike_p99_ms: round(percentile(lookalike, 0.99)),
      embed_profiles_per_second: Math.round(TOTAL_PROFILES / embedSeconds),
      vector_load_ms: Math.round(vectorLoadMs),
      hybrid_search_p50_ms: round(percentile(hybridPlain, 0.5)),
      hybrid_search_p99_ms: round(percentile(hybridPlain, 0.99)),
      hybrid_filtered_search_p50_ms: round(percentile(hybridFiltered, 0.5)),
      hybrid_filtered_search_p99_ms: round(percentile(hybridFiltered, 0.99)),
      hybrid_lookalike_p50_ms: round(percentile(hybridLookalike, 0.5)),
      hybrid_lookalike_p99_ms: round(percentile(hybridLookalike, 0.99)),
      peak_rss_mb: Math.round(rssBeforeStartUp / 1024 ** 2),
      ...startUp,
    };
    const verdicts = [
      `import ${importRate >= TARGETS.importPerSecond ? 'meets' : 'MISSES'} ≥ ${TARGETS.importPerSecond}/s`,
      `search p99 ${Math.max(metrics.search_p99_ms, metrics.filtered_search_p99_ms) <= TARGETS.lexicalP99Ms ? 'meets' : 'MISSES'} ≤ ${TARGETS.lexicalP99Ms} ms`,
      `lookalike p99 ${metrics.lookalike_p99_ms <= TARGETS.lookalikeP99Ms ? 'meets' : 'MISSES'} ≤ ${TARGETS.lookalikeP99Ms} ms`,
      `hybrid search p99 ${Math.max(metrics.hybrid_search_p99_ms, metrics.hybrid_filtered_search_p99_ms) <= TARGETS.hybridP99Ms ? 'meets' : 'MISSES'} ≤ ${TARGETS.hybridP99Ms} ms`,
      `hybrid lookalike p99 ${metrics.hybrid_lookalike_p99_ms <= TARGETS.lookalikeP99Ms ? 'meets' : 'MISSES'} ≤ ${TARGETS.lookalikeP99Ms} ms`,
      `RSS ${metrics.peak_rss_mb <= TARGETS.rssMb ? 'meets' : 'MISSES'} ≤ ${TARGETS.rssMb} MB`,
    ];
    return {
      name: `company search, lexical and hybrid (${engine}, ${TOTAL_PROFILES.toLocaleString('en-US')} profiles)`,
      metrics,
      notes: `${verdicts.join('; ')}; ${SEARCHES} searches and ${LOOKALIKES} lookalikes of 20 results, in process; ${machineDescription()}`,
    };
  } finally {
    clearInterval(sampler);
    await opened.close();
  }
}

/**
 * A process starting over the filled database (a new store and vectors: nothing in memory), twice:
 * without warm-up, the first hybrid search loads the text index and the vectors itself; with it,
 * `warmCompanyIndexes` runs in the background as `createFathom` starts it, a search arrives 0.5 s
 * into it (it waits for the same load) and another after it. The longest event-loop stall during
 * the warm-up is sampled by a 5 ms timer (how late it fired).
 */
async function measureStartUp(opened: Awaited<ReturnType<typeof openDatabase>>, q: string): Promise<Record<string, number>> {
  const search = async (store: Store, hybrid: HybridSearch) => {
    const started = performance.now();
    await searchCompanies(store, WORKSPACE, { q, filters: normalized(undefined), page: { offset: 0, limit: 20 } }, hybrid);
    return Math.round(performance.now() - started);
  };
  const coldStore = createStore(opened);
  const coldFirst = await search(coldStore, createHybridSearch(coldStore, STANDIN_PROVIDER));
  const store = createStore(opened);
  const hybrid = createHybridSearch(store, STANDIN_PROVIDER);
  // The same probe over 2 s of an idle event loop first: on a loaded machine the process is also
  // descheduled, which delays the timer without any work of ours.
  const idleProbe = stallProbe();
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const idleStall = idleProbe.stop();
  const probe = stallProbe();
  const warmStarted = performance.now();
  const warming = warmCompanyIndexes({ store, vectors: hybrid.vectors, maxWorkspaces: 8, signal: new AbortController().signal });
  await new Promise((resolve) => setTimeout(resolve, 500));
  const midWarmUp = await search(store, hybrid);
  const report = await warming;
  const warmUpMs = Math.round(performance.now() - warmStarted);
  const longestStall = probe.stop();
  if (report.stopped) throw new Error(`warm-up stopped: ${report.stopped}`);
  return {
    cold_first_hybrid_search_ms: coldFirst,
    warm_up_ms: warmUpMs,
    warm_up_longest_stall_ms: Math.round(longestStall),
    idle_longest_stall_ms: Math.round(idleStall),
    search_during_warm_up_ms: midWarmUp,
    first_hybrid_search_after_warm_up_ms: await search(store, hybrid),
  };
}

/** The longest delay of a 5 ms timer beyond its period, until `stop()`. */
function stallProbe(): { stop(): number } {
  let longest = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last - 5);
    last = now;
  }, 5);
  return {
    stop() {
      clearInterval(timer);
      return longest;
    },
  };
}

async function timeSearches(store: Store, queries: string[], filters: SearchFilters | undefined, hybrid?: HybridSearch): Promise<number[]> {
  const normalizedFilters = normalized(filters);
  const durations: number[] = [];
  for (let index = 0; index < SEARCHES; index += 1) {
    const started = performance.now();
    const page = await searchCompanies(
      store,
      WORKSPACE,
      { q: queries[index % queries.length]!, filters: normalizedFilters, page: { offset: 0, limit: 20 } },
      hybrid,
    );
    durations.push(performance.now() - started);
    if (hybrid && page.ranking.ranking !== 'hybrid') throw new Error(`search ranked ${page.ranking.ranking}: ${page.ranking.ranking_note}`);
  }
  return durations.sort((a, b) => a - b);
}

function normalized(filters: SearchFilters | undefined) {
  const result = normalizeSearchFilters(filters, []);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.filters;
}

function benchDomain(index: number): string {
  return `company${index}.com`;
}

/** A profile of the eval set's vocabulary, varied by index: industry, segment, country, size, year. */
export function benchProfile(index: number): CompanyProfileRecord {
  const industry = INDUSTRIES[index % INDUSTRIES.length]!;
  const segment = industry.segments[Math.floor(index / INDUSTRIES.length) % 2]!;
  const country = COUNTRIES[Math.floor(index / 7) % COUNTRIES.length]!;
  const name = `${industry.nameParts[index % 5]}${industry.nameSuffixes[Math.floor(index / 5) % 5]} ${index}`;
  const time = new Date(Date.UTC(2026, 0, 1) + index * 1000).toISOString();
  return {
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    workspaceId: WORKSPACE,
    domain: benchDomain(index),
    name,
    nameKey: companyNameKey(name),
    website: `https://${benchDomain(index)}/`,
    fields: {
      short_description: `${name} ${segment.describe[index % segment.describe.length]}.`,
      full_description: `${name} ${segment.describe.join(' and ')}, focused on ${industry.common.join(', ')}.`,
      products_services: segment.products.slice(index % 2, (index % 2) + 3).join(', '),
      target_audience: segment.audiences.slice(0, 2).join(' and '),
      employee_count: SIZES[index % SIZES.length],
      founding_year: 1990 + (index % 35),
      hq_country: country.spellings[index % country.spellings.length],
      hq_city: country.cities[index % country.cities.length],
    },
    sources: ['import:bench'],
    asOf: time,
    createdAt: time,
    updatedAt: time,
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
