import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RowPositionDirectory } from '../../src/store/kysely/row-position-directory.ts';
import { testBackends } from '../support/backends.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { tableKeyOf } from '../../src/store/kysely/cell-keys.ts';

/**
 * The position directory on its own, with a small stride and few checkpoints per statement so a
 * few hundred rows need a build of many statements: every offset it answers starts where an
 * OFFSET over the whole table would, across appends, deletes, rows that arrive while it is built,
 * and reads that share one build.
 */
describe.each(testBackends())('Row position directory on %s', (backend) => {
  let server: TestServer;
  let tableId: string;
  const STRIDE = 4;
  const PER_STATEMENT = 3;

  beforeAll(async () => {
    server = await startTestServer(backend);
    tableId = (await server.alice.post('/v1/tables', { kind: 'generic', column_configs: [] })).body.id;
    await append(0, 203);
  });
  afterAll(() => server.close());

  const db = () => server.fathom.database.db;
  async function append(from: number, count: number) {
    const rows = Array.from({ length: count }, (_, index) => ({ data: { input: `r${from + index}` } }));
    expect((await server.alice.post(`/v1/tables/${tableId}/rows`, { rows })).status).toBe(200);
  }
  const seqsInOrder = async () =>
    (await db().selectFrom('rows').select('seq').where('table_key', '=', tableKeyOf(db(), tableId)).orderBy('seq').execute()).map((row) => Number(row.seq));

  /** Every offset in and just past the table: the seek lands on the row an OFFSET would. */
  async function expectEveryOffset(directory: RowPositionDirectory, label: string) {
    const seqs = await seqsInOrder();
    for (let offset = 0; offset < seqs.length + STRIDE * 2; offset += 1) {
      const place = await directory.seek(db(), tableId, offset);
      if (offset < STRIDE) {
        expect(place, `${label} at ${offset}: shallow offsets read from the start`).toBeNull();
      } else if (offset >= seqs.length) {
        // Past the end: no place (the plain query answers empty) or one that leads past every row.
        if (place) expect(seqs.filter((seq) => seq >= place.fromSeq).length, `${label} past the end at ${offset}`).toBeLessThanOrEqual(place.skip);
      } else {
        expect(place, `${label} at ${offset}`).not.toBeNull();
        const start = seqs.indexOf(place!.fromSeq);
        expect(start, `${label} at ${offset}: the checkpoint is a row`).toBeGreaterThanOrEqual(0);
        expect(seqs[start + place!.skip], `${label} at ${offset}`).toBe(seqs[offset]);
        expect(place!.skip, `${label} at ${offset}: walks less than a stride`).toBeLessThan(STRIDE);
      }
    }
  }

  it('answers every offset after a build of many statements, an append and deletes', async () => {
    const directory = new RowPositionDirectory(STRIDE, PER_STATEMENT);
    await expectEveryOffset(directory, 'built');
    await append(203, 9);
    await expectEveryOffset(directory, 'extended');
    const rows = await db().selectFrom('rows').select('id').where('table_key', '=', tableKeyOf(db(), tableId)).orderBy('seq').execute();
    const doomed = [0, 5, 6, 7, 100, 150, rows.length - 1].map((index) => rows[index]!.id);
    expect((await server.alice.delete(`/v1/tables/${tableId}/rows`, { rows: doomed })).status).toBe(200);
    await expectEveryOffset(directory, 'rebuilt after deletes');
  });

  it('leaves rows beyond the table’s recorded last seq to the next extension', async () => {
    // Rows that committed after the (last_row_seq, num_rows) pair was read, as when rows arrive
    // while a directory is being built: counted then, they would be counted again by the extension.
    const directory = new RowPositionDirectory(STRIDE, PER_STATEMENT);
    const table = await db().selectFrom('tables').select(['last_row_seq', 'num_rows']).where('id', '=', tableId).executeTakeFirstOrThrow();
    // The row's integer key (0022) is left for the database to give.
    const { key: _key, ...template } = await db()
      .selectFrom('rows')
      .selectAll()
      .where('table_key', '=', tableKeyOf(db(), tableId))
      .orderBy('seq')
      .limit(1)
      .executeTakeFirstOrThrow();
    const early = Array.from({ length: 7 }, (_, index) => ({
      ...template,
      id: crypto.randomUUID(),
      seq: Number(table.last_row_seq) + 1 + index,
      created_at: Number(template.created_at),
      updated_at: null,
    }));
    await db().insertInto('rows').values(early).execute();
    await directory.seek(db(), tableId, STRIDE);
    await db()
      .updateTable('tables')
      .set({ last_row_seq: Number(table.last_row_seq) + early.length, num_rows: Number(table.num_rows) + early.length })
      .where('id', '=', tableId)
      .execute();
    await expectEveryOffset(directory, 'extended over the early rows');
  });

  it('shares one build between reads that need it at once', async () => {
    const directory = new RowPositionDirectory(STRIDE, PER_STATEMENT);
    const seqs = await seqsInOrder();
    // The build's jumps are its only raw statements; a plugin sees every query before it runs.
    let jumps = 0;
    const counted = db().withPlugin({
      transformQuery: (args) => {
        if (args.node.kind === 'RawNode') jumps += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const deep = seqs.length - 2;
    const places = await Promise.all(Array.from({ length: 5 }, () => directory.seek(counted, tableId, deep)));
    for (const place of places) expect(seqs[seqs.indexOf(place!.fromSeq) + place!.skip]).toBe(seqs[deep]);
    // One build (the first checkpoint, then PER_STATEMENT jumps a statement), not five.
    expect(jumps).toBe(Math.floor((Math.ceil(seqs.length / STRIDE) - 1) / PER_STATEMENT) + 1);
  });
});
