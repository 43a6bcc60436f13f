import { api, createBenchDatabase, percentile, startBenchServer, type BenchResult } from './bench-support.ts';

const TOTAL_ROWS = 100_000;
const BATCH = 1_000;
const PAGE_READS = 400;

/**
 * Issue 2 targets: ingest 100,000 rows through the API in requests of 1,000 into a company table
 * (with its built-in computed columns) at ≥ 20,000 rows/s; read 100-row data pages at random
 * offsets of a 100,000-row × 10-column table with p50 ≤ 15 ms and p99 ≤ 50 ms; server RSS ≤ 400 MB.
 */
export async function run(): Promise<BenchResult[]> {
  const results = [await measure('sqlite')];
  const database = await createBenchDatabase('fathom_bench_api');
  if (database) {
    try {
      results.push(await measure('postgres', database.url));
    } finally {
      await database.drop();
    }
  } else {
    results.push({ name: 'api ingest and read (postgres)', metrics: {}, notes: 'skipped: no PostgreSQL answered' });
  }
  return results;
}

async function measure(engine: 'sqlite' | 'postgres', postgresUrl?: string): Promise<BenchResult> {
  const server = await startBenchServer({ engine, postgresUrl });
  try {
    const company = await api(server.url, 'POST', '/v1/tables', { name: 'bench ingest', kind: 'company' });
    const ingestStart = performance.now();
    for (let offset = 0; offset < TOTAL_ROWS; offset += BATCH) {
      const rows = Array.from({ length: BATCH }, (_, index) => ({ data: { input: `company-${offset + index}.example` } }));
      await api(server.url, 'POST', `/v1/tables/${company.id}/rows`, { rows });
    }
    const ingestSeconds = (performance.now() - ingestStart) / 1000;

    const wideColumns = Array.from({ length: 9 }, (_, index) => ({ kind: 'input', name: `Field ${index}`, key: `field_${index}` }));
    const wide = await api(server.url, 'POST', '/v1/tables', { name: 'bench wide', kind: 'generic', column_configs: wideColumns });
    for (let offset = 0; offset < TOTAL_ROWS; offset += BATCH) {
      const rows = Array.from({ length: BATCH }, (_, index) => {
        const data: Record<string, string> = { input: `row-${offset + index}` };
        for (let field = 0; field < 9; field += 1) data[`field_${field}`] = `value ${field} of row ${offset + index}`;
        return { data };
      });
      await api(server.url, 'POST', `/v1/tables/${wide.id}/rows`, { rows });
    }
    const latencies: number[] = [];
    for (let read = 0; read < PAGE_READS; read += 1) {
      const offset = Math.floor(Math.random() * (TOTAL_ROWS - 100));
      const started = performance.now();
      const page = await api(server.url, 'GET', `/v1/tables/${wide.id}/data?offset=${offset}&limit=100`);
      latencies.push(performance.now() - started);
      if (page.rows.length !== 100 || page.rows[0].data.input.value !== `row-${offset}`) throw new Error(`wrong page at offset ${offset}`);
    }
    latencies.sort((left, right) => left - right);
    return {
      name: `api ingest and read (${engine})`,
      metrics: {
        ingest_rows_per_second: Math.round(TOTAL_ROWS / ingestSeconds),
        ingest_seconds: Number(ingestSeconds.toFixed(2)),
        data_page_p50_ms: Number(percentile(latencies, 0.5).toFixed(2)),
        data_page_p99_ms: Number(percentile(latencies, 0.99).toFixed(2)),
        data_page_max_ms: Number(latencies.at(-1)!.toFixed(2)),
        server_peak_rss_mb: Math.round(server.peakRssMb()),
      },
      notes: `${TOTAL_ROWS} rows in requests of ${BATCH} into a company table (4 cells per row); ${PAGE_READS} reads of 100-row pages at random offsets of a ${TOTAL_ROWS} × 10 table`,
    };
  } finally {
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2));
}
