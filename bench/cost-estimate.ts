import { pathToFileURL } from 'node:url';
import { startOpenAiCompatibleServer, type ChatRequest } from '../test/fixtures/openai-compatible-server/index.ts';
import { api, createBenchDatabase, machineDescription, startBenchServer, type BenchResult, type BenchServer } from './bench-support.ts';

/**
 * Issue 17 targets. (a) With a model whose token usage varies by row, after 50 finished rows the
 * dry run's expected cost for the remaining 950 is within ±25 % of what they then cost (three
 * token distributions). (b) A dry run over a 100,000-cell scope answers in ≤ 500 ms (median and
 * worst of 5, SQLite and PostgreSQL).
 */
export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const llm = await startOpenAiCompatibleServer();
  try {
    for (const distribution of process.argv.includes('--latency-only') ? [] : DISTRIBUTIONS) {
      llm.setHandler((request) => reply(request, distribution.tokensOf));
      results.push(await estimateAccuracy(llm.baseUrl, distribution.name));
    }
    results.push(await dryRunLatency(llm.baseUrl, 'sqlite'));
    const database = await createBenchDatabase('fathom_bench_cost');
    if (database) {
      try {
        results.push(await dryRunLatency(llm.baseUrl, 'postgres', database.url));
      } finally {
        await database.drop();
      }
    } else results.push({ name: 'dry run of 100,000 cells (postgres)', metrics: {}, notes: 'skipped: no PostgreSQL answered' });
  } finally {
    await llm.close();
  }
  return results;
}

/** A deterministic hash of the row number in [0, 1): rows in table order are not sorted by size. */
function unit(row: number): number {
  const x = Math.sin(row * 12.9898) * 43_758.5453;
  return x - Math.floor(x);
}

const DISTRIBUTIONS: { name: string; tokensOf: (row: number) => { prompt: number; completion: number } }[] = [
  {
    name: 'uniform 500-1,500 prompt tokens',
    tokensOf: (row) => ({ prompt: 500 + Math.round(1_000 * unit(row)), completion: 40 + Math.round(80 * unit(row + 7)) }),
  },
  {
    name: 'skewed: 1 row in 10 is 8x longer',
    tokensOf: (row) => ({ prompt: (unit(row) < 0.1 ? 8 : 1) * (600 + Math.round(200 * unit(row + 3))), completion: 60 }),
  },
  { name: 'long tail (exponential)', tokensOf: (row) => ({ prompt: 300 + Math.round(-700 * Math.log(1 - unit(row) * 0.999)), completion: 50 }) },
];

function reply(request: ChatRequest, tokensOf: (row: number) => { prompt: number; completion: number }) {
  const row = Number(/row-(\d+)/.exec(request.prompt)?.[1] ?? 0);
  const tokens = tokensOf(row);
  return { content: { answer: `answer ${row}`, explanation: 'x', sources: [] }, usage: { promptTokens: tokens.prompt, completionTokens: tokens.completion } };
}

const ENVIRONMENT = (llmUrl: string) => ({
  FATHOM_LLM_BASE_URL: llmUrl,
  FATHOM_LLM_MODEL: 'bench-model',
  FATHOM_PRICES: JSON.stringify({ models: { 'bench-model': { input_per_million: 1, output_per_million: 4 } } }),
  FATHOM_LLM_CONCURRENCY: '32',
  FATHOM_WORKER_CONCURRENCY: '32',
  FATHOM_POLL_INTERVAL_MS: '50',
  // Every row is a different prompt anyway; no cache keeps the comparison honest.
  FATHOM_CACHE_TTL_HOURS: '0',
});

async function addRows(server: BenchServer, tableId: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; offset < count; offset += 1_000) {
    const rows = Array.from({ length: Math.min(1_000, count - offset) }, (_, index) => ({ data: { input: `row-${offset + index + 1}` } }));
    const created = await api<{ id: string }[]>(server.url, 'POST', `/v1/tables/${tableId}/rows`, { rows });
    ids.push(...created.map((row) => row.id));
  }
  return ids;
}

async function runToEnd(server: BenchServer, tableId: string, body: object): Promise<any> {
  const started = await api(server.url, 'POST', `/v1/tables/${tableId}/run`, body);
  for (;;) {
    const current = await api(server.url, 'GET', `/v1/tables/${tableId}/runs/${started.id}`);
    if (current.ended_at) return current;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function estimateAccuracy(llmUrl: string, distribution: string): Promise<BenchResult> {
  const server = await startBenchServer({ engine: 'sqlite', environment: ENVIRONMENT(llmUrl) });
  try {
    const column = { kind: 'agent', name: 'Summary', key: 'summary', value: { agent_type: 'llm', prompt: 'Summarise {input}', output_format: 'text' } };
    const table = await api(server.url, 'POST', '/v1/tables', { kind: 'generic', column_configs: [column] });
    const rowIds = await addRows(server, table.id, 1_000);
    // "Try on the first 50 rows": the history the estimate then reads.
    await runToEnd(server, table.id, { rows: rowIds.slice(0, 50) });
    const estimate = await api(server.url, 'POST', `/v1/tables/${table.id}/run`, { dry_run: true });
    const rest = await runToEnd(server, table.id, {});
    const actual = rest.usage.cost;
    const expected = estimate.cost.expected;
    return {
      name: `estimate after 50 rows vs actual for the remaining 950 (${distribution})`,
      metrics: {
        cells_estimated: estimate.num_requested_cells,
        cells_run: rest.num_requested_cells,
        estimate_expected_usd: expected,
        estimate_low_usd: estimate.cost.low,
        estimate_high_usd: estimate.cost.high,
        actual_usd: Math.round(actual * 1_000_000) / 1_000_000,
        error_percent: Math.round(((expected - actual) / actual) * 1_000) / 10,
      },
      notes: `basis ${estimate.columns[0].basis}, ${estimate.columns[0].sample_size} samples; target |error| <= 25 %`,
    };
  } finally {
    await server.stop();
  }
}

async function dryRunLatency(llmUrl: string, engine: 'sqlite' | 'postgres', postgresUrl?: string): Promise<BenchResult> {
  const server = await startBenchServer({ engine, ...(postgresUrl ? { postgresUrl } : {}), environment: ENVIRONMENT(llmUrl) });
  try {
    const columns = Array.from({ length: 5 }, (_, index) => ({
      kind: 'agent',
      name: `Column ${index}`,
      key: `column_${index}`,
      value: { agent_type: 'llm', prompt: `Question ${index} about {input}`, output_format: 'text' },
    }));
    const table = await api(server.url, 'POST', '/v1/tables', { kind: 'generic', column_configs: columns });
    const rowIds = await addRows(server, table.id, 20_050);
    // Each column gets 50 finished cells of history, so the estimate reads history, not the prompt.
    await runToEnd(server, table.id, { rows: rowIds.slice(0, 50) });
    const timings: number[] = [];
    let estimate: any;
    for (let repetition = 0; repetition < 5; repetition += 1) {
      const started = performance.now();
      estimate = await api(server.url, 'POST', `/v1/tables/${table.id}/run`, { dry_run: true });
      timings.push(performance.now() - started);
    }
    timings.sort((left, right) => left - right);
    // The real run of the same scope, for a ratio measured side by side on a shared machine.
    const queueStarted = performance.now();
    const queued = await api(server.url, 'POST', `/v1/tables/${table.id}/run`, {});
    const queueMs = performance.now() - queueStarted;
    await api(server.url, 'POST', `/v1/tables/${table.id}/runs/${queued.id}/cancel`);
    return {
      name: `dry run of 100,000 cells (${engine}, 5 columns x 20,000 rows, history of 50 cells each)`,
      metrics: {
        cells_in_scope: estimate.num_requested_cells,
        median_ms: Math.round(timings[2]!),
        worst_ms: Math.round(timings[4]!),
        best_ms: Math.round(timings[0]!),
        real_run_queueing_ms: Math.round(queueMs),
        real_run_cells_queued: queued.num_requested_cells,
        dry_over_real_ratio: Math.round((timings[2]! / queueMs) * 100) / 100,
      },
      notes: 'target <= 500 ms; HTTP round trip included; the real run queues the same scope once, then is cancelled',
    };
  } finally {
    await server.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await run();
  process.stdout.write(`${machineDescription()}\n${JSON.stringify(results, null, 2)}\n`);
}
