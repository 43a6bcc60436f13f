/**
 * Where a PostgreSQL engine run spends CPU: the bench's setup (API process + 4 worker processes,
 * 30,000 cells of one computed column, instant executor) on a database of its own, with CPU
 * seconds read from /proc for the API, each worker and the database's backends over the timed
 * run, and (with --statements) per-statement database time from pg_stat_statements when the
 * server preloads it. Usage: node bin/run-ts.js bench/support/engine-cpu-profile.ts
 */
import { spawn } from 'node:child_process';
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { createBenchDatabase, createTableWithRows, ENGINE_SERVER_SCRIPT, runToIdle, startBenchServer, type BenchServer } from '../bench-support.ts';

const TICKS_PER_SECOND = 100;

function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

async function backendPids(client: pg.Client, database: string): Promise<number[]> {
  const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [database]);
  return rows.map((row) => row.pid);
}

const cells = Number(process.argv.find((argument) => argument.startsWith('--cells='))?.slice(8) ?? '30000');
// --columns=N: the cells spread over N computed columns (cells / N rows), as a run of several columns.
const columnCount = Number(process.argv.find((argument) => argument.startsWith('--columns='))?.slice(10) ?? '1');
const rowCount = Math.ceil(cells / columnCount);
// --workers=N: how many worker processes (4, as the bench, unless told).
const workerCount = Number(process.argv.find((argument) => argument.startsWith('--workers='))?.slice(10) ?? '4');
// What the run computes: every row's cell of every column (more than --cells when it does not divide).
const runCells = rowCount * columnCount;
const database = await createBenchDatabase('fathom_engine_profile');
if (!database) throw new Error('no PostgreSQL answered');
const databaseName = new URL(database.url).pathname.slice(1);
// --log: every statement's duration goes to the server log (read back for the timed run's backends).
const LOG_FILE = '/var/log/postgresql/postgresql-15-main.log';
const hasLog = process.argv.includes('--log');
if (hasLog) {
  const setup = new pg.Client({ connectionString: database.url });
  await setup.connect();
  await setup.query(`alter database ${databaseName} set log_min_duration_statement = 0`);
  if (process.argv.includes('--explain')) {
    // auto_explain plans (with actual times) of the slow statements, in the same log.
    await setup.query(`alter database ${databaseName} set session_preload_libraries = 'auto_explain'`);
    await setup.query(`alter database ${databaseName} set auto_explain.log_min_duration = '${process.env.PROFILE_EXPLAIN_MS ?? '10'}ms'`);
    await setup.query(`alter database ${databaseName} set auto_explain.log_analyze = on`);
    await setup.query(`alter database ${databaseName} set auto_explain.log_buffers = on`);
  }
  await setup.end();
}
const environment = {
  FATHOM_WORKER_CONCURRENCY: '256',
  FATHOM_CLAIM_BATCH_SIZE: '128',
  FATHOM_POLL_INTERVAL_MS: '50',
  FATHOM_DB_POOL_SIZE: '4',
  ...JSON.parse(process.env.PROFILE_ENV ?? '{}'),
};
const apiServer = await startBenchServer({
  engine: 'postgres',
  postgresUrl: database.url,
  script: ENGINE_SERVER_SCRIPT,
  environment: { ...environment, BENCH_WITH_WORKERS: 'false' },
});
const workers: BenchServer[] = [];
const admin = new pg.Client({ connectionString: database.url });
await admin.connect();
// PROFILE_SQL: statements run on the migrated database before anything else, to try a schema change
// (e.g. 'drop index cells_sort_keys' measured what maintaining that index costs a run).
if (process.env.PROFILE_SQL) await admin.query(process.env.PROFILE_SQL);
try {
  for (let index = 0; index < workerCount; index += 1) {
    workers.push(
      await startBenchServer({
        engine: 'postgres',
        postgresUrl: database.url,
        script: ENGINE_SERVER_SCRIPT,
        environment: { ...environment, BENCH_NO_HTTP: 'true' },
        // PROFILE_CPU_DIR: V8 CPU profiles of the workers; with --perf, JIT frames named for perf (--perf-basic-prof).
        nodeArguments: [
          ...(process.env.PROFILE_CPU_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROFILE_CPU_DIR}`] : []),
          ...(process.argv.includes('--perf') ? ['--perf-basic-prof'] : []),
          // PROFILE_NODE_ARGS: any other node/V8 flags for the workers (e.g. V8 logging).
          ...(process.env.PROFILE_NODE_ARGS ? process.env.PROFILE_NODE_ARGS.split(' ') : []),
        ],
      }),
    );
  }
  const table = await createTableWithRows(
    apiServer,
    rowCount,
    Array.from({ length: columnCount }, (_, index) => ({
      kind: 'agent',
      name: `c${index}`,
      key: `c${index}`,
      value: { agent_type: 'llm', prompt: `C${index} {input}` },
    })),
  );
  // --warmup=N: a run of N cells on another table first, untimed, so the timed run measures warm
  // processes (compiled code, open connections, prepared statements) rather than their start.
  const warmupCells = Number(process.argv.find((argument) => argument.startsWith('--warmup='))?.slice(9) ?? '0');
  if (warmupCells > 0) {
    const warmup = await createTableWithRows(apiServer, warmupCells, [
      { kind: 'agent', name: 'w', key: 'w', value: { agent_type: 'llm', prompt: 'W {input}' } },
    ]);
    await runToIdle(apiServer.url, warmup.id);
  }
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const hasStatements = process.argv.includes('--statements');
  if (hasStatements) await admin.query('create extension if not exists pg_stat_statements').then(() => admin.query('select pg_stat_statements_reset()'));
  const processes = new Map<string, number>([
    ['api', apiServer.child.pid!],
    ...workers.map((worker, index) => [`worker ${index + 1}`, worker.child.pid!] as [string, number]),
  ]);
  const idleRss = workers.map((worker) => Math.round(worker.rssMb())).join(' ');
  const before = new Map([...processes].map(([name, pid]) => [name, cpuSeconds(pid)]));
  const backendsBefore = new Map((await backendPids(admin, databaseName)).map((pid) => [pid, cpuSeconds(pid)]));
  const logOffset = hasLog ? statSync(LOG_FILE).size : 0;
  // --perf: the whole machine's samples (call graphs) over the timed run, to /tmp/engine-perf.data.
  const perf = process.argv.includes('--perf')
    ? spawn('perf', ['record', '-a', '-g', '-F', '1999', '-o', '/tmp/engine-perf.data'], { stdio: 'ignore' })
    : undefined;
  if (perf) await new Promise((resolve) => setTimeout(resolve, 300));
  let polls = 0;
  // Completed / in progress at each poll: where the run waits (its start, its tail).
  const timeline: string[] = [];
  let status: Record<string, unknown> = {};
  const seconds = await runToIdle(apiServer.url, table.id, (polled, elapsedMs) => {
    status = polled;
    polls += 1;
    timeline.push(`${Math.round(elapsedMs)}ms:${polled.num_cells_completed}/${polled.num_cells_in_progress}`);
  });
  if (perf) {
    perf.kill('SIGINT');
    await new Promise((resolve) => perf.once('exit', resolve));
  }
  const backendsAfter = await backendPids(admin, databaseName);
  const cpu: Record<string, number> = {};
  for (const [name, pid] of processes) cpu[name] = Number((cpuSeconds(pid) - before.get(name)!).toFixed(2));
  cpu.postgres_backends = Number(backendsAfter.reduce((sum, pid) => sum + cpuSeconds(pid) - (backendsBefore.get(pid) ?? 0), 0).toFixed(2));
  if (process.argv.includes('--timeline')) console.log(timeline.join(' '));
  console.log(
    JSON.stringify(
      {
        cells: runCells,
        seconds: Number(seconds.toFixed(2)),
        cells_per_second: Math.round(runCells / seconds),
        polls,
        status,
        cpu_seconds: cpu,
        // Each worker's resident memory now and at its peak (MB).
        worker_rss_before_mb: idleRss,
        worker_rss_mb: workers.map((worker) => `${Math.round(worker.rssMb())}/${Math.round(worker.peakRssMb())}`).join(' '),
        backends: backendsAfter.length,
      },
      null,
      2,
    ),
  );
  const failures = await admin.query('select error, count(*)::int as cells from cells where status = $1 group by error order by 2 desc limit 5', ['failed']);
  if (failures.rows.length > 0) console.log('failed cells:', failures.rows);
  if (hasLog) {
    const logged = readFrom(LOG_FILE, logOffset);
    writeFileSync('/tmp/engine-profile.log', logged);
    summariseLog(logged, new Set(backendsAfter));
  }
  if (hasStatements) {
    const { rows } = await admin.query(
      `select calls, plans, round(total_exec_time::numeric, 0) as total_ms, round(mean_exec_time::numeric, 2) as mean_ms,
         round(total_plan_time::numeric, 0) as plan_ms, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) as query
       from pg_stat_statements where dbid = (select oid from pg_database where datname = $1) order by total_exec_time desc limit 25`,
      [databaseName],
    );
    console.table(rows);
  }
} finally {
  await admin.end();
  for (const worker of workers) await worker.stop();
  await apiServer.stop();
  await database.drop();
}

/** The end of a file from `offset` (the server log may be larger than a string can hold). */
function readFrom(path: string, offset: number): string {
  const descriptor = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(fstatSync(descriptor).size - offset);
    readSync(descriptor, buffer, 0, buffer.length, offset);
    return buffer.toString();
  } finally {
    closeSync(descriptor);
  }
}

/** Database time by statement (numbers folded) and by phase (parse, bind, execute) for these backends. */
function summariseLog(text: string, pids: Set<number>): void {
  const byStatement = new Map<string, { calls: number; ms: number }>();
  const byPhase = new Map<string, number>();
  const pattern = /^\S+ \S+ UTC \[(\d+)\] \S+ LOG: {2}duration: ([\d.]+) ms {2}(parse|bind|execute|statement)([^:]*): (.*)$/;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const match = pattern.exec(lines[index]!);
    if (!match || !pids.has(Number(match[1]))) continue;
    let statement = match[5]!;
    while (index + 1 < lines.length && /^\s/.test(lines[index + 1]!)) statement += ` ${lines[++index]!.trim()}`;
    const phase = match[3]!;
    const ms = Number(match[2]);
    byPhase.set(phase, (byPhase.get(phase) ?? 0) + ms);
    const key = `${phase} ${statement.replace(/\s+/g, ' ').replace(/\d+/g, 'N').slice(0, 150)}`;
    const entry = byStatement.get(key) ?? { calls: 0, ms: 0 };
    entry.calls += 1;
    entry.ms += ms;
    byStatement.set(key, entry);
  }
  console.log('by phase (ms):', Object.fromEntries([...byPhase].map(([phase, ms]) => [phase, Math.round(ms)])));
  const rows = [...byStatement].sort((left, right) => right[1].ms - left[1].ms).slice(0, 30);
  for (const [statement, { calls, ms }] of rows)
    console.log(
      `${Math.round(ms).toString().padStart(6)} ms ${calls.toString().padStart(6)} calls ${(ms / calls).toFixed(2).padStart(7)} ms/call  ${statement}`,
    );
}
