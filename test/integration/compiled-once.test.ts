import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidV7 } from '../../src/domain/uuid-v7.ts';
import type { Database } from '../../src/store/database-schema.ts';
import { compiledOnce } from '../../src/store/kysely/compiled-once.ts';
import { QueueFixture, TestClock } from '../store-conformance/queue-fixture.ts';
import { testBackends } from '../support/backends.ts';
import { openTestStore, type TestStore } from '../support/test-database.ts';

/** A builder statement with a constant the builder turns into a parameter (the kind) beside the call's values. */
const columnsOfKind = (db: Kysely<Database>, tableId: string, position: number) =>
  db
    .selectFrom('columns')
    .select(['key', 'position'])
    .where('table_id', '=', tableId)
    .where('kind', '=', 'agent')
    .where('position', '>=', position)
    .orderBy('position');

describe.each(testBackends())('compiledOnce on %s', (backend) => {
  let testStore: TestStore | undefined;
  afterEach(async () => {
    await testStore?.close();
    testStore = undefined;
  });

  it('answers every call as the builder does, with each call’s values in their places and the constants kept', async () => {
    testStore = await openTestStore(backend);
    const clock = new TestClock();
    const first = await QueueFixture.create(testStore.store, clock, { columns: [{ key: 'a' }, { key: 'b' }, { key: 'c' }], rows: 1 });
    const second = await QueueFixture.create(testStore.store, clock, { columns: [{ key: 'x' }, { key: 'y' }], rows: 1 });
    const db = testStore.database.db;
    const reused = compiledOnce(columnsOfKind);
    const calls: [string, number][] = [
      [first.tableId, 0],
      [second.tableId, 0],
      [first.tableId, 2],
      [second.tableId, 2],
      [uuidV7(), 0],
    ];
    for (const [tableId, position] of calls) {
      const expected = await columnsOfKind(db, tableId, position).execute();
      expect(await reused(db, tableId, position)).toEqual(expected);
    }
    expect((await reused(db, first.tableId, 0)).map((column) => column.key)).toEqual(['a', 'b', 'c']);
    expect((await reused(db, second.tableId, 2)).map((column) => column.key)).toEqual(['y']);
  });

  it('refuses a builder that does not make every value a parameter of its own', async () => {
    testStore = await openTestStore(backend);
    const ignoresItsValue = compiledOnce((db: Kysely<Database>, _tableId: string) => db.selectFrom('columns').select('key'));
    await expect(ignoresItsValue(testStore.database.db, uuidV7())).rejects.toThrow(/every value must become exactly one parameter/);
  });
});
