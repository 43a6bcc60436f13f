import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export interface BenchResult {
  name: string;
  metrics: Record<string, number>;
  notes?: string;
}

export const BENCH_TOKEN = 'bench-token-0123456789abcdef';
const FATHOM_BIN = fileURLToPath(new URL('../bin/fathom.js', import.meta.url));
// Server scripts run from a one-file build, as `fathom` does, so process start and memory are what users get.
const RUN_BUILT = fileURLToPath(new URL('../bin/run-built.js', import.meta.url));
export const ENGINE_SERVER_SCRIPT = fileURLToPath(new URL('./support/bench-engine-server.ts', import.meta.url));

export interface BenchServer {
  url: string;
  child: ChildProcess;
  /** Peak resident set size of the server process so far, in MB (VmHWM). */
  peakRssMb(): number;
  /** Current resident set size in MB (VmRSS). */
  rssMb(): number;
  stop(): Promise<void>;
}

/**
 * Start `fathom serve` (or another entry script, e.g. the benchmark engine server) as its own
 * process, so its memory is measured alone, on a temp database.
 */
export async function startBenchServer(options: {
  engine: 'sqlite' | 'postgres';
  postgresUrl?: string;
  environment?: Record<string, string>;
  script?: string;
  databasePath?: string;
  /** Extra arguments for node itself, e.g. ['--cpu-prof'] to profile the server. */
  nodeArguments?: string[];
  /** Another checkout's bin/fathom.js, to measure that release side by side with this one. */
  fathomBin?: string;
  /** Another checkout whose `bin/fathom.js` serves instead of this one (a base beside a branch). */
  checkout?: string;
}): Promise<BenchServer> {
  const directory = mkdtempSync(join(tmpdir(), 'fathom-bench-'));
  const environment: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: '0',
    FATHOM_API_TOKEN: BENCH_TOKEN,
    FATHOM_LOG_LEVEL: 'warn',
    FATHOM_DB_PATH: options.databasePath ?? join(directory, 'fathom.db'),
    ...(options.engine === 'postgres' ? { DATABASE_URL: options.postgresUrl! } : { DATABASE_URL: '' }),
    ...options.environment,
  };
  const otherBin = options.fathomBin ?? (options.checkout ? join(options.checkout, 'bin', 'fathom.js') : undefined);
  const command = options.script ? [RUN_BUILT, options.script] : [otherBin ?? FATHOM_BIN, 'serve'];
  const child = spawn(process.execPath, [...(options.nodeArguments ?? []), ...command], { env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+|none)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`bench server exited (${code}):\n${output}`)));
  });
  const readStatus = (field: string) => {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;
  };
  return {
    url,
    child,
    peakRssMb: () => readStatus('VmHWM'),
    rssMb: () => readStatus('VmRSS'),
    stop: async () => {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** A fresh PostgreSQL database for one benchmark, or null when none answers. */
export async function createBenchDatabase(baseName: string): Promise<{ url: string; drop(): Promise<void> } | null> {
  // One database per bench process: two checkouts (main beside a branch) or two helpers running the
  // same bench at once would otherwise drop each other's database mid-run.
  const name = `${baseName}_${process.pid}`;
  const adminUrl = process.env.FATHOM_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000 });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function api<T = any>(url: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetchOnceMore(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${BENCH_TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** fetch, retried once when a reused keep-alive connection was reset under it. */
async function fetchOnceMore(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw error;
    return fetch(url, init);
  }
}

export function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

export function machineDescription(): string {
  return `${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}`;
}

/** A generic table with these columns and `rows` rows whose `input` is `row N`, sent 1,000 a request. */
export async function createTableWithRows(server: { url: string }, rows: number, columns: unknown[]): Promise<any> {
  const table = await api(server.url, 'POST', '/v1/tables', { kind: 'generic', column_configs: columns });
  for (let offset = 0; offset < rows; offset += 1_000) {
    const batch = Array.from({ length: Math.min(1_000, rows - offset) }, (_, index) => ({ data: { input: `row ${offset + index}` } }));
    await api(server.url, 'POST', `/v1/tables/${table.id}/rows`, { rows: batch });
  }
  return table;
}

/** Start a run and wait until the table is idle; answers the seconds it took. `onPoll` sees each status read and when. */
export async function runToIdle(url: string, tableId: string, onPoll?: (status: Record<string, any>, elapsedMs: number) => void): Promise<number> {
  const started = performance.now();
  await api(url, 'POST', `/v1/tables/${tableId}/run`, {});
  for (;;) {
    const status = (await api(url, 'GET', `/v1/tables/${tableId}`)).status;
    onPoll?.(status, performance.now() - started);
    if (status.run_status === 'idle' && status.num_cells_in_progress === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return (performance.now() - started) / 1000;
}
