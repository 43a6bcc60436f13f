/**
 * A Fathom server whose agents are replaced by a benchmark executor, run as its own process so
 * its memory is measured alone. BENCH_EXECUTOR_DELAY_MS sets the executor's latency (0: instant);
 * every other setting comes from the usual environment variables.
 * Prints "listening on <url>" when ready.
 */
import pino from 'pino';
import { limitHeapGrowth } from '../../src/cli/heap-growth.ts';
import { loadConfig } from '../../src/config.ts';
import type { CellExecutor, ExecutorRegistry } from '../../src/engine/cell-executor.ts';

const delayMs = Number(process.env.BENCH_EXECUTOR_DELAY_MS ?? '0');
const executor: CellExecutor = {
  async execute(context) {
    const startedAt = Date.now();
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    return { value: { answer: `ok ${context.row.id.slice(0, 8)}`, source: [], explanation: 'benchmark executor', started_at_ms: startedAt } };
  },
};
const executors: ExecutorRegistry = { executorFor: () => executor };
const config = loadConfig();
const withWorkers = process.env.BENCH_WITH_WORKERS !== 'false';
// A worker-only process (BENCH_NO_HTTP) is opened the way `fathom worker` opens one: without the API, under its heap bound.
const withApi = process.env.BENCH_NO_HTTP !== 'true';
if (!withApi) limitHeapGrowth(config.engine.workerHeapGrowthPercent);
const { createFathom, listen } = await import('../../src/main.ts');
const fathom = await createFathom({ config, logger: pino({ level: 'warn' }), executors, withWorkers, withApi });
if (!withApi) {
  process.stdout.write('listening on none\n');
} else {
  const { url } = await listen(fathom, '127.0.0.1', 0);
  process.stdout.write(`listening on ${url}\n`);
}
const stop = () => void fathom.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
