import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CellContext, CellExecutor } from '../../src/engine/cell-executor.ts';
import { testBackends } from '../support/backends.ts';
import { openTestStore, type TestStore } from '../support/test-database.ts';
import { holdingClaims, startTestEngine, type TestEngine } from '../support/test-engine.ts';
import { waitFor } from '../support/wait-for.ts';
import { QueueFixture, TestClock } from '../store-conformance/queue-fixture.ts';

/** An executor that answers after `delayMs` and records when and how often it ran each cell. */
function recordingExecutor(delayMs = 0) {
  const runs: { rowId: string; attempt: number; startedAt: number }[] = [];
  const executor: CellExecutor = {
    async execute(context: CellContext) {
      runs.push({ rowId: context.row.id, attempt: context.attempt, startedAt: performance.now() });
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      return { value: { answer: `ok ${context.attempt}`, source: [], explanation: 'test' } };
    },
  };
  return { executor, runs };
}

describe.each(testBackends())('Engine lifecycle on %s', (backend) => {
  let testStore: TestStore;
  let engine: TestEngine | undefined;
  beforeEach(async () => {
    testStore = await openTestStore(backend);
  });
  afterEach(async () => {
    // A test must never leave a worker running into the next one.
    await engine?.stop();
    engine = undefined;
    await testStore.close();
  });
  const table = (rows = 1) => QueueFixture.create(testStore.store, new TestClock(Date.now()), { columns: [{ key: 'a' }], rows });

  it('serves a wake-up that arrives while a claim is under way within 100 ms, with a 5 s poll interval', async () => {
    const fixture = await table();
    const { executor, runs } = recordingExecutor();
    const holding = holdingClaims(testStore.store);
    engine = await startTestEngine(testStore, { executor, store: holding.store, settings: { pollIntervalMs: 5_000 } });
    // The worker sleeps after its first, empty claim; wake it into a claim and hold that claim
    // after it read the (still empty) queue.
    const held = holding.holdNextClaim();
    engine.wakeUp.notifyCellsReady();
    await held.reached;
    await fixture.queue(['a']);
    const delivered = new Promise<void>((resolve) => {
      const unsubscribe = engine!.wakeUp.onCellsReady(() => {
        unsubscribe();
        resolve();
      });
    });
    engine.wakeUp.notifyCellsReady();
    await delivered;
    const wokenAt = performance.now();
    held.release();
    await waitFor(async () => (runs.length > 0 ? true : undefined), 6_000, 5);
    expect(runs[0]!.startedAt - wokenAt).toBeLessThan(100);
  });

  it('stops at once right after it started', async () => {
    const { executor } = recordingExecutor();
    engine = await startTestEngine(testStore, { executor, settings: { pollIntervalMs: 5_000 } });
    const started = performance.now();
    await engine.stop();
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('keeps a cell that runs longer than its lease by renewing it', async () => {
    const fixture = await table();
    // The cell runs three and a half leases. The lease is 1 s (renewed every third of it), not
    // 300 ms: under a loaded full suite a renewal came more than 200 ms late and the reaper took
    // the cell, which is the machine's stall, not the keeper's fault.
    const { executor, runs } = recordingExecutor(3_500);
    engine = await startTestEngine(testStore, { executor, settings: { leaseMs: 1_000, reapIntervalMs: 50, pollIntervalMs: 50 } });
    await fixture.queue(['a']);
    engine.wakeUp.notifyCellsReady();
    await waitFor(async () => ((await fixture.cell(0, 'a')).status === 'done' ? true : undefined), 15_000);
    expect(runs.map((run) => run.attempt)).toEqual([1]);
    await fixture.expectCountersExact();
  });

  it('reaps the lease of a worker that vanished and computes its cell again, the claim counted', async () => {
    const fixture = await table();
    const { executor, runs } = recordingExecutor();
    await fixture.queue(['a']);
    // A worker elsewhere claims with a short lease, then vanishes; this engine starts only after
    // that claim, so it cannot take the cell first (under load it sometimes did).
    await testStore.store.claimCells({ limit: 1, leaseToken: crypto.randomUUID(), leaseExpiresAt: Date.now() + 200, now: new Date().toISOString() });
    engine = await startTestEngine(testStore, { executor, settings: { reapIntervalMs: 50, pollIntervalMs: 5_000 } });
    await waitFor(async () => ((await fixture.cell(0, 'a')).status === 'done' ? true : undefined), 10_000);
    expect(runs.map((run) => run.attempt)).toEqual([2]);
    await fixture.expectCountersExact();
  });

  it(
    backend === 'sqlite'
      ? 'requeues every cell a dead process held as soon as it starts (SQLite has one process), the claims counted'
      : 'leaves cells held by other processes to their lease (PostgreSQL has many processes)',
    async () => {
      const fixture = await table(4);
      await fixture.queue(['a']);
      // The process that died held three cells under a lease that has two minutes to go.
      await testStore.store.claimCells({ limit: 3, leaseToken: crypto.randomUUID(), leaseExpiresAt: Date.now() + 120_000, now: new Date().toISOString() });
      const { executor, runs } = recordingExecutor();
      const started = performance.now();
      engine = await startTestEngine(testStore, { executor, settings: { leaseMs: 120_000, reapIntervalMs: 30_000, pollIntervalMs: 50 } });
      if (backend === 'sqlite') {
        await waitFor(async () => ((await fixture.statuses('a')).every((status) => status === 'done') ? true : undefined), 5_000);
        expect(performance.now() - started).toBeLessThan(5_000);
        expect(runs.map((run) => run.attempt).sort()).toEqual([1, 2, 2, 2]);
      } else {
        await waitFor(async () => (runs.length === 1 ? true : undefined), 5_000);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect((await fixture.statuses('a')).filter((status) => status === 'in_progress')).toHaveLength(3);
      }
      await fixture.expectCountersExact();
    },
  );
});
