import { type Kysely, type RawBuilder, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/database-schema.ts';
import { pickReadyCells } from '../../src/store/postgres/postgres-claim-cells.ts';
import { QueueFixture, TestClock } from '../store-conformance/queue-fixture.ts';
import { testBackends } from '../support/backends.ts';
import { openTestStore } from '../support/test-database.ts';

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

async function planOf(db: Kysely<Database>, query: RawBuilder<unknown>): Promise<PlanNode[]> {
  const result = await sql<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>`explain (format json) ${query}`.execute(db);
  const nodes: PlanNode[] = [];
  const visit = (node: PlanNode) => {
    nodes.push(node);
    for (const child of node.Plans ?? []) visit(child);
  };
  visit(result.rows[0]!['QUERY PLAN'][0].Plan);
  return nodes;
}

/**
 * The claim's pick on PostgreSQL must not depend on statistics (decision
 * 2026-12-06-postgres-engine-throughput): taken before a run queues its cells, they estimate no
 * queued cell, and the pick then read every queued cell (through cells_waiting, or a sequential
 * scan past every other cell) on each claim. It must read the ready cells it takes, in the
 * cells_ready_queue index's order, without a sort, before and after an ANALYZE.
 */
describe.skipIf(!testBackends().includes('postgres'))('PostgreSQL claim plan', () => {
  it('picks ready cells through cells_ready_queue without a sort, with statistics from before or after the run was queued', async () => {
    const testStore = await openTestStore('postgres');
    try {
      const clock = new TestClock();
      const table = await QueueFixture.create(testStore.store, clock, { columns: [{ key: 'a' }, { key: 'b', dependsOn: ['a'] }], rows: 2_000 });
      const db = testStore.database.db;
      await sql`analyze cells`.execute(db);
      await table.queue(['a', 'b']);
      const plans = [await planOf(db, pickReadyCells(128, clock.now()))];
      await sql`analyze cells`.execute(db);
      plans.push(await planOf(db, pickReadyCells(128, clock.now())));
      for (const nodes of plans) {
        const types = nodes.map((node) => node['Node Type']);
        expect(types).not.toContain('Sort');
        expect(types).not.toContain('Seq Scan');
        expect(nodes.flatMap((node) => (node['Index Name'] ? [node['Index Name']] : []))).toEqual(['cells_ready_queue']);
      }
      // Ready cells only: every `a` cell, none of the `b` cells waiting on them.
      const claimed = await table.claim(5_000);
      expect(claimed).toHaveLength(2_000);
      expect(new Set(claimed.map((cell) => cell.columnId))).toEqual(new Set([table.column('a')]));
      await table.expectCountersExact();
    } finally {
      await testStore.close();
    }
  });

  it('has no cells_leased index (0026): the reaper finds expired leases through cells_lease_token, and still reaps them', async () => {
    const testStore = await openTestStore('postgres');
    try {
      const clock = new TestClock();
      const table = await QueueFixture.create(testStore.store, clock, { columns: [{ key: 'a' }], rows: 500 });
      const db = testStore.database.db;
      const indexes = await sql<{ indexname: string }>`select indexname from pg_indexes where tablename = 'cells'`.execute(db);
      expect(indexes.rows.map((row) => row.indexname)).not.toContain('cells_leased');
      await table.queue(['a']);
      await table.claim(200);
      await sql`analyze cells`.execute(db);
      const expired = sql`select row_key, column_key from cells where status = 'in_progress' and lease_expires_at < ${clock.now() + 60_000} limit 1000`;
      const nodes = await planOf(db, expired);
      expect(nodes.map((node) => node['Node Type'])).not.toContain('Seq Scan');
      expect(nodes.flatMap((node) => (node['Index Name'] ? [node['Index Name']] : []))).toEqual(['cells_lease_token']);
      clock.advance(60_000);
      const reaped = await table.reap();
      expect(reaped.changedCells).toHaveLength(200);
      expect(await table.claim(1_000)).toHaveLength(500);
      await table.expectCountersExact();
    } finally {
      await testStore.close();
    }
  });
});
