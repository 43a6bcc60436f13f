import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { ColumnConfig } from '../domain/column-config-schema.ts';
import type { Column, Row, Table } from '../domain/records.ts';
import { type CellOutcome, type ClaimedCell, emptyEngineChange } from '../store/queue-store.ts';
import { createInProcessCellChangeFeed } from './cell-change-feed.ts';
import { CellWorker } from './cell-worker.ts';
import { createInProcessWorkerWakeUp } from './worker-wake-up.ts';

const AT = '2026-12-01T00:00:00.000Z';
const table = { id: 'table', kind: 'generic', workspaceId: 'workspace', name: 'table', parentTableId: null } as Table;
const column: Column = {
  id: 'answer',
  tableId: 'table',
  key: 'answer',
  position: 0,
  config: { kind: 'agent', name: 'answer', key: 'answer' } as ColumnConfig,
  createdAt: AT,
};
const rowOf = (id: string): Row => ({ id, tableId: 'table', seq: 1, parentRowId: null, companyProfileId: null, metadata: null, createdAt: AT, updatedAt: AT });

/** A queue holding `ready` cells, handed out by the first claims; it counts every claim. */
function countingQueue(ready: number) {
  let left = ready;
  const state = { claims: 0, ended: [] as CellOutcome[] };
  const store = {
    capabilities: { supportsMultipleProcesses: true } as never,
    claimCells: async (options: { limit: number; leaseToken: string }): Promise<ClaimedCell[]> => {
      state.claims += 1;
      const count = Math.min(left, options.limit);
      left -= count;
      return Array.from({ length: count }, (_, index) => ({
        rowId: `row-${left + index}`,
        columnId: 'answer',
        tableId: 'table',
        runId: 'run',
        attempts: 1,
        leaseToken: options.leaseToken,
        bypassCache: false,
      }));
    },
    completeCells: async (outcomes: CellOutcome[]) => {
      state.ended.push(...outcomes);
      return { ...emptyEngineChange(), changedCells: outcomes.map(({ tableId, rowId, columnId, runId }) => ({ tableId, rowId, columnId, runId })) };
    },
    retryCells: async () => emptyEngineChange(),
    renewLeases: async (tokens: string[]) => new Map(tokens.map((token) => [token, 1])),
    renewLease: async () => 1,
    releaseLease: async () => 0,
    reapExpiredLeases: async () => emptyEngineChange(),
    requeueHeldCells: async () => emptyEngineChange(),
    sweepWaitingCells: async () => emptyEngineChange(),
    findTableWithColumns: async () => ({ table, columns: [column] }),
    listColumns: async () => [column],
    findRowsWithCellValues: async (_tableId: string, rowIds: string[]) => rowIds.map((id) => ({ ...rowOf(id), cells: [] })),
  };
  return { store, state };
}

/**
 * Room to claim is not news of ready cells: once a claim came back short, cells ending must not
 * set off claims that find nothing (each walks the queue's index on PostgreSQL); a wake-up for
 * ready cells must still be answered at once.
 */
describe('CellWorker', () => {
  it('does not claim again as cells end once a claim came back short, and claims again on a wake-up', async () => {
    const { store, state } = countingQueue(3);
    const wakeUp = createInProcessWorkerWakeUp();
    const worker = new CellWorker({
      store,
      executors: { executorFor: () => ({ execute: async () => ({ value: { answer: 'ok', source: [], explanation: 'test' } }) }) },
      concurrency: 10,
      claimBatchSize: 10,
      leaseMs: 60_000,
      maxAttempts: 3,
      // Long enough that only wake-ups, never the poll, cause claims in this test.
      pollIntervalMs: 600_000,
      backoff: { baseDelayMs: 1_000, maxDelayMs: 10_000 },
      wakeUp,
      changeFeed: createInProcessCellChangeFeed(),
      logger: pino({ level: 'silent' }),
    });
    worker.start();
    try {
      await until(() => state.ended.length === 3);
      // Let every ending's callbacks and any claim they would start run to the end.
      for (let turn = 0; turn < 20; turn += 1) await new Promise((resolve) => setImmediate(resolve));
      // The claim that took the 3 cells was short: nothing more was claimed as they ended.
      expect(state.claims).toBe(1);
      wakeUp.notifyCellsReady();
      await until(() => state.claims === 2);
    } finally {
      await worker.stop({ timeoutMs: 1_000 });
    }
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 10_000 && !condition(); turn += 1) await new Promise((resolve) => setTimeout(resolve, 1));
  expect(condition()).toBe(true);
}
