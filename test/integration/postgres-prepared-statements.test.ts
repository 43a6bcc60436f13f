import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { ENGINE_CONNECTION_SETTINGS } from '../../src/store/postgres/engine-connection-settings.ts';
import { claimStatement } from '../../src/store/postgres/postgres-claim-cells.ts';
import { preparedStatementName, preparedStatementPool } from '../../src/store/postgres/prepared-statement-pool.ts';
import { QueueFixture, TestClock } from '../store-conformance/queue-fixture.ts';
import { testBackends } from '../support/backends.ts';
import { createTestDatabase, openTestStore } from '../support/test-database.ts';
import { createStore } from '../../src/store/kysely-store.ts';
import { type DatabaseLocation, openDatabase } from '../../src/store/open-database.ts';

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Subplan Name'?: string;
  Plans?: PlanNode[];
}

function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

describe.skipIf(!testBackends().includes('postgres'))('prepared statements on PostgreSQL', () => {
  let pool: pg.Pool;
  beforeAll(() => {
    // One connection, so every query below runs on the connection whose prepared statements are read.
    pool = new pg.Pool({ connectionString: inject('postgresUrl')!, max: 1 });
  });
  afterAll(async () => {
    await pool.end();
  });

  it('prepares a text from its second use, keeps answering the same, and prepares no more than its cap per connection', async () => {
    const client = await preparedStatementPool(pool, { usesBeforePreparing: 2, maxPerConnection: 2 }).connect();
    const preparedNames = async (marker: number) =>
      (await client.query<{ name: string }>(`select name from pg_prepared_statements where ${marker} = ${marker}`, [])).rows.map((row) => row.name);
    try {
      const doubled = 'select $1::int * 2 as doubled';
      expect((await client.query<{ doubled: number }>(doubled, [2])).rows).toEqual([{ doubled: 4 }]);
      expect(await preparedNames(1)).not.toContain(preparedStatementName(doubled));
      expect((await client.query<{ doubled: number }>(doubled, [3])).rows).toEqual([{ doubled: 6 }]);
      expect(await preparedNames(2)).toContain(preparedStatementName(doubled));
      expect((await client.query<{ doubled: number }>(doubled, [5])).rows).toEqual([{ doubled: 10 }]);

      // A statement that fails keeps failing with PostgreSQL's message, and the connection goes on.
      const broken = 'select $1::int / 0 as never';
      for (let attempt = 0; attempt < 3; attempt += 1) await expect(client.query(broken, [1])).rejects.toThrow(/division by zero/);
      expect((await client.query<{ doubled: number }>(doubled, [7])).rows).toEqual([{ doubled: 14 }]);

      // The cap (2) is reached by now: a third repeated text is sent unnamed, and answers the same.
      const tripled = 'select $1::int * 3 as tripled';
      for (let attempt = 0; attempt < 3; attempt += 1)
        expect((await client.query<{ tripled: number }>(tripled, [attempt])).rows).toEqual([{ tripled: attempt * 3 }]);
      const names = await preparedNames(3);
      expect(names).not.toContain(preparedStatementName(tripled));
      expect(names.filter((name) => name.startsWith('fathom_')).length).toBeLessThanOrEqual(2);
    } finally {
      client.release(true);
    }
  });

  it('closes a connection whose prepared select * a migration changed, so the next use prepares it afresh', async () => {
    const table = `prepared_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const own = new pg.Pool({ connectionString: inject('postgresUrl')!, max: 1 });
    const preparing = preparedStatementPool(own, { usesBeforePreparing: 1 });
    await own.query(`create table ${table} (a int)`);
    await own.query(`insert into ${table} values (1)`);
    try {
      const query = async () => {
        const client = await preparing.connect();
        try {
          return (await client.query<Record<string, number>>(`select * from ${table}`, [])).rows;
        } finally {
          client.release();
        }
      };
      expect(await query()).toEqual([{ a: 1 }]);
      // What a newer release's migration does while this process runs.
      await own.query(`alter table ${table} add column b int not null default 2`);
      await expect(query()).rejects.toThrow(/cached plan must not change result type/);
      expect(await query()).toEqual([{ a: 1, b: 2 }]);
    } finally {
      await own.query(`drop table ${table}`);
      await own.end();
    }
  });

  it('answers through Kysely exactly as an unprepared pool does', async () => {
    const prepared = new Kysely<any>({
      dialect: new PostgresDialect({ pool: preparedStatementPool(new pg.Pool({ connectionString: inject('postgresUrl')!, max: 2 })) }),
    });
    const plain = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: inject('postgresUrl')!, max: 2 }) }) });
    try {
      for (const values of [['a', 'b'], ['c'], ['a', 'b']]) {
        const query = (db: Kysely<any>) =>
          sql<{ item: string; position: string }>`select * from unnest(${values}::text[]) with ordinality as listed(item, position)`.execute(db);
        expect((await query(prepared)).rows).toEqual((await query(plain)).rows);
      }
    } finally {
      await prepared.destroy();
      await plain.destroy();
    }
  });

  it.each([true, false])('the engine prepares its claims on its own connections unless told not to (preparedStatements %s)', async (preparedStatements) => {
    const testDatabase = createTestDatabase('postgres');
    const location = { ...(testDatabase.location as Extract<DatabaseLocation, { engine: 'postgres' }>), poolSize: 1, preparedStatements };
    const database = await openDatabase(location);
    try {
      const store = createStore(database);
      const clock = new TestClock();
      const table = await QueueFixture.create(store, clock, { columns: [{ key: 'a' }], rows: 10 });
      await table.queue(['a']);
      for (let claim = 0; claim < 3; claim += 1) expect(await table.claim(2)).toHaveLength(2);
      // One engine connection (poolSize 1): the statements it prepared are the ones listed here.
      const prepared = await sql<{ name: string }>`select name from pg_prepared_statements`.execute(database.engineDb);
      const names = prepared.rows.map((row) => row.name).filter((name) => name.startsWith('fathom_'));
      if (preparedStatements) expect(names.length).toBeGreaterThan(0);
      else expect(names).toEqual([]);
      await table.expectCountersExact();
    } finally {
      await database.close();
      await testDatabase.drop();
    }
  });

  /**
   * Why the engine's connections price sequential scans out (ENGINE_CONNECTION_SETTINGS): a
   * prepared claim keeps the plan it was first given, and a claim first run on an empty table
   * (every worker polls from its start) was given a sequential scan and a sort. The same claim,
   * prepared on an empty table and explained once 3,000 cells are queued, must still pick
   * through cells_ready_queue and find the picked cells by ctid, on a plan made once.
   */
  it('keeps an index plan for a claim prepared on an empty table once the table fills', async () => {
    const testStore = await openTestStore('postgres');
    const location = testStore.location as { connectionString: string; schema: string };
    const connect = async (settings: string) => {
      const client = new pg.Client({ connectionString: location.connectionString, options: `-c search_path="${location.schema}" ${settings}` });
      await client.connect();
      return client;
    };
    const engine = await connect(ENGINE_CONNECTION_SETTINGS);
    const withoutIndexGuard = await connect('-c plan_cache_mode=force_generic_plan');
    try {
      const clock = new TestClock();
      const claim = claimStatement({ limit: 128, leaseToken: 'plan-test', leaseExpiresAt: clock.now() + 60_000, now: clock.iso(), nowMs: clock.now() }).compile(
        testStore.database.db,
      );
      for (const client of [engine, withoutIndexGuard]) {
        // Nothing is queued yet: the claim takes nothing, and the connection keeps its plan.
        for (let poll = 0; poll < 3; poll += 1)
          expect((await client.query({ name: 'claim', text: claim.sql, values: [...claim.parameters] })).rows).toEqual([]);
      }
      const table = await QueueFixture.create(testStore.store, clock, { columns: [{ key: 'a' }], rows: 3_000 });
      await table.queue(['a']);

      const planOn = async (client: pg.Client) => {
        const literals = claim.parameters.map((value) => client.escapeLiteral(String(value)));
        const result = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`explain (format json) execute claim(${literals.join(', ')})`);
        const kept = await client.query<{ generic_plans: string; custom_plans: string }>(
          `select generic_plans, custom_plans from pg_prepared_statements where name = 'claim'`,
        );
        return { nodes: nodesOf(result.rows[0]!['QUERY PLAN'][0].Plan), kept: kept.rows[0]! };
      };
      const { nodes, kept } = await planOn(engine);
      expect(Number(kept.custom_plans)).toBe(0);
      const types = nodes.map((node) => node['Node Type']);
      expect(types).not.toContain('Seq Scan');
      expect(types).toContain('Tid Scan');
      // The pick (the InitPlan that locks the ready cells) reads them in the index's order, unsorted.
      const pick = nodes.find((node) => node['Subplan Name']?.startsWith('InitPlan') && nodesOf(node).some((inner) => inner['Node Type'] === 'LockRows'))!;
      const pickNodes = nodesOf(pick);
      expect(pickNodes.map((node) => node['Node Type'])).not.toContain('Sort');
      expect(pickNodes.flatMap((node) => (node['Index Name'] ? [node['Index Name']] : []))).toEqual(['cells_ready_queue']);
      // The same plan made without the guard: what the guard is there for.
      expect((await planOn(withoutIndexGuard)).nodes.map((node) => node['Node Type'])).toContain('Seq Scan');

      // And the prepared claim on the engine's settings takes the cells.
      const taken = await engine.query({ name: 'claim', text: claim.sql, values: [...claim.parameters] });
      expect(taken.rows).toHaveLength(128);
      await table.expectCountersExact();
    } finally {
      await engine.end();
      await withoutIndexGuard.end();
      await testStore.close();
    }
  });
});
