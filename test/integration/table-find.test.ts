import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends.ts';
import { writeCell } from '../support/cell-writes.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { tableKeyOf } from '../../src/store/kysely/cell-keys.ts';

/**
 * Find on the data read (extension): filters by status and value, search, sort and cursors,
 * executed in SQL on both databases, with 422s for what a client got wrong.
 */
describe.each(testBackends())('Find rows on %s', (backend) => {
  let server: TestServer;
  let tableId: string;
  const ROWS = 60;
  const industries = ['Fintech', 'Retail', 'Health'];

  beforeAll(async () => {
    server = await startTestServer(backend);
    const table = (
      await server.alice.post('/v1/tables', {
        kind: 'generic',
        column_configs: [
          { kind: 'input', name: 'Notes', key: 'notes' },
          {
            kind: 'agent',
            name: 'Industry',
            key: 'industry',
            value: { agent_type: 'llm', prompt: 'Industry of {input}', output_format: 'select', labels: industries },
          },
          { kind: 'agent', name: 'Employees', key: 'employees', value: { agent_type: 'llm', prompt: 'Employees of {input}', output_format: 'numeric' } },
          { kind: 'agent', name: 'Founded', key: 'founded', value: { agent_type: 'llm', prompt: 'Founded {input}', output_format: 'date' } },
          {
            kind: 'agent',
            name: 'Tags',
            key: 'tags',
            value: { agent_type: 'llm', prompt: 'Tags {input}', output_format: 'multiselect', labels: ['b2b', 'b2c', 'saas'] },
          },
        ],
      })
    ).body;
    tableId = table.id;
    const rows = Array.from({ length: ROWS }, (_, index) => ({
      data: { input: `company-${index}.test`, notes: index % 10 === 0 ? 'Bank partner' : `note ${index}` },
    }));
    await server.alice.post(`/v1/tables/${tableId}/rows`, { rows });
    const { db } = server.fathom.database;
    const columns = await db.selectFrom('columns').select(['id', 'key']).where('table_id', '=', tableId).execute();
    const columnId = (key: string) => columns.find((column) => column.key === key)!.id;
    const rowIds = (await db.selectFrom('rows').select(['id', 'seq']).where('table_key', '=', tableKeyOf(db, tableId)).orderBy('seq').execute()).map(
      (row) => row.id,
    );
    const answer = (value: unknown) => JSON.stringify({ answer: value, source: [], explanation: 'test' });
    for (const [index, rowId] of rowIds.entries()) {
      const set = async (key: string, patch: { status: string; value: string | null; error?: string | null }) => writeCell(db, rowId, columnId(key), patch);
      await set(
        'industry',
        index % 7 === 3 ? { status: 'failed', value: null, error: 'model said no' } : { status: 'done', value: answer(industries[index % 3]) },
      );
      // Employees: row i has (i * 37) % 101 employees, "Not found" every 9th row, and nothing computed every 11th.
      if (index % 11 === 5) continue;
      await set('employees', { status: 'done', value: answer(index % 9 === 4 ? 'Not found' : (index * 37) % 101) });
      await set('founded', { status: 'done', value: answer(`${2000 + (index % 20)}-0${1 + (index % 9)}-15`) });
      await set('tags', { status: 'done', value: answer(index % 2 === 0 ? ['b2b', 'saas'] : ['b2c']) });
    }
  });
  afterAll(() => server.close());

  const read = async (parameters: Record<string, string>) => {
    const search = new URLSearchParams(parameters);
    return server.alice.get(`/v1/tables/${tableId}/data?${search}`);
  };
  const inputsOf = (body: any): string[] => body.rows.map((row: any) => row.data.input.value);
  const indexOf = (input: string) => Number(input.replace('company-', '').replace('.test', ''));
  const all = Array.from({ length: ROWS }, (_, index) => index);

  it('filters by cell status on one column and on any column (the toolbar\'s "failed cells")', async () => {
    const failed = all.filter((index) => index % 7 === 3);
    const byColumn = await read({ filter: JSON.stringify([{ column: 'industry', status: 'failed' }]) });
    expect(byColumn.status).toBe(200);
    expect(inputsOf(byColumn.body).map(indexOf)).toEqual(failed);
    const anyColumn = await read({ filter: JSON.stringify([{ status: 'failed' }]) });
    expect(inputsOf(anyColumn.body).map(indexOf)).toEqual(failed);
    const notRun = await read({ filter: JSON.stringify([{ column: 'employees', status: 'not_run' }]) });
    expect(inputsOf(notRun.body).map(indexOf)).toEqual(all.filter((index) => index % 11 === 5));
  });

  it('filters by value: contains, equals, one of the labels, numeric and date ranges, "Not found", empty', async () => {
    const contains = await read({ filter: JSON.stringify([{ column: 'notes', contains: 'bank' }]) });
    expect(inputsOf(contains.body).map(indexOf)).toEqual(all.filter((index) => index % 10 === 0));
    const equals = await read({ filter: JSON.stringify([{ column: 'industry', equals: 'retail' }]) });
    expect(inputsOf(equals.body).map(indexOf)).toEqual(all.filter((index) => index % 3 === 1 && index % 7 !== 3));
    const oneOf = await read({ filter: JSON.stringify([{ column: 'industry', one_of: ['Fintech', 'Health'] }]) });
    expect(inputsOf(oneOf.body).map(indexOf)).toEqual(all.filter((index) => index % 3 !== 1 && index % 7 !== 3));
    const tags = await read({ filter: JSON.stringify([{ column: 'tags', one_of: ['saas'] }]) });
    expect(inputsOf(tags.body).map(indexOf)).toEqual(all.filter((index) => index % 2 === 0 && index % 11 !== 5));
    const computed = (index: number) => index % 11 !== 5 && index % 9 !== 4;
    const range = await read({ filter: JSON.stringify([{ column: 'employees', min: 20, max: 50 }]) });
    expect(inputsOf(range.body).map(indexOf)).toEqual(all.filter((index) => computed(index) && (index * 37) % 101 >= 20 && (index * 37) % 101 <= 50));
    const dates = await read({ filter: JSON.stringify([{ column: 'founded', min: '2005', max: '2007-02' }]) });
    const founded = (index: number) => `${2000 + (index % 20)}-0${1 + (index % 9)}-15`;
    expect(inputsOf(dates.body).map(indexOf)).toEqual(
      all.filter((index) => index % 11 !== 5 && founded(index) >= '2005' && founded(index).slice(0, 7) <= '2007-02'),
    );
    const notFound = await read({ filter: JSON.stringify([{ column: 'employees', not_found: true }]) });
    expect(inputsOf(notFound.body).map(indexOf)).toEqual(all.filter((index) => index % 9 === 4 && index % 11 !== 5));
    const empty = await read({ filter: JSON.stringify([{ column: 'founded', empty: true }]) });
    expect(inputsOf(empty.body).map(indexOf)).toEqual(all.filter((index) => index % 11 === 5));
  });

  it('combines conditions with search, and searches answers of every column', async () => {
    const combined = await read({
      filter: JSON.stringify([
        { column: 'industry', equals: 'Fintech' },
        { column: 'tags', one_of: ['saas'] },
      ]),
      q: 'partner',
    });
    expect(inputsOf(combined.body).map(indexOf)).toEqual(
      all.filter((index) => index % 3 === 0 && index % 7 !== 3 && index % 2 === 0 && index % 11 !== 5 && index % 10 === 0),
    );
    const counted = await read({ q: 'HEALTH', limit: '2', count: 'true' });
    expect(counted.body.num_matching_rows).toBe(all.filter((index) => index % 3 === 2 && index % 7 !== 3).length);
    expect(counted.body.rows).toHaveLength(2);
    const search = await read({ q: 'HEALTH' });
    expect(inputsOf(search.body).map(indexOf)).toEqual(all.filter((index) => index % 3 === 2 && index % 7 !== 3));
    const byName = await read({ q: 'company-42.' });
    expect(inputsOf(byName.body)).toEqual(['company-42.test']);
  });

  it('sorts by any column (numbers, then text, then empty; ties in table order), both ways', async () => {
    const ascending = inputsOf((await read({ sort: 'employees' })).body).map(indexOf);
    const employees = (index: number) => (index % 11 === 5 ? null : index % 9 === 4 ? 'Not found' : (index * 37) % 101);
    const rank = (index: number) => {
      const value = employees(index);
      return typeof value === 'number' ? [0, value, ''] : value === null ? [2, 0, ''] : [1, 0, value.toLowerCase()];
    };
    const compare = (descending: boolean) => (left: number, right: number) => {
      const [a, b] = [rank(left), rank(right)] as [[number, number, string], [number, number, string]];
      if (a[0] !== b[0]) return a[0] - b[0];
      const sign = descending ? -1 : 1;
      if (a[1] !== b[1]) return sign * (a[1] - b[1]);
      if (a[2] !== b[2]) return sign * (a[2] < b[2] ? -1 : 1);
      return left - right;
    };
    expect(ascending).toEqual([...all].sort(compare(false)));
    const descending = inputsOf((await read({ sort: '-employees' })).body).map(indexOf);
    expect(descending).toEqual([...all].sort(compare(true)));
    const byText = inputsOf((await read({ sort: 'industry', filter: JSON.stringify([{ column: 'industry', status: 'done' }]) })).body).map(indexOf);
    expect(byText.map((index) => industries[index % 3])).toEqual([...byText.map((index) => industries[index % 3]!)].sort());
  });

  it('walks a sorted, filtered table page by page with next_cursor, with nothing skipped or repeated', async () => {
    for (const sort of ['-employees', 'industry', undefined]) {
      const parameters: Record<string, string> = { limit: '7', filter: JSON.stringify([{ column: 'notes', contains: 'note' }]) };
      if (sort) parameters.sort = sort;
      const whole = inputsOf((await read({ ...parameters, limit: '1000' })).body);
      const walked: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 20; page += 1) {
        const response = await read(cursor ? { ...parameters, cursor } : parameters);
        expect(response.status).toBe(200);
        walked.push(...inputsOf(response.body));
        cursor = response.body.next_cursor;
        if (!cursor) break;
      }
      expect(walked, String(sort)).toEqual(whole);
      expect(whole).toHaveLength(all.filter((index) => index % 10 !== 0).length);
    }
  });

  it('422 with loc for unknown filter fields and keys, bad JSON, a bad sort, and a cursor of another query', async () => {
    const unknownField = await read({ filter: JSON.stringify([{ column: 'industry', startswith: 'Fin' }]) });
    expect(unknownField.status).toBe(422);
    expect(unknownField.body.detail[0]).toMatchObject({ loc: ['query', 'filter', 0, 'startswith'], type: 'extra_forbidden' });
    const unknownKey = await read({ filter: JSON.stringify([{ column: 'ghost', contains: 'x' }]) });
    expect(unknownKey.body.detail[0].loc).toEqual(['query', 'filter', 0, 'column']);
    const twoOperators = await read({ filter: JSON.stringify([{ column: 'industry', contains: 'a', equals: 'b' }]) });
    expect(twoOperators.status).toBe(422);
    const badStatus = await read({ filter: JSON.stringify([{ status: 'broken' }]) });
    expect(badStatus.body.detail[0].loc).toEqual(['query', 'filter', 0, 'status']);
    const badJson = await read({ filter: '[{' });
    expect(badJson.body.detail[0].loc).toEqual(['query', 'filter']);
    const badSort = await read({ sort: '-ghost' });
    expect(badSort.body.detail[0].loc).toEqual(['query', 'sort']);
    const first = await read({ limit: '5', sort: 'employees' });
    const otherQuery = await read({ limit: '5', sort: 'industry', cursor: first.body.next_cursor });
    expect(otherQuery.status).toBe(422);
    expect(otherQuery.body.detail[0].loc).toEqual(['query', 'cursor']);
    const garbage = await read({ limit: '5', cursor: 'not-a-cursor' });
    expect(garbage.body.detail[0].loc).toEqual(['query', 'cursor']);
  });

  it('saves named views per table, replaces one saved again under its name, and deletes them', async () => {
    const query = { filter: [{ column: 'industry', status: 'failed' }], sort: '-employees', q: 'note', columns: ['input', 'industry'] };
    const saved = await server.alice.post(`/v1/tables/${tableId}/views`, { name: 'Failed industries', query });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ name: 'Failed industries', query });
    const again = await server.alice.post(`/v1/tables/${tableId}/views`, { name: 'Failed industries', query: { ...query, q: null } });
    expect(again.body.id).toBe(saved.body.id);
    await server.alice.post(`/v1/tables/${tableId}/views`, { name: 'All', query: {} });
    const list = (await server.alice.get(`/v1/tables/${tableId}/views`)).body;
    expect(list.map((view: any) => view.name)).toEqual(['All', 'Failed industries']);
    expect(list[1].query.q).toBeNull();
    expect(list[0].query.filter).toEqual([]);
    const bad = await server.alice.post(`/v1/tables/${tableId}/views`, { name: 'Bad', query: { filter: [{ column: 'ghost', contains: 'x' }], sort: 'nope' } });
    expect(bad.status).toBe(422);
    expect(bad.body.detail.map((issue: any) => issue.loc)).toEqual([
      ['body', 'query', 'filter', 0, 'column'],
      ['body', 'query', 'sort'],
    ]);
    expect((await server.bob.get(`/v1/tables/${tableId}/views`)).status).toBe(404);
    expect((await server.alice.delete(`/v1/tables/${tableId}/views/${saved.body.id}`)).status).toBe(200);
    expect((await server.alice.delete(`/v1/tables/${tableId}/views/${saved.body.id}`)).status).toBe(404);
  });

  it('answers random offsets in table order correctly across appends and deletes (the position directory)', async () => {
    const table = (await server.alice.post('/v1/tables', { kind: 'generic', column_configs: [] })).body;
    let expected: string[] = [];
    const append = async (from: number, count: number) => {
      const inputs = Array.from({ length: count }, (_, index) => `r${from + index}`);
      for (let start = 0; start < inputs.length; start += 1000) {
        await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: inputs.slice(start, start + 1000).map((input) => ({ data: { input } })) });
      }
      expected = [...expected, ...inputs];
    };
    const check = async (label: string) => {
      for (const offset of [0, 255, 256, 257, 511, 512, 700, expected.length - 3, expected.length + 5]) {
        const page = await server.alice.get(`/v1/tables/${table.id}/data?offset=${offset}&limit=5`);
        expect(inputsOf(page.body), `${label} at ${offset}`).toEqual(expected.slice(offset, offset + 5));
      }
    };
    await append(0, 1100);
    await check('first load');
    await append(1100, 300);
    await check('after an append');
    const ids = (await server.alice.get(`/v1/tables/${table.id}/data`)).body.rows.map((row: any) => row.id);
    const doomed = [3, 256, 600, 601, 1300].map((index) => ids[index]);
    await server.alice.delete(`/v1/tables/${table.id}/rows`, { rows: doomed });
    expected = expected.filter((_, index) => ![3, 256, 600, 601, 1300].includes(index));
    await check('after deletes');
    await append(1400, 10);
    await check('after deletes and an append');
  });
});
