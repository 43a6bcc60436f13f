import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends.ts';
import { openTestStore, type TestStore } from '../support/test-database.ts';
import type { CellOutcome, ClaimedCell } from '../../src/store/queue-store.ts';
import { cellNames, QueueFixture, TestClock } from './queue-fixture.ts';

/**
 * The queue part of the store, on every backend, with the clock injected: claims, leases and
 * their renewal, the reaper, release, retry back-off, fencing of late or stale workers, and the
 * sweep. Every test also checks that the table's counters equal an exact recount.
 */
describe.each(testBackends())('Queue store conformance on %s', (backend) => {
  let testStore: TestStore;
  let clock: TestClock;
  beforeEach(async () => {
    testStore = await openTestStore(backend);
    clock = new TestClock();
  });
  afterEach(async () => {
    await testStore.close();
  });
  const fixture = (columns: { key: string; dependsOn?: string[] }[], rows = 1) => QueueFixture.create(testStore.store, clock, { columns, rows });

  describe('claim', () => {
    it('claims ready cells under one lease, counts the attempt, and never hands a cell out twice', async () => {
      const table = await fixture([{ key: 'a' }], 6);
      await table.queue(['a']);
      const [first, second] = await Promise.all([table.claim(4), table.claim(4)]);
      const claimed = [...first!, ...second!];
      expect(claimed).toHaveLength(6);
      expect(new Set(cellNames(claimed, table)).size).toBe(6);
      for (const cell of claimed) expect(cell).toMatchObject({ attempts: 1, tableId: table.tableId });
      expect(new Set(first!.map((cell) => cell.leaseToken)).size).toBe(1);
      expect(await table.claim()).toEqual([]);
      expect(await table.statuses('a')).toEqual(Array(6).fill('in_progress'));
      await table.expectCountersExact();
    });

    it('holds back a cell whose retry is scheduled later until that time', async () => {
      const table = await fixture([{ key: 'a' }]);
      await table.queue(['a']);
      const [held] = await table.claim();
      const change = await testStore.store.retryCells(
        [{ ...table.key(0, 'a'), leaseToken: held!.leaseToken, runId: held!.runId, runAfter: clock.now() + 10_000, error: 'search provider: 503' }],
        clock.iso(),
      );
      expect(change).toMatchObject({ lostLeases: 0, changedCells: [table.key(0, 'a')] });
      clock.advance(9_999);
      expect(await table.claim()).toEqual([]);
      clock.advance(1);
      const [again] = await table.claim();
      expect(again).toMatchObject({ rowId: table.rowIds[0], attempts: 2 });
      await table.expectCountersExact();
    });

    it('starts a cell with several upstream cells only once all of them are done', async () => {
      const table = await fixture([{ key: 'fast' }, { key: 'slow' }, { key: 'join', dependsOn: ['fast', 'slow'] }]);
      await table.queue(['fast', 'slow', 'join']);
      const claimed = await table.claim();
      expect(cellNames(claimed, table)).toEqual(['0/fast', '0/slow']);
      const fast = claimed.find((cell) => cell.columnId === table.column('fast'))!;
      const slow = claimed.find((cell) => cell.columnId === table.column('slow'))!;
      await table.complete(fast, 'done', 'FAST');
      expect(await table.claim()).toEqual([]);
      expect((await table.complete(slow, 'done', 'SLOW')).newlyReady).toBe(1);
      expect(cellNames(await table.claim(), table)).toEqual(['0/join']);
      await table.expectCountersExact();
    });
  });

  describe('ending', () => {
    it('ends a cell by the row key its claim returned as it does by ids alone, waking its dependents either way', async () => {
      const table = await fixture([{ key: 'a' }, { key: 'b', dependsOn: ['a'] }], 2);
      await table.queue(['a', 'b']);
      const claimed = await table.claim();
      expect(cellNames(claimed, table)).toEqual(['0/a', '1/a']);
      const outcome = (cell: ClaimedCell, answer: string): CellOutcome => ({
        tableId: cell.tableId,
        rowId: cell.rowId,
        columnId: cell.columnId,
        leaseToken: cell.leaseToken,
        runId: cell.runId,
        status: 'done',
        value: { answer, source: [], explanation: 'test' },
        error: null,
      });
      // Row 0's outcome carries what its claim returned (as a worker's does); row 1's only ids.
      const [first, second] = claimed as [ClaimedCell, ClaimedCell];
      const withKey: CellOutcome = { ...outcome(first, 'A0'), ...(first.storedRowKey === undefined ? {} : { storedRowKey: first.storedRowKey }) };
      const change = await testStore.store.completeCells([withKey, outcome(second, 'A1')], clock.iso());
      expect(change).toMatchObject({ lostLeases: 0, newlyReady: 2 });
      expect(await table.statuses('a')).toEqual(['done', 'done']);
      expect((await table.cell(0, 'a')).value).toMatchObject({ answer: 'A0' });
      expect((await table.cell(1, 'a')).value).toMatchObject({ answer: 'A1' });
      expect(cellNames(await table.claim(), table)).toEqual(['0/b', '1/b']);
      await table.expectCountersExact();
    });

    it('refuses an outcome naming a cell its lease does not hold, by ids or by the row key a claim returned', async () => {
      const table = await fixture([{ key: 'a' }], 2);
      await table.queue(['a']);
      const [held] = await table.claim(1);
      const [other] = await table.claim(1);
      // The first lease's token on the other cell (with its row key where the claim returned one):
      // the fence is the token, whatever finds the cell.
      const change = await testStore.store.completeCells(
        [
          {
            tableId: held!.tableId,
            rowId: other!.rowId,
            columnId: held!.columnId,
            leaseToken: held!.leaseToken,
            runId: held!.runId,
            status: 'done',
            value: { answer: 'x', source: [], explanation: 'test' },
            error: null,
            ...(other!.storedRowKey === undefined ? {} : { storedRowKey: other!.storedRowKey }),
          },
        ],
        clock.iso(),
      );
      expect(change.lostLeases).toBe(1);
      expect(await table.statuses('a')).toEqual(['in_progress', 'in_progress']);
      await table.expectCountersExact();
    });
  });

  describe('lease renewal', () => {
    it('extends every cell of the lease, so the reaper leaves a renewed lease alone', async () => {
      const table = await fixture([{ key: 'a' }], 3);
      await table.queue(['a']);
      const claimed = await table.claim();
      const token = claimed[0]!.leaseToken;
      clock.advance(900);
      expect(await testStore.store.renewLease(token, clock.now() + 1_000)).toBe(3);
      clock.advance(600);
      expect((await table.reap()).changedCells).toEqual([]);
      expect(await table.statuses('a')).toEqual(['in_progress', 'in_progress', 'in_progress']);
      clock.advance(500);
      expect((await table.reap()).changedCells).toHaveLength(3);
      await table.expectCountersExact();
    });

    it('answers 0 once the lease was lost: reaped, or the cell made stale', async () => {
      const table = await fixture([{ key: 'a' }], 2);
      await table.queue(['a']);
      const [first, second] = await table.claim(1).then(async (one) => [...one, ...(await table.claim(1))]);
      clock.advance(1_001);
      await testStore.store.renewLease(second!.leaseToken, clock.now() + 1_000);
      await table.reap();
      expect(await testStore.store.renewLease(first!.leaseToken, clock.now() + 1_000)).toBe(0);
      await testStore.store.markCellsStale(table.tableId, [second!.rowId], [second!.columnId], clock.iso());
      expect(await testStore.store.renewLease(second!.leaseToken, clock.now() + 1_000)).toBe(0);
      await table.expectCountersExact();
    });

    it('renews many leases in one write, answering by token and leaving a lost lease out', async () => {
      const table = await fixture([{ key: 'a' }], 3);
      await table.queue(['a']);
      const [first, second] = [await table.claim(2), await table.claim(1)];
      clock.advance(1_001);
      await table.reap();
      // Both leases were reaped; `first` is claimed again under a new token.
      const again = await table.claim(2);
      const renewed = await testStore.store.renewLeases([first![0]!.leaseToken, again[0]!.leaseToken, second![0]!.leaseToken], clock.now() + 1_000);
      expect([...renewed]).toEqual([[again[0]!.leaseToken, 2]]);
      expect(await testStore.store.renewLeases([], clock.now())).toEqual(new Map());
      await table.expectCountersExact();
    });
  });

  describe('reaper', () => {
    it('requeues an expired lease with the claim counted, and leaves unexpired ones alone', async () => {
      const table = await fixture([{ key: 'a' }], 2);
      const runId = await table.queue(['a']);
      await table.claim(1);
      clock.advance(500);
      await table.claim(1);
      clock.advance(501);
      const change = await table.reap();
      expect(cellNames(change.changedCells, table)).toEqual(['0/a']);
      expect(change).toMatchObject({ newlyReady: 1, failedCells: [], endedRuns: [] });
      expect(change.changedCells[0]).toMatchObject({ runId });
      expect(await table.statuses('a')).toEqual(['requested', 'in_progress']);
      const [again] = await table.claim();
      expect(again).toMatchObject({ rowId: table.rowIds[0], attempts: 2 });
      await table.expectCountersExact();
    });

    it('fails a cell once its claims reach the limit, with its waiting dependents, and ends the run once', async () => {
      const table = await fixture([{ key: 'a' }, { key: 'b', dependsOn: ['a'] }]);
      const runId = await table.queue(['a', 'b']);
      await table.claim();
      clock.advance(1_001);
      expect((await table.reap(2)).failedCells).toEqual([]);
      expect((await table.claim())[0]).toMatchObject({ attempts: 2 });
      clock.advance(1_001);
      const change = await table.reap(2);
      expect(cellNames(change.failedCells, table)).toEqual(['0/a', '0/b']);
      expect(change.endedRuns).toEqual([{ runId, tableId: table.tableId, status: 'failed' }]);
      expect((await table.cell(0, 'a')).error).toBe('the worker computing this cell stopped before it ended (gave up after 2 attempts)');
      expect((await table.cell(0, 'b')).error).toBe('waiting on a, which failed');
      expect((await table.run(runId))?.status).toBe('failed');
      expect((await table.reap(2)).endedRuns).toEqual([]);
      await table.expectCountersExact();
    });

    it('requeues every held cell at once, whatever its lease, when asked at a single-process start', async () => {
      const table = await fixture([{ key: 'a' }], 3);
      await table.queue(['a']);
      await table.claim(2);
      const change = await testStore.store.requeueHeldCells({ now: clock.iso(), maxAttempts: 3, limit: 1_000 });
      expect(change.changedCells).toHaveLength(2);
      expect(await table.statuses('a')).toEqual(['requested', 'requested', 'requested']);
      const claimed = await table.claim();
      expect(claimed.map((cell) => cell.attempts).sort()).toEqual([1, 2, 2]);
      const spent = await testStore.store.requeueHeldCells({ now: clock.iso(), maxAttempts: 2, limit: 1_000 });
      expect(spent.failedCells).toHaveLength(2);
      await table.expectCountersExact();
    });
  });

  describe('release', () => {
    it('gives held cells back untouched without counting the claim', async () => {
      const table = await fixture([{ key: 'a' }], 2);
      await table.queue(['a']);
      const claimed = await table.claim();
      expect(await testStore.store.releaseLease(claimed[0]!.leaseToken, clock.iso())).toBe(2);
      expect(await table.statuses('a')).toEqual(['requested', 'requested']);
      expect((await table.claim()).map((cell) => cell.attempts)).toEqual([1, 1]);
      await table.expectCountersExact();
    });

    it('releases nothing for a stale lease, leaving the new holder its cell', async () => {
      const table = await fixture([{ key: 'a' }]);
      await table.queue(['a']);
      const [stale] = await table.claim();
      clock.advance(1_001);
      await table.reap();
      const [current] = await table.claim();
      expect(await testStore.store.releaseLease(stale!.leaseToken, clock.iso())).toBe(0);
      expect(await testStore.store.renewLease(current!.leaseToken, clock.now() + 1_000)).toBe(1);
      await table.expectCountersExact();
    });
  });

  describe('fencing', () => {
    it("refuses a late answer from a worker whose lease was reaped, and keeps the new holder's", async () => {
      const table = await fixture([{ key: 'a' }]);
      await table.queue(['a']);
      const [late] = await table.claim();
      clock.advance(1_001);
      await table.reap();
      const [current] = await table.claim();
      const refused = await table.complete(late!, 'done', 'from the late worker');
      expect(refused).toMatchObject({ lostLeases: 1, changedCells: [], endedRuns: [] });
      expect((await table.cell(0, 'a')).status).toBe('in_progress');
      expect((await table.complete(current!, 'done', 'from the current worker')).lostLeases).toBe(0);
      expect((await table.complete(late!, 'done', 'from the late worker')).lostLeases).toBe(1);
      expect((await table.cell(0, 'a')).value).toMatchObject({ answer: 'from the current worker' });
      await table.expectCountersExact();
    });

    it('refuses a retry from a stale worker: the cell another worker holds is not queued twice', async () => {
      const table = await fixture([{ key: 'a' }]);
      await table.queue(['a']);
      const [stale] = await table.claim();
      clock.advance(1_001);
      await table.reap();
      const [current] = await table.claim();
      const change = await testStore.store.retryCells(
        [{ ...table.key(0, 'a'), leaseToken: stale!.leaseToken, runId: stale!.runId, runAfter: clock.now(), error: 'timeout' }],
        clock.iso(),
      );
      expect(change).toMatchObject({ lostLeases: 1, changedCells: [] });
      expect((await table.cell(0, 'a')).status).toBe('in_progress');
      expect(await table.claim()).toEqual([]);
      expect(await testStore.store.renewLease(current!.leaseToken, clock.now() + 1_000)).toBe(1);
      await table.expectCountersExact();
    });
  });

  describe('failed upstream cells', () => {
    const chain = [
      { key: 'a' },
      { key: 'b', dependsOn: ['a'] },
      { key: 'c', dependsOn: ['b'] },
      { key: 'd', dependsOn: ['c'] },
      { key: 'e', dependsOn: ['d'] },
      { key: 'f', dependsOn: ['e'] },
    ];

    it('a failed cell fails its whole waiting chain in the same write, naming the cell that failed', async () => {
      const table = await fixture(chain, 2);
      const runId = await table.queue(['a', 'b', 'c', 'd', 'e', 'f']);
      const [first, second] = await table.claim();
      const change = await table.complete(first!, 'failed', null, 'model said no');
      const row = table.rowIds.indexOf(first!.rowId);
      expect(cellNames(change.failedCells, table)).toEqual(['a', 'b', 'c', 'd', 'e', 'f'].map((key) => `${row}/${key}`));
      for (const key of ['b', 'c', 'd', 'e', 'f']) expect((await table.cell(row, key)).error).toBe('waiting on a, which failed');
      expect(change.endedRuns).toEqual([]);
      const last = await table.complete(second!, 'failed', null, 'model said no');
      expect(last.endedRuns).toEqual([{ runId, tableId: table.tableId, status: 'failed' }]);
      await table.expectCountersExact();
    });

    it('one sweep ends a 5-deep chain queued over an upstream cell that had already failed', async () => {
      const table = await fixture(chain, 3);
      await table.queue(['a']);
      for (const cell of await table.claim()) await table.complete(cell, 'failed', null, 'no such company');
      const runId = await table.queue(['b', 'c', 'd', 'e', 'f']);
      expect(await table.claim()).toEqual([]);
      const change = await testStore.store.sweepWaitingCells({ now: clock.iso(), limit: 2 });
      expect(change.failedCells).toHaveLength(15);
      for (const key of ['b', 'c', 'd', 'e', 'f']) {
        expect(await table.statuses(key)).toEqual(['failed', 'failed', 'failed']);
        expect((await table.cell(2, key)).error).toBe('waiting on a, which failed');
      }
      expect(change.endedRuns).toEqual([{ runId, tableId: table.tableId, status: 'failed' }]);
      expect((await testStore.store.sweepWaitingCells({ now: clock.iso(), limit: 2 })).changedCells).toEqual([]);
      await table.expectCountersExact();
    });

    it('the sweep fails a chain waiting on a cell nobody queued, naming that cell', async () => {
      const table = await fixture([{ key: 'a' }, { key: 'b', dependsOn: ['a'] }, { key: 'c', dependsOn: ['b'] }], 2);
      await table.queue(['b', 'c']);
      const change = await testStore.store.sweepWaitingCells({ now: clock.iso(), limit: 1_000, tableId: table.tableId });
      expect(cellNames(change.failedCells, table)).toEqual(['0/b', '0/c', '1/b', '1/c']);
      expect((await table.cell(0, 'c')).error).toMatch(/^waiting on a, which is not computed and not queued/);
      await table.expectCountersExact();
    });
  });
});
