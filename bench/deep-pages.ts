import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { api, percentile, startBenchServer, type BenchResult } from './bench-support.ts';

/**
 * Issue 11.1: where a deep data page's time goes at 1,000,000 rows on SQLite. The table (the
 * scale curve's company table, loaded once through the API in requests of 1,000 rows) is kept in
 * `--dir=` between runs, so repeated measurements and profiles skip the load; each run starts a
 * fresh server on it and reads 100-row pages alternating shallow (offset < 1,000) and deep
 * (within 1,100 of the end), after one deep read that builds the position directory (timed, with
 * shallow reads sent beside it: the slowest of them shows how long the build held the event loop).
 * `--engine=postgres` keeps the table in a PostgreSQL database of its own instead (never dropped).
 * `--rows=N` (default 1,000,000), `--reads=N` per kind (default 300), `--cpu-prof` writes the
 * server's CPU profile into the directory, `--trace-gc` runs it with V8's GC trace and
 * `--echo-server` copies its output here, `--checkout=PATH` runs another checkout's server on the
 * same file (main beside a branch).
 */
const BATCH = 1_000;

const flag = (name: string) => process.argv.find((argument) => argument.startsWith(`--${name}=`))?.slice(name.length + 3);
const domain = (index: number) => `company-${String(index).padStart(7, '0')}.example.com`;

export async function run(): Promise<BenchResult[]> {
  const rows = Number(flag('rows') ?? 1_000_000);
  const reads = Number(flag('reads') ?? 300);
  const engine = flag('engine') === 'postgres' ? 'postgres' : 'sqlite';
  const directory = flag('dir') ?? `/tmp/fathom-deep-pages-${rows}`;
  mkdirSync(directory, { recursive: true });
  const databasePath = join(directory, 'fathom.db');
  const postgresUrl = engine === 'postgres' ? await keptPostgresDatabase(`fathom_bench_deep_pages_${rows}`) : undefined;
  const fresh = engine === 'postgres' ? postgresUrl!.fresh : !existsSync(databasePath);
  const profile = process.argv.includes('--cpu-prof');
  const server = await startBenchServer({
    engine,
    postgresUrl: postgresUrl?.url,
    databasePath,
    nodeArguments: [...(profile ? ['--cpu-prof', `--cpu-prof-dir=${directory}`] : []), ...(process.argv.includes('--trace-gc') ? ['--trace-gc'] : [])],
    checkout: flag('checkout'),
  });
  // `--echo-server`: the server's own output (diagnostics it prints) goes to this process's stderr.
  if (process.argv.includes('--echo-server')) {
    server.child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    server.child.stdout!.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  }
  try {
    let tableId: string;
    if (fresh) {
      const table = await api(server.url, 'POST', '/v1/tables', { name: `deep pages ${rows}`, kind: 'company' });
      tableId = table.id;
      for (let offset = 0; offset < rows; offset += BATCH) {
        const batch = Array.from({ length: Math.min(BATCH, rows - offset) }, (_, index) => ({ data: { input: domain(offset + index) } }));
        await api(server.url, 'POST', `/v1/tables/${tableId}/rows`, { rows: batch });
      }
    } else {
      const tables = await api<{ id: string; name: string }[]>(server.url, 'GET', '/v1/tables');
      tableId = tables.find((table) => table.name === `deep pages ${rows}`)!.id;
    }
    const read = async (offset: number) => {
      const started = performance.now();
      const page = await api(server.url, 'GET', `/v1/tables/${tableId}/data?offset=${offset}&limit=100`);
      const elapsed = performance.now() - started;
      if (page.rows.length !== 100 || page.rows[0].data.input.value !== domain(offset)) throw new Error(`wrong page at offset ${offset}`);
      return elapsed;
    };
    // A warm-up read at the start (the fresh server's first request), then the first deep read
    // (the directory build) with reads of the first rows (no directory) sent beside it meanwhile:
    // on SQLite the build runs on the event loop, so their worst latency is how long it held it.
    await read(0);
    let isBuilding = true;
    const beside: number[] = [];
    const besideReads = (async () => {
      while (isBuilding) beside.push(await read(Math.floor(Math.random() * 150)));
    })();
    const firstDeep = await read(rows - 100).finally(() => (isBuilding = false));
    await besideReads;
    const cpuAtStart = processCpuMs(server.child.pid!);
    const shallow: number[] = [];
    const deep: number[] = [];
    for (let index = 0; index < reads; index += 1) {
      shallow.push(await read(Math.floor(Math.random() * 1_000)));
      deep.push(await read(rows - 100 - Math.floor(Math.random() * 1_000)));
    }
    const cpuPerPage = (processCpuMs(server.child.pid!) - cpuAtStart) / (2 * reads);
    shallow.sort((left, right) => left - right);
    deep.sort((left, right) => left - right);
    const round = (value: number) => Number(value.toFixed(2));
    return [
      {
        name: `deep pages, ${rows.toLocaleString('en')} rows (${engine}${flag('checkout') ? `, ${flag('checkout')}` : ''})`,
        metrics: {
          first_deep_read_ms: round(firstDeep),
          reads_beside_first_deep_read: beside.length,
          slowest_read_beside_first_deep_read_ms: round(Math.max(0, ...beside)),
          shallow_p50_ms: round(percentile(shallow, 0.5)),
          shallow_p99_ms: round(percentile(shallow, 0.99)),
          deep_p50_ms: round(percentile(deep, 0.5)),
          deep_p99_ms: round(percentile(deep, 0.99)),
          deep_over_shallow_p50: round(percentile(deep, 0.5) / percentile(shallow, 0.5)),
          server_cpu_ms_per_page: round(cpuPerPage),
          server_peak_rss_mb: Math.round(server.peakRssMb()),
        },
        notes: `${reads} reads of each kind, alternating${fresh ? '; table loaded in this run' : ''}`,
      },
    ];
  } finally {
    await server.stop();
    if (profile) {
      for (const file of readdirSync(directory).filter((name) => name.endsWith('.cpuprofile') && name.startsWith('CPU.'))) {
        renameSync(join(directory, file), join(directory, `server-${Date.now()}.cpuprofile`));
      }
    }
  }
}

/** A PostgreSQL database kept between runs (like the SQLite file), created when missing. */
async function keptPostgresDatabase(name: string): Promise<{ url: string; fresh: boolean }> {
  const adminUrl = process.env.FATHOM_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
    if (!exists) await admin.query(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return { url: url.toString(), fresh: !exists };
  } finally {
    await admin.end();
  }
}

/** User + system CPU time of a process so far, from /proc (the server's, not this one's): steadier than latency on a loaded machine. */
function processCpuMs(pid: number): number {
  // Fields 14 and 15 of /proc/PID/stat, after the parenthesised command name.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2));
}
