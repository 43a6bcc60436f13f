import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../src/domain/errors.ts';
import type { JobKind } from '../../src/engine/jobs/job-kind.ts';
import { testBackends } from '../support/backends.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * Jobs on the engine of a real Fathom process: queued through `fathom.jobs`, claimed and run by
 * the same workers as cells, retried after a throw, and able to queue follow-ups.
 */
describe.each(testBackends())('Engine jobs on %s', (backend) => {
  let server: TestServer;
  const seen: { step: number; attempt: number; workspaceId: string }[] = [];
  const failedOnce = new Set<number>();
  const chain: JobKind<{ step: number; last: number; failAt?: number }> = {
    name: 'test.chain',
    maxAttempts: 3,
    parsePayload: (raw) => z.object({ step: z.number().int(), last: z.number().int(), failAt: z.number().int().optional() }).parse(raw),
    run: async (payload, context) => {
      if (payload.failAt === payload.step && !failedOnce.has(payload.step)) {
        failedOnce.add(payload.step);
        throw new Error('a transient failure');
      }
      seen.push({ step: payload.step, attempt: context.attempt, workspaceId: context.workspaceId });
      if (payload.step < payload.last) await context.enqueue('test.chain', { ...payload, step: payload.step + 1 }, { dedupeKey: `step-${payload.step + 1}` });
    },
  };
  const permanent: JobKind<null> = {
    name: 'test.permanent',
    maxAttempts: 5,
    parsePayload: () => null,
    run: async () => {
      throw new AppError('bad_input', 400, 'this job can never succeed');
    },
  };
  beforeEach(async () => {
    seen.length = 0;
    failedOnce.clear();
    server = await startTestServer(backend, {
      withWorkers: true,
      extraJobKinds: [chain as JobKind<unknown>, permanent as JobKind<unknown>],
      environment: { FATHOM_POLL_INTERVAL_MS: '200' },
    });
  });
  afterEach(async () => {
    await server.close();
  });

  it('runs a chain of jobs that queue each other, retrying the one that throws', async () => {
    await server.fathom.jobs.enqueue('workspace-a', 'test.chain', { step: 1, last: 4, failAt: 2 });
    await waitFor(async () => (seen.length === 4 ? true : undefined), 20_000);
    expect(seen.map((entry) => entry.step)).toEqual([1, 2, 3, 4]);
    expect(seen.find((entry) => entry.step === 2)?.attempt).toBe(2);
    expect(new Set(seen.map((entry) => entry.workspaceId))).toEqual(new Set(['workspace-a']));
    const counts = await waitFor(async () => {
      const list = await server.fathom.services.store.countJobs('workspace-a');
      return list.some((count) => count.status === 'running' || count.status === 'pending') ? undefined : list;
    });
    expect(counts).toEqual([{ kind: 'test.chain', status: 'done', count: 4 }]);
  });

  it('fails a job for good at once when its error says retrying cannot help', async () => {
    await server.fathom.jobs.enqueue('workspace-a', 'test.permanent', null);
    const store = server.fathom.services.store;
    const counts = await waitFor(async () => {
      const list = await store.countJobs('workspace-a');
      return list.some((count) => count.status === 'failed') ? list : undefined;
    });
    expect(counts).toEqual([{ kind: 'test.permanent', status: 'failed', count: 1 }]);
  });

  it('refuses to queue a kind no worker can run', async () => {
    await expect(server.fathom.jobs.enqueue('workspace-a', 'test.nobody', {})).rejects.toThrow("no job kind 'test.nobody'");
  });
});
