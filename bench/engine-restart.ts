import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { api, ENGINE_SERVER_SCRIPT, startBenchServer, type BenchResult } from './bench-support.ts';

/**
 * Issue 10 item 5: restart on SQLite after kill -9. The first process holds cells (its executor
 * never answers in time) under the default 120 s lease and is killed; the restarted process must
 * requeue every held cell at once. Measured from the restart's spawn (process start included) to
 * the moment no cell is held under a dead lease any more, and to the run's end.
 */
export async function run(): Promise<BenchResult> {
  const rows = 200;
  const directory = mkdtempSync(join(tmpdir(), 'fathom-bench-restart-'));
  const databasePath = join(directory, 'fathom.db');
  const environment = { FATHOM_WORKER_CONCURRENCY: '100', FATHOM_CLAIM_BATCH_SIZE: '50', FATHOM_POLL_INTERVAL_MS: '50', FATHOM_LEASE_SECONDS: '120' };
  const first = await startBenchServer({
    engine: 'sqlite',
    script: ENGINE_SERVER_SCRIPT,
    databasePath,
    environment: { ...environment, BENCH_EXECUTOR_DELAY_MS: '600000' },
  });
  const database = new SqliteDatabase(databasePath, { readonly: true });
  try {
    const table = await api(first.url, 'POST', '/v1/tables', {
      kind: 'generic',
      column_configs: [{ kind: 'agent', name: 'A', key: 'a', value: { agent_type: 'llm', prompt: 'A {input}' } }],
    });
    await api(first.url, 'POST', `/v1/tables/${table.id}/rows`, {
      rows: Array.from({ length: rows }, (_, index) => ({ data: { input: `row ${index}` } })),
      run: true,
    });
    const heldTokens = () =>
      (database.prepare(`select distinct lease_token as token from cells where status = 'in_progress'`).all() as { token: string }[]).map((row) => row.token);
    let deadTokens: string[] = [];
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
      const held = database.prepare(`select count(*) as count from cells where status = 'in_progress'`).get() as { count: number };
      if (held.count >= 100) {
        deadTokens = heldTokens();
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const heldCells = (database.prepare(`select count(*) as count from cells where status = 'in_progress'`).get() as { count: number }).count;
    await new Promise<void>((resolve) => {
      first.child.once('exit', () => resolve());
      first.child.kill('SIGKILL');
    });
    const restartedAt = performance.now();
    const second = await startBenchServer({
      engine: 'sqlite',
      script: ENGINE_SERVER_SCRIPT,
      databasePath,
      environment: { ...environment, BENCH_EXECUTOR_DELAY_MS: '0' },
    });
    const readySeconds = (performance.now() - restartedAt) / 1000;
    try {
      const placeholders = deadTokens.map(() => '?').join(',');
      const stillHeld = database.prepare(`select count(*) as count from cells where status = 'in_progress' and lease_token in (${placeholders})`);
      let requeuedSeconds = Number.NaN;
      let endedSeconds = Number.NaN;
      for (const deadline = performance.now() + 180_000; performance.now() < deadline; ) {
        if (Number.isNaN(requeuedSeconds) && (stillHeld.get(...deadTokens) as { count: number }).count === 0) {
          requeuedSeconds = (performance.now() - restartedAt) / 1000;
        }
        const status = (await api(second.url, 'GET', `/v1/tables/${table.id}`)).status;
        if (status.run_status === 'idle' && status.num_cells_in_progress === 0) {
          endedSeconds = (performance.now() - restartedAt) / 1000;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return {
        name: 'restart after kill -9 (sqlite): every held cell requeued',
        metrics: {
          held_cells: heldCells,
          seconds_to_process_ready: Number(readySeconds.toFixed(2)),
          seconds_to_all_requeued: Number(requeuedSeconds.toFixed(2)),
          seconds_to_run_end: Number(endedSeconds.toFixed(2)),
        },
        notes: `${rows} queued cells, 100 held under a 120 s lease when the process was killed; times from the restart's spawn, process start included`,
      };
    } finally {
      await second.stop();
    }
  } finally {
    database.close();
    if (first.child.exitCode === null && first.child.signalCode === null) first.child.kill('SIGKILL');
    rmSync(directory, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2));
}
