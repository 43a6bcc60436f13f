import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RowPageRequest, RowPosition } from '../../src/domain/row-query.ts';
import type { Database } from '../../src/store/database-schema.ts';
import { postgresAnswers, sqliteAnswers } from '../../src/store/kysely/answer-expressions.ts';
import { filteredRows, hasFewLookupMatches, sortGroupPageQuery } from '../../src/store/kysely/row-page-queries.ts';
import { tableKeyOf } from '../../src/store/kysely/cell-keys.ts';
import { openDatabase } from '../../src/store/open-database.ts';
import { toLayoutBefore0022 } from '../support/layout-before-0022.ts';
import { testBackends, type Backend } from '../support/backends.ts';
import { writeCell } from '../support/cell-writes.ts';
import { createTestDatabase } from '../support/test-database.ts';
import { serveExistingDatabase, startTestServer, type TestServer } from '../support/test-server.ts';

/**
 * Sorted pages read from the sort-key index (migration 0016): its expressions must match the
 * queries' or the planner falls back to reading every row; pages cut across ties, the three sort
 * groups and empty cells without losing or repeating a row; the keys follow every change of a
 * value; and a database that existed before 0016 gets the index built over its values.
 */
describe.each(testBackends())('Sorted pages from the sort-key index on %s', (backend) => {
  let server: TestServer;
  let tableId: string;
  let scoreColumnId: string;
  // Ties (7 × 3, 2 × 4), both groups with values, letter case, and empty cells in the middle.
  const scores: (number | string | null)[] = [];
  for (let index = 0; index < 40; index += 1) {
    const kinds: (number | string | null)[] = [7, 2, 'beta', null, 7, 'Alpha', 2.5, 'alpha', null, 7, -3, 'BETA', 2, 2, 'gamma', null, 1e6, 0];
    scores.push(kinds[index % kinds.length]!);
  }

  beforeAll(async () => {
    server = await startTestServer(backend);
    const table = (
      await server.alice.post('/v1/tables', {
        kind: 'generic',
        column_configs: [
          { kind: 'input', name: 'Score', key: 'score' },
          { kind: 'input', name: 'Notes', key: 'notes' },
        ],
      })
    ).body;
    tableId = table.id;
    const rows = scores.map((score, index) => ({
      data: { input: `row-${index}`, notes: index % 3 === 0 ? 'keep' : 'skip', ...(score === null ? {} : { score }) },
    }));
    expect((await server.alice.post(`/v1/tables/${tableId}/rows`, { rows })).status).toBe(200);
    const columns = await server.fathom.database.db.selectFrom('columns').select(['id', 'key']).where('table_id', '=', tableId).execute();
    scoreColumnId = columns.find((column) => column.key === 'score')!.id;
  });
  afterAll(() => server.close());

  const read = (parameters: Record<string, string>) => server.alice.get(`/v1/tables/${tableId}/data?${new URLSearchParams(parameters)}`);
  const inputsOf = (body: any): string[] => body.rows.map((row: any) => row.data.input.value);

  /** The documented order, computed here: numbers, then text (lower-cased, byte order), then empty; ties in table order. */
  function expectedOrder(values: (number | string | null)[], descending: boolean, keep: (index: number) => boolean = () => true): string[] {
    const rank = (value: number | string | null): [number, number, string] =>
      typeof value === 'number' ? [0, value, ''] : value === null || value === '' ? [2, 0, ''] : [1, 0, value.toLowerCase()];
    const sign = descending ? -1 : 1;
    return values
      .map((value, index) => ({ index, key: rank(value) }))
      .filter(({ index }) => keep(index))
      .sort((left, right) => {
        if (left.key[0] !== right.key[0]) return left.key[0] - right.key[0];
        if (left.key[1] !== right.key[1]) return sign * (left.key[1] - right.key[1]);
        if (left.key[2] !== right.key[2]) return sign * (left.key[2] < right.key[2] ? -1 : 1);
        return left.index - right.index;
      })
      .map(({ index }) => `row-${index}`);
  }

  it('walks ties, both sort groups and empty cells with next_cursor, every row exactly once and in order, both ways', async () => {
    for (const descending of [false, true]) {
      for (const filter of [undefined, JSON.stringify([{ column: 'notes', equals: 'keep' }])]) {
        const parameters: Record<string, string> = { sort: descending ? '-score' : 'score', limit: '3' };
        if (filter) parameters.filter = filter;
        const walked: string[] = [];
        let cursor: string | null = null;
        for (let page = 0; page < 30; page += 1) {
          const response = await read(cursor ? { ...parameters, cursor } : parameters);
          expect(response.status).toBe(200);
          walked.push(...inputsOf(response.body));
          cursor = response.body.next_cursor;
          if (!cursor) break;
        }
        const expected = expectedOrder(scores, descending, filter ? (index) => index % 3 === 0 : undefined);
        expect(walked, `${parameters.sort} ${filter ?? ''}`).toEqual(expected);
      }
    }
  });

  it('answers offsets that start inside one sort group and end in the next', async () => {
    const expected = expectedOrder(scores, true);
    for (const offset of [0, 5, 19, 22, 30, 36, 39, 45]) {
      const response = await read({ sort: '-score', offset: String(offset), limit: '6' });
      expect(inputsOf(response.body), `offset ${offset}`).toEqual(expected.slice(offset, offset + 6));
    }
  });

  it('orders by the new value after an input edit, an answer written to a computed cell, and a value cleared', async () => {
    const rows = (await read({ limit: '100' })).body.rows as { id: string; data: { input: { value: string } } }[];
    const idOf = (input: string) => rows.find((row) => row.data.input.value === input)!.id;
    const values = [...scores];
    values[3] = 1e9; // was empty: now the largest number
    values[0] = 'aardvark'; // was a number: now the first text
    values[16] = null; // was 1e6: now empty (JSON null)
    const response = await server.alice.patch(`/v1/tables/${tableId}/rows`, {
      rows: [
        { id: idOf('row-3'), data: { score: 1e9 } },
        { id: idOf('row-0'), data: { score: 'aardvark' } },
        { id: idOf('row-16'), data: { score: null } },
      ],
    });
    expect(response.status).toBe(200);
    expect(inputsOf((await read({ sort: '-score', limit: '100' })).body)).toEqual(expectedOrder(values, true));
    expect(inputsOf((await read({ sort: 'score', limit: '100' })).body)).toEqual(expectedOrder(values, false));

    // A computed column's answers, written as the engine writes them (value.answer), sort too.
    const computed = (
      await server.alice.post(`/v1/tables/${tableId}/columns`, {
        column_configs: [{ kind: 'agent', name: 'Size', key: 'size', value: { agent_type: 'llm', prompt: 'Size of {input}', output_format: 'numeric' } }],
      })
    ).body;
    const sizeColumnId = (
      await server.fathom.database.db.selectFrom('columns').select('id').where('table_id', '=', tableId).where('key', '=', 'size').executeTakeFirstOrThrow()
    ).id;
    expect(computed).toBeTruthy();
    const sizes = rows.map((_, index) => (index % 4 === 1 ? null : (index * 13) % 7));
    for (const [index, size] of sizes.entries()) {
      if (size === null) continue;
      await writeCell(server.fathom.database.db, idOf(`row-${index}`), sizeColumnId, {
        status: 'done',
        value: JSON.stringify({ answer: size, source: [], explanation: 'test' }),
      });
    }
    expect(inputsOf((await read({ sort: '-size', limit: '100' })).body)).toEqual(expectedOrder(sizes, true));
  });

  it('stores, sorts and filters a value holding U+0000 (kept as sent; jsonb cannot hold it, and the index must not refuse the write)', async () => {
    const table = (await server.alice.post('/v1/tables', { kind: 'generic', column_configs: [{ kind: 'input', name: 'Score', key: 'score' }] })).body;
    const rows = [{ data: { input: 'nul', score: 'a\u0000b' } }, { data: { input: 'plain', score: 'abc' } }, { data: { input: 'number', score: 4 } }];
    expect((await server.alice.post(`/v1/tables/${table.id}/rows`, { rows })).status).toBe(200);
    const sorted = await server.alice.get(`/v1/tables/${table.id}/data?sort=score`);
    expect(sorted.status).toBe(200);
    expect(inputsOf(sorted.body)).toHaveLength(3);
    expect(inputsOf(sorted.body).slice(0, 2)).toEqual(['number', backend === 'sqlite' ? 'nul' : 'plain']);
    expect(sorted.body.rows.find((row: any) => row.data.input.value === 'nul').data.score.value).toBe('a\u0000b');
    const filtered = await server.alice.get(
      `/v1/tables/${table.id}/data?${new URLSearchParams({ filter: JSON.stringify([{ column: 'score', contains: 'ab' }]) })}`,
    );
    expect(filtered.status).toBe(200);
    expect(inputsOf(filtered.body)).toEqual(['plain']);
  });

  it('reads sorted pages from the sort-key index on both engines, before and after the cursor, in both sort groups', async () => {
    const db = server.fathom.database.db;
    for (const descending of [false, true]) {
      const sort = { columnId: scoreColumnId, descending };
      const request: RowPageRequest = { tableId, conditions: [], search: null, sort, after: null, offset: 0, limit: 100 };
      const afters: [0 | 1, RowPosition | null][] = [
        [0, null],
        [1, null],
        [0, { seq: 3, sortKey: { group: 0, number: 2, text: '' } }],
        [1, { seq: 3, sortKey: { group: 1, number: 0, text: 'beta' } }],
      ];
      for (const [group, after] of afters) {
        const plan = await explain(
          db,
          backend,
          sortGroupPageQuery(db, backend === 'sqlite' ? sqliteAnswers : postgresAnswers, request, sort, group, after, 100).compile(),
        );
        expect(plan, `group ${group} ${descending ? 'desc' : 'asc'} after ${after ? 'cursor' : 'start'}:\n${plan}`).toContain('cells_sort_keys');
        // Read in index order: nothing is sorted, so a page stops after its rows.
        expect(plan).not.toMatch(backend === 'sqlite' ? /TEMP B-TREE/ : /Sort/);
      }
    }
  });
});

/**
 * `equals` read from the sort-key index: the rows whose cell has the needle's sort key, tested
 * exactly, instead of a test of every row's cell. It must find exactly the rows the test of every
 * row finds (letter case, numbers, keys cut at 500 characters, Unicode folding, lists, booleans,
 * computed answers), and the plan must read the index.
 */
describe.each(testBackends())('Equals from the sort-key index on %s', (backend) => {
  let server: TestServer;
  let tableId: string;
  const columnIds: Record<string, string> = {};
  const long = 'a'.repeat(600);
  const names: unknown[] = [
    'Acme',
    'ACME',
    'acme ',
    'Acmé',
    '42',
    42,
    2.5,
    '',
    long,
    `${long}b`,
    'MÜLLER',
    'Müller',
    '\u212Aey',
    'key',
    true,
    ['b2b', 'saas'],
    null,
    'acme',
  ];
  const answers = backend === 'sqlite' ? sqliteAnswers : postgresAnswers;

  beforeAll(async () => {
    server = await startTestServer(backend);
    const table = (
      await server.alice.post('/v1/tables', {
        kind: 'generic',
        column_configs: [
          { kind: 'input', name: 'Name', key: 'name' },
          { kind: 'agent', name: 'Answer', key: 'answer', value: { agent_type: 'llm', prompt: 'Name of {input}', output_format: 'text' } },
        ],
      })
    ).body;
    tableId = table.id;
    const rows = names.map((name, index) => ({ data: { input: `row-${index}`, ...(name === null ? {} : { name }) } }));
    expect((await server.alice.post(`/v1/tables/${tableId}/rows`, { rows })).status).toBe(200);
    const db = server.fathom.database.db;
    for (const column of await db.selectFrom('columns').select(['id', 'key']).where('table_id', '=', tableId).execute()) columnIds[column.key] = column.id;
    // The computed column holds the same values as answers (value.answer), as the engine writes them.
    const rowIds = (await db.selectFrom('rows').select('id').where('table_key', '=', tableKeyOf(db, tableId)).orderBy('seq').execute()).map((row) => row.id);
    for (const [index, rowId] of rowIds.entries()) {
      await writeCell(db, rowId, columnIds.answer!, { status: 'done', value: JSON.stringify({ answer: names[index], source: [], explanation: 'test' }) });
    }
  });
  afterAll(() => server.close());

  /** With `isLookup`, the rows the sort index finds; without, every row's cell tested, as before the index was used. */
  const matches = async (isLookup: boolean, column: string, value: string): Promise<string[]> => {
    const request = { tableId, conditions: [{ kind: 'equals' as const, columnId: columnIds[column]!, value }], search: null };
    const rows = await filteredRows(server.fathom.database.db, answers, request, isLookup).orderBy('r.seq').execute();
    return rows.map((row) => String(row.id));
  };

  it('finds exactly the rows that testing every row finds, on input and computed columns', async () => {
    const needles = [
      'acme',
      'ACME',
      'Acme ',
      'acmé',
      '42',
      '2.5',
      '',
      long,
      'a'.repeat(500),
      `${long}B`,
      'müller',
      'key',
      'true',
      '1',
      'e',
      '["b2b","saas"]',
      '["b2b", "saas"]',
      'nothing',
    ];
    let found = 0;
    for (const column of ['name', 'answer']) {
      for (const needle of needles) {
        const fromIndex = await matches(true, column, needle);
        expect(fromIndex, `${column} equals ${JSON.stringify(needle).slice(0, 40)}`).toEqual(await matches(false, column, needle));
        found += fromIndex.length;
      }
    }
    expect(found).toBeGreaterThan(10);
    // Over the API: letter case ignored, the whole text compared (not its first 500 characters).
    const read = async (filter: unknown[]) =>
      (await server.alice.get(`/v1/tables/${tableId}/data?${new URLSearchParams({ filter: JSON.stringify(filter) })}`)).body.rows.map(
        (row: any) => row.data.input.value,
      );
    expect(await read([{ column: 'name', equals: 'ACME' }])).toEqual(['row-0', 'row-1', 'row-17']);
    expect(await read([{ column: 'answer', equals: 'acme' }])).toEqual(['row-0', 'row-1', 'row-17']);
    expect(await read([{ column: 'name', equals: long }])).toEqual(['row-8']);
    expect(await read([{ column: 'name', equals: 'a'.repeat(500) }])).toEqual([]);
    expect(await read([{ column: 'name', equals: 'müller' }])).toEqual(['row-10', 'row-11']);
    expect(await read([{ column: 'answer', equals: 42 }])).toEqual(['row-4', 'row-5']);
  });

  it('tests "not run" and "empty" with one probe of each row\'s cell, not a pass over the column', async () => {
    const db = server.fathom.database.db;
    for (const condition of [
      { kind: 'status' as const, columnId: columnIds.answer!, status: 'not_run' as const },
      { kind: 'status' as const, columnId: null, status: 'not_run' as const },
      { kind: 'empty' as const, columnId: columnIds.name! },
    ]) {
      const plan = await explain(
        db,
        backend,
        filteredRows(db, answers, { tableId, conditions: [condition], search: null }, false)
          .orderBy('r.seq')
          .limit(100)
          .compile(),
      );
      // PostgreSQL hashed "exists … or not exists …" over every cell of the column at 1,000,000 rows
      // (not on a table this small): no OR of subqueries is left for it to choose that for.
      expect(plan, plan).not.toMatch(/hashed SubPlan|LIST SUBQUERY|SubPlan \d+\)* OR /);
    }
  });

  it('looks rows up only when the value is rare: fewer matches than the limit, counted in the index', async () => {
    const db = server.fathom.database.db;
    const equals = (value: string) => ({ tableId, conditions: [{ kind: 'equals' as const, columnId: columnIds.name!, value }], search: null });
    // "acme" is in three rows (Acme, ACME, acme).
    expect(await hasFewLookupMatches(db, answers, equals('acme'), 10)).toBe(true);
    expect(await hasFewLookupMatches(db, answers, equals('acme'), 3)).toBe(false);
    expect(await hasFewLookupMatches(db, answers, equals('nothing'), 1)).toBe(true);
    // No key to look up: a number's text, or (SQLite) a letter beyond ASCII.
    expect(await hasFewLookupMatches(db, answers, equals('42'), 10)).toBe(false);
    expect(await hasFewLookupMatches(db, answers, { tableId, conditions: [], search: null }, 10)).toBe(false);
  });

  it('reads the rows from the sort-key index, and then only those rows by key', async () => {
    const db = server.fathom.database.db;
    const request = { tableId, conditions: [{ kind: 'equals' as const, columnId: columnIds.name!, value: 'Acme' }], search: null };
    const plan = await explain(db, backend, filteredRows(db, answers, request, true).orderBy('r.seq').limit(100).compile());
    expect(plan, plan).toContain('cells_sort_keys');
    // Not every row of the table in order, each probed against the rows found.
    expect(plan, plan).not.toContain('rows_table_seq');
  });
});

/**
 * The plan of a compiled query. On PostgreSQL with sequential scans priced out, because for a
 * 40-row table one is cheaper than any index: what is checked is that the planner can serve the
 * order from the index (the expressions match), as it picks at 100,000 rows.
 */
async function explain(db: Kysely<Database>, backend: Backend, query: { sql: string; parameters: readonly unknown[] }): Promise<string> {
  if (backend === 'sqlite') {
    const result = await db.executeQuery<{ detail: string }>({
      ...query,
      sql: `explain query plan ${query.sql}`,
      query: query as never,
      queryId: { queryId: 'plan' },
    } as never);
    return result.rows.map((row) => row.detail).join('\n');
  }
  return db.connection().execute(async (connection) => {
    await sql`set enable_seqscan = off`.execute(connection);
    try {
      const result = await connection.executeQuery<{ 'QUERY PLAN': string }>({
        ...query,
        sql: `explain ${query.sql}`,
        query: query as never,
        queryId: { queryId: 'plan' },
      } as never);
      return result.rows.map((row) => row['QUERY PLAN']).join('\n');
    } finally {
      await sql`reset enable_seqscan`.execute(connection);
    }
  });
}

describe.each(testBackends())('Migration 0016 on an existing %s database', (backend) => {
  it('builds the sort-key index over the values already stored, and sorts them by it', async () => {
    const database = createTestDatabase(backend);
    const open = () => serveExistingDatabase(database.location);
    try {
      const first = await open();
      const table = (await first.client.post('/v1/tables', { kind: 'generic', column_configs: [{ kind: 'input', name: 'Score', key: 'score' }] })).body;
      const values = [5, 'b', 3, null, 'A', 5, 9];
      const rows = values.map((score, index) => ({ data: { input: `row-${index}`, ...(score === null ? {} : { score }) } }));
      expect((await first.client.post(`/v1/tables/${table.id}/rows`, { rows })).status).toBe(200);
      await first.close();

      // Make it a database from before 0016: no index, no record of the migration (in the layout
      // before 0022, integer cell keys, which then rebuilds the index on the column key).
      const raw = await openDatabase(database.location);
      await toLayoutBefore0022(raw.db, backend);
      await sql`drop index cells_sort_keys`.execute(raw.db);
      await sql`delete from kysely_migration where name = '0016-cell-sort-keys'`.execute(raw.db);
      expect(await indexExists(raw.db, backend)).toBe(false);
      await raw.close();

      const second = await open();
      try {
        expect(await indexExists(second.fathom.database.db, backend)).toBe(true);
        const sorted = (await second.client.get(`/v1/tables/${table.id}/data?sort=-score`)).body.rows.map((row: any) => row.data.input.value);
        expect(sorted).toEqual(['row-6', 'row-0', 'row-5', 'row-2', 'row-1', 'row-4', 'row-3']);
      } finally {
        await second.close();
      }
    } finally {
      await database.drop();
    }
  });
});

async function indexExists(db: Kysely<Database>, backend: Backend): Promise<boolean> {
  const result =
    backend === 'sqlite'
      ? await sql`select name from sqlite_master where type = 'index' and name = 'cells_sort_keys'`.execute(db)
      : await sql`select indexname from pg_indexes where indexname = 'cells_sort_keys' and schemaname = current_schema()`.execute(db);
  return result.rows.length === 1;
}
