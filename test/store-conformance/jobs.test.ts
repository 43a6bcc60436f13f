import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidV7 } from '../../src/domain/uuid-v7.ts';
import type { NewJob } from '../../src/store/store.ts';
import { testBackends } from '../support/backends.ts';
import { openTestStore, type TestStore } from '../support/test-database.ts';
import { TestClock } from './queue-fixture.ts';

/**
 * The job part of the store, on every backend, with the clock injected: dedupe while pending,
 * claims that never hand a job out twice, run_after, lease renewal, the reaper, release,
 * retries and the fencing of a worker that lost its lease.
 */
describe.each(testBackends())('Job store conformance on %s', (backend) => {
  let testStore: TestStore;
  let clock: TestClock;
  const workspaceId = 'workspace-1';
  const leaseMs = 1_000;
  beforeEach(async () => {
    testStore = await openTestStore(backend);
    clock = new TestClock();
  });
  afterEach(async () => {
    await testStore.close();
  });
  const job = (overrides: Partial<NewJob> = {}): NewJob => ({
    id: uuidV7(),
    kind: 'test.echo',
    workspaceId,
    payload: { value: 1 },
    dedupeKey: null,
    maxAttempts: 3,
    runAfter: clock.now(),
    now: clock.iso(),
    ...overrides,
  });
  const claim = (limit = 10, kinds?: string[]) =>
    testStore.store.claimJobs({
      limit,
      leaseToken: crypto.randomUUID(),
      leaseExpiresAt: clock.now() + leaseMs,
      nowMs: clock.now(),
      now: clock.iso(),
      ...(kinds ? { kinds } : {}),
    });
  const statuses = async () =>
    Object.fromEntries((await testStore.store.countJobs(workspaceId)).map((count) => [`${count.kind}/${count.status}`, count.count]));

  it('queues a job once per dedupe key while it is pending, and again once it has started', async () => {
    expect(await testStore.store.enqueueJob(job({ dedupeKey: 'task-1' }))).toBe(true);
    expect(await testStore.store.enqueueJob(job({ dedupeKey: 'task-1' }))).toBe(false);
    expect(await testStore.store.enqueueJob(job({ dedupeKey: 'task-1', kind: 'test.other' }))).toBe(true);
    expect(await testStore.store.enqueueJob(job({ dedupeKey: 'task-1', workspaceId: 'workspace-2' }))).toBe(true);
    expect(await testStore.store.enqueueJob(job())).toBe(true);
    expect(await testStore.store.enqueueJob(job())).toBe(true);
    expect(await statuses()).toEqual({ 'test.echo/pending': 3, 'test.other/pending': 1 });
    const claimed = await claim(10, ['test.echo']);
    expect(claimed).toHaveLength(4);
    expect(await testStore.store.enqueueJob(job({ dedupeKey: 'task-1' }))).toBe(true);
  });

  it('claims each job once under one lease, with its payload and attempt, only for the kinds asked', async () => {
    for (let index = 0; index < 6; index += 1) await testStore.store.enqueueJob(job({ payload: { index } }));
    await testStore.store.enqueueJob(job({ kind: 'test.unknown' }));
    const [first, second] = await Promise.all([claim(4, ['test.echo']), claim(4, ['test.echo'])]);
    const claimed = [...first!, ...second!];
    expect(claimed).toHaveLength(6);
    expect(new Set(claimed.map((item) => item.id)).size).toBe(6);
    expect(claimed.map((item) => (item.payload as { index: number }).index).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    for (const item of claimed) expect(item).toMatchObject({ attempts: 1, maxAttempts: 3, workspaceId, kind: 'test.echo' });
    expect(new Set(first!.map((item) => item.leaseToken)).size).toBe(1);
    expect(await claim(10, ['test.echo'])).toEqual([]);
    expect(await claim(10, [])).toEqual([]);
    expect(await statuses()).toEqual({ 'test.echo/running': 6, 'test.unknown/pending': 1 });
  });

  it('holds back a job until its run_after, and a retried one until its wait is over', async () => {
    await testStore.store.enqueueJob(job({ runAfter: clock.now() + 500 }));
    expect(await claim()).toEqual([]);
    clock.advance(500);
    const [held] = await claim();
    expect(await testStore.store.retryJob(held!.id, held!.leaseToken, clock.now() + 2_000, 'search provider: 503', clock.iso())).toBe(true);
    clock.advance(1_999);
    expect(await claim()).toEqual([]);
    clock.advance(1);
    const [again] = await claim();
    expect(again).toMatchObject({ id: held!.id, attempts: 2 });
  });

  it('renews a lease so the reaper leaves it alone, and reaps it once it expired', async () => {
    await testStore.store.enqueueJob(job());
    const [held] = await claim();
    clock.advance(900);
    expect(await testStore.store.renewJobLease(held!.leaseToken, clock.now() + leaseMs)).toBe(1);
    clock.advance(600);
    expect(await testStore.store.reapExpiredJobs({ nowMs: clock.now(), now: clock.iso(), limit: 100 })).toEqual({ requeued: 0, failed: 0 });
    clock.advance(500);
    expect(await testStore.store.reapExpiredJobs({ nowMs: clock.now(), now: clock.iso(), limit: 100 })).toEqual({ requeued: 1, failed: 0 });
    expect(await testStore.store.renewJobLease(held!.leaseToken, clock.now() + leaseMs)).toBe(0);
    const [again] = await claim();
    expect(again).toMatchObject({ id: held!.id, attempts: 2 });
  });

  it('fences a worker whose lease was reaped: its ending changes nothing, the new holder ends the job', async () => {
    await testStore.store.enqueueJob(job());
    const [late] = await claim();
    clock.advance(leaseMs + 1);
    await testStore.store.reapExpiredJobs({ nowMs: clock.now(), now: clock.iso(), limit: 100 });
    const [current] = await claim();
    expect(await testStore.store.completeJob(late!.id, late!.leaseToken, clock.iso())).toBe(false);
    expect(await testStore.store.failJob(late!.id, late!.leaseToken, 'late', clock.iso())).toBe(false);
    expect(await testStore.store.retryJob(late!.id, late!.leaseToken, clock.now(), 'late', clock.iso())).toBe(false);
    expect(await statuses()).toEqual({ 'test.echo/running': 1 });
    expect(await testStore.store.completeJob(current!.id, current!.leaseToken, clock.iso())).toBe(true);
    expect(await statuses()).toEqual({ 'test.echo/done': 1 });
  });

  it('fails a job whose attempts are spent when its worker dies, and requeues every held job at start', async () => {
    await testStore.store.enqueueJob(job({ maxAttempts: 1 }));
    await testStore.store.enqueueJob(job({ maxAttempts: 5 }));
    expect(await claim()).toHaveLength(2);
    expect(await testStore.store.reapExpiredJobs({ nowMs: null, now: clock.iso(), limit: 100 })).toEqual({ requeued: 1, failed: 1 });
    expect(await statuses()).toEqual({ 'test.echo/failed': 1, 'test.echo/pending': 1 });
  });

  it('gives back released jobs without counting the claim', async () => {
    await testStore.store.enqueueJob(job());
    await testStore.store.enqueueJob(job());
    const claimed = await claim();
    expect(await testStore.store.releaseJobLease(claimed[0]!.leaseToken, clock.iso())).toBe(2);
    const again = await claim();
    expect(again.map((item) => item.attempts)).toEqual([1, 1]);
  });

  it('supersedes a retried job when a twin with its dedupe key was queued while it ran', async () => {
    await testStore.store.enqueueJob(job({ dedupeKey: 'profile-1' }));
    const [held] = await claim();
    expect(await testStore.store.enqueueJob(job({ dedupeKey: 'profile-1' }))).toBe(true);
    expect(await testStore.store.retryJob(held!.id, held!.leaseToken, clock.now(), 'timeout', clock.iso())).toBe(true);
    expect(await statuses()).toEqual({ 'test.echo/pending': 1, 'test.echo/superseded': 1 });
  });
});
