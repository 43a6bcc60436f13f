// Scratch: one API process + 4 workers; two 30k runs; then print each worker's smaps breakdown.
import { readFileSync } from 'node:fs';
import { createBenchDatabase, createTableWithRows, ENGINE_SERVER_SCRIPT, runToIdle, startBenchServer, type BenchServer } from '../bench/bench-support.ts';
const database = await createBenchDatabase('fathom_mem_probe');
if (!database) throw new Error('no pg');
const environment = { FATHOM_WORKER_CONCURRENCY: '256', FATHOM_CLAIM_BATCH_SIZE: '128', FATHOM_POLL_INTERVAL_MS: '50', FATHOM_DB_POOL_SIZE: '4', ...JSON.parse(process.env.PROBE_ENV ?? '{}') };
const nodeArguments = (process.env.PROBE_NODE_ARGS ?? '').split(' ').filter(Boolean);
const api = await startBenchServer({ engine: 'postgres', postgresUrl: database.url, script: ENGINE_SERVER_SCRIPT, environment: { ...environment, BENCH_WITH_WORKERS: 'false' } });
const workers: BenchServer[] = [];
for (let i = 0; i < 4; i++) workers.push(await startBenchServer({ engine: 'postgres', postgresUrl: database.url, script: ENGINE_SERVER_SCRIPT, nodeArguments, environment: { ...environment, BENCH_NO_HTTP: 'true' } }));
const column = (key: string, prompt: string) => ({ kind: 'agent', name: key, key, value: { agent_type: 'llm', prompt } });
function breakdown(pid: number) {
  const smaps = readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n');
  let current = ''; const by: Record<string, number> = {};
  for (const line of smaps) {
    const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) { current = head[1] || '[anon]'; if (current.includes('/')) current = current.split('/').pop()!; continue; }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) by[current] = (by[current] ?? 0) + Number(rss[1]) / 1024;
  }
  return Object.entries(by).filter(([, mb]) => mb > 1).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}:${v.toFixed(0)}`).join(' ');
}
console.log('start rss', workers.map((w) => w.rssMb().toFixed(0)).join(' '));
console.log('start', breakdown(workers[0]!.child.pid!));
const heap = async (w: BenchServer) => { process.kill(w.child.pid!, 'SIGUSR2'); await new Promise((r) => setTimeout(r, 300)); try { return readFileSync(`/tmp/heap-${w.child.pid}.json`, 'utf8'); } catch { return '-'; } };
console.log('heap start', await heap(workers[0]!));
for (let run = 0; run < Number(process.env.PROBE_RUNS ?? 2); run++) {
  const table = await createTableWithRows(api, 30_000, [column('a', 'A {input}')]);
  const seconds = await runToIdle(api.url, table.id);
  console.log(`run ${run}: ${Math.round(30000 / seconds)} cells/s rss now/peak`, workers.map((w) => `${w.rssMb().toFixed(0)}/${w.peakRssMb().toFixed(0)}`).join(' '));
}
console.log('end', breakdown(workers[0]!.child.pid!));
for (const w of workers) console.log('heap end', await heap(w));
for (const w of workers) await w.stop();
await api.stop();
await database.drop();
process.exit(0);
