import { NO_TASK_SPEND } from '../../src/domain/cost/task-spend.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeepResearchFinding, DeepResearchTask } from '../../src/domain/deep-research/deep-research-task.ts';
import { uuidV7 } from '../../src/domain/uuid-v7.ts';
import { testBackends } from '../support/backends.ts';
import { openTestStore, type TestStore } from '../support/test-database.ts';

/**
 * The deep research part of the store on every backend: what makes its jobs safe to run twice
 * (planning inserts findings once, a finding ends once and counts one iteration) and the
 * counters parallel agents add to.
 */
describe.each(testBackends())('Deep research store conformance on %s', (backend) => {
  let testStore: TestStore;
  beforeEach(async () => {
    testStore = await openTestStore(backend);
  });
  afterEach(async () => {
    await testStore.close();
  });
  const now = '2026-12-06T12:00:00.000Z';
  const task = (workspaceId: string, createdAt: string): DeepResearchTask => ({
    id: uuidV7(),
    workspaceId,
    ownerId: 'user-1',
    brief: 'Research Acme (acme.test).\n- What does Acme build?',
    depth: 'high',
    outputSchema: { type: 'object', properties: { a: { type: 'string' } } },
    status: 'created',
    iterations: 0,
    failureReason: null,
    report: null,
    degradationReasons: [],
    usage: { modelCalls: 0, tokens: 0, searches: 0, pageFetches: 0, ...NO_TASK_SPEND },
    createdAt,
    updatedAt: createdAt,
    budget: null,
  });
  const finding = (taskId: string, position: number): DeepResearchFinding => ({
    id: uuidV7(),
    taskId,
    position,
    question: `q${position}`,
    status: 'queued',
    answer: null,
    excerpts: [],
    error: null,
  });

  it('keeps tasks per workspace, newest first, and round-trips every field', async () => {
    const { store } = testStore;
    const older = task('w1', '2026-12-06T10:00:00.000Z');
    const newer = task('w1', '2026-12-06T11:00:00.000Z');
    await store.insertDeepResearchTask(older);
    await store.insertDeepResearchTask(newer);
    await store.insertDeepResearchTask(task('w2', now));
    expect(await store.findDeepResearchTask('w1', older.id)).toEqual(older);
    expect(await store.findDeepResearchTask('w2', older.id)).toBeUndefined();
    expect((await store.listDeepResearchTasks('w1', { offset: 0, limit: 10 })).map((item) => item.id)).toEqual([newer.id, older.id]);
    const report = { kind: 'markdown' as const, markdown: 'x [1]', sources: [{ id: 1, url: 'https://acme.test/', excerpt: 'x' }], degradationReasons: [] };
    await store.updateDeepResearchTask(older.id, { status: 'done', report, target: { name: 'Acme', website: null } }, now);
    expect(await store.findDeepResearchTask('w1', older.id)).toMatchObject({ status: 'done', report, updatedAt: now });
    expect(await store.findDeepResearchTarget(older.id)).toEqual({ name: 'Acme', website: null });
  });

  it('inserts a plan once, ends a finding once with one iteration, and adds usage and notes', async () => {
    const { store } = testStore;
    const created = task('w1', now);
    await store.insertDeepResearchTask(created);
    const plan = [finding(created.id, 0), finding(created.id, 1)];
    await store.insertDeepResearchFindings(plan);
    await store.insertDeepResearchFindings([finding(created.id, 0), finding(created.id, 1)]);
    const stored = await store.listDeepResearchFindings(created.id);
    expect(stored.map((item) => item.id)).toEqual(plan.map((item) => item.id));
    const outcome = { status: 'done' as const, answer: 'robots', excerpts: [{ url: 'https://acme.test/', quote: 'Acme builds robots.' }], error: null };
    const [first, second] = await Promise.all([
      store.finishDeepResearchFinding(plan[0]!.id, outcome, now),
      store.finishDeepResearchFinding(plan[0]!.id, { ...outcome, answer: 'other' }, now),
    ]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    await Promise.all([
      store.noteDeepResearchProgress(created.id, {
        usage: { modelCalls: 2, tokens: 100, searches: 1, pageFetches: 3, inputTokens: 60, outputTokens: 40, cost: 0.25, cachedCalls: 1, cacheSavedCost: 0.5 },
        degradationReasons: ['a'],
      }),
      store.noteDeepResearchProgress(created.id, { usage: { modelCalls: 1, cost: 0.5, unpricedCalls: 1 }, iterations: 1, degradationReasons: ['a'] }),
    ]);
    const after = (await store.findDeepResearchTask('w1', created.id))!;
    expect(after.iterations).toBe(2);
    expect(after.usage).toEqual({
      modelCalls: 3,
      tokens: 100,
      searches: 1,
      pageFetches: 3,
      inputTokens: 60,
      outputTokens: 40,
      cost: 0.75,
      unpricedCalls: 1,
      cachedCalls: 1,
      cacheSavedCost: 0.5,
    });
    expect(after.degradationReasons).toEqual(['a']);
    const ended = await store.listDeepResearchFindings(created.id);
    expect(ended[0]).toMatchObject({ status: 'done', excerpts: outcome.excerpts });
    expect(ended[1]!.status).toBe('queued');
  });
});
