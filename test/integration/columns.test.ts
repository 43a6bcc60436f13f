import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const agent = (key: string, prompt: string, extra: Record<string, unknown> = {}) => ({
  kind: 'agent',
  name: key,
  key,
  value: { agent_type: 'llm', prompt, output_format: 'text', ...extra },
});

describe.each(testBackends())('Columns API on %s', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(backend);
  });
  afterAll(() => server.close());

  const newTable = async (kind: string, columnConfigs: unknown[] = []) => (await server.alice.post('/v1/tables', { kind, column_configs: columnConfigs })).body;
  const addColumns = (tableId: string, body: unknown) => server.alice.post(`/v1/tables/${tableId}/columns`, body);
  const expect422 = async (tableId: string, configs: unknown[], loc: (string | number)[], text: string) => {
    const response = await addColumns(tableId, { column_configs: configs });
    expect(response.status, JSON.stringify(configs)).toBe(422);
    expect(response.body.detail[0].loc).toEqual(loc);
    expect(response.body.detail[0].msg).toContain(text);
  };

  describe('add', () => {
    it('appends by default, answers the created columns, and gives every existing row a cell', async () => {
      const table = await newTable('company');
      await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: 'a.test' } }, { data: { input: 'b.test' } }] });
      const response = await addColumns(table.id, {
        column_configs: [agent('summary', 'Summarise {company_name}'), { kind: 'input', name: 'Notes', key: 'notes' }],
      });
      expect(response.status).toBe(200);
      expect(response.body.map((column: any) => column.config.key)).toEqual(['summary', 'notes']);
      expect(response.body[0]).toMatchObject({ id: expect.any(String), created_at: expect.any(String) });
      const data = (await server.alice.get(`/v1/tables/${table.id}/data`)).body;
      expect(data.columns.map((column: any) => column.config.key)).toEqual(['input', 'company_profile', 'company_name', 'company_website', 'summary', 'notes']);
      expect(data.rows[1].data.summary).toMatchObject({ value: null, status: 'created' });
      expect(data.rows[1].data.notes).toMatchObject({ value: null });
      expect(data.status).toMatchObject({ num_columns: 6, num_output_columns: 4, num_input_columns: 2 });
    });

    it('insert_after: false puts columns first, a column id right after it', async () => {
      const table = await newTable('generic', [{ kind: 'input', name: 'B', key: 'b' }]);
      const first = await addColumns(table.id, { column_configs: [{ kind: 'input', name: 'Z', key: 'z' }], insert_after: false });
      expect(first.status).toBe(200);
      const inputId = table.columns[0].id;
      await addColumns(table.id, { column_configs: [{ kind: 'input', name: 'A', key: 'a' }], insert_after: inputId });
      const keys = (await server.alice.get(`/v1/tables/${table.id}`)).body.columns.map((column: any) => column.config.key);
      expect(keys).toEqual(['z', 'input', 'a', 'b']);
      const bad = await addColumns(table.id, { column_configs: [{ kind: 'input', name: 'Q', key: 'q' }], insert_after: 'no-such-column' });
      expect(bad.status).toBe(422);
      expect(bad.body.detail[0].loc).toEqual(['body', 'insert_after']);
    });

    it('validates shapes: unknown kind, missing fields, bad key, empty list', async () => {
      const table = await newTable('generic');
      const kind = await addColumns(table.id, { column_configs: [{ kind: 'wizard', name: 'W', key: 'w' }] });
      expect(kind.body.detail[0]).toMatchObject({ loc: ['body', 'column_configs', 0, 'kind'], type: 'union_tag_invalid' });
      const missing = await addColumns(table.id, { column_configs: [{ kind: 'agent', name: 'N', key: 'n' }] });
      expect(missing.body.detail[0]).toMatchObject({ loc: ['body', 'column_configs', 0, 'value'], type: 'missing' });
      const noPrompt = await addColumns(table.id, { column_configs: [{ kind: 'agent', name: 'N', key: 'n', value: { agent_type: 'llm' } }] });
      expect(noPrompt.body.detail[0]).toMatchObject({ loc: ['body', 'column_configs', 0, 'value', 'prompt'], type: 'missing' });
      const badKey = await addColumns(table.id, { column_configs: [{ kind: 'input', name: 'Bad', key: 'has space' }] });
      expect(badKey.body.detail[0]).toMatchObject({ loc: ['body', 'column_configs', 0, 'key'], type: 'string_pattern_mismatch' });
      const empty = await addColumns(table.id, { column_configs: [] });
      expect(empty.body.detail[0]).toMatchObject({ loc: ['body', 'column_configs'], type: 'too_short' });
      const noKind = await addColumns(table.id, { column_configs: [{ name: 'Defaults to input', key: 'plain' }] });
      expect(noKind.status).toBe(200);
      expect(noKind.body[0].config.kind).toBe('input');
    });

    it('validates agent types and output formats', async () => {
      const table = await newTable('generic');
      const type = await addColumns(table.id, { column_configs: [agent('x', 'p', { agent_type: 'oracle' })] });
      expect(type.body.detail[0]).toMatchObject({ loc: ['body', 'column_configs', 0, 'value', 'agent_type'], type: 'enum' });
      const format = await addColumns(table.id, { column_configs: [agent('x', 'p', { output_format: 'poem' })] });
      expect(format.body.detail[0]).toMatchObject({ loc: ['body', 'column_configs', 0, 'value', 'output_format'], type: 'enum' });
      for (const outputFormat of ['text', 'url', 'email', 'phone', 'numeric', 'money', 'date', 'grade', 'number']) {
        const ok = await addColumns(table.id, { column_configs: [agent(`f_${outputFormat}`, 'p', { output_format: outputFormat })] });
        expect(ok.status, outputFormat).toBe(200);
      }
      for (const agentType of ['research_pro', 'research_reasoning', 'llm', 'linkedin', 'research']) {
        const ok = await addColumns(table.id, { column_configs: [agent(`t_${agentType}`, 'p', { agent_type: agentType })] });
        expect(ok.status, agentType).toBe(200);
      }
    });

    it('requires labels for select, multiselect and label, unique ones', async () => {
      const table = await newTable('generic');
      for (const format of ['select', 'multiselect', 'label']) {
        await expect422(table.id, [agent('s', 'p', { output_format: format })], ['body', 'column_configs', 0, 'value', 'labels'], 'labels');
        await expect422(table.id, [agent('s', 'p', { output_format: format, labels: [] })], ['body', 'column_configs', 0, 'value', 'labels'], 'labels');
      }
      await expect422(
        table.id,
        [agent('s', 'p', { output_format: 'select', labels: ['B2B', 'b2b'] })],
        ['body', 'column_configs', 0, 'value', 'labels'],
        'differ only in case',
      );
      const ok = await addColumns(table.id, { column_configs: [agent('s', 'p', { output_format: 'multiselect', labels: ['B2B', 'B2C'] })] });
      expect(ok.status).toBe(200);
    });

    it('refuses an output_schema pattern that cannot run in linear time, at the pattern (ReDoS guard)', async () => {
      const table = await newTable('generic');
      const loc = ['body', 'column_configs', 0, 'value', 'output_schema'];
      const lookahead = { type: 'object', properties: { code: { type: 'string', pattern: '^(?=a)(a+)+$' } } };
      await expect422(
        table.id,
        [agent('j', 'p', { output_format: 'json', output_schema: lookahead })],
        [...loc, 'properties', 'code', 'pattern'],
        'linear time',
      );
      const backreference = { type: 'object', patternProperties: { '(a)\\1': { type: 'string' } } };
      await expect422(
        table.id,
        [agent('j', 'p', { output_format: 'json', output_schema: backreference })],
        [...loc, 'patternProperties', '(a)\\1'],
        'backreferences',
      );
      // Nested quantifiers are fine: RE2 matches them in linear time.
      const nested = { type: 'object', properties: { code: { type: 'string', pattern: '^(a+)+$' } } };
      expect((await addColumns(table.id, { column_configs: [agent('j', 'p', { output_format: 'json', output_schema: nested })] })).status).toBe(200);
    });

    it('requires a valid JSON Schema in output_schema for json, without provenance fields', async () => {
      const table = await newTable('generic');
      const loc = ['body', 'column_configs', 0, 'value', 'output_schema'];
      await expect422(table.id, [agent('j', 'p', { output_format: 'json' })], loc, 'output_schema');
      await expect422(table.id, [agent('j', 'p', { output_format: 'json', output_schema: { type: 'objekt' } })], loc, 'not a valid JSON Schema');
      await expect422(
        table.id,
        [agent('j', 'p', { output_format: 'json', output_schema: { type: 'object', properties: { n: { minimum: 'zero' } } } })],
        loc,
        'not a valid JSON Schema',
      );
      await expect422(
        table.id,
        [
          agent('j', 'p', {
            output_format: 'json',
            output_schema: { type: 'object', properties: { funding: { type: 'number' }, sources: { type: 'array' } } },
          }),
        ],
        [...loc, 'properties', 'sources'],
        'sources',
      );
      const ok = await addColumns(table.id, {
        column_configs: [
          agent('j', 'p', { output_format: 'json', output_schema: { type: 'object', properties: { funding: { type: 'number' } }, required: ['funding'] } }),
        ],
      });
      expect(ok.status).toBe(200);
    });

    it('requires every {key} reference and extra dependency to resolve (new columns may reference each other)', async () => {
      const table = await newTable('company');
      await expect422(table.id, [agent('a', 'About {missing_key}')], ['body', 'column_configs', 0, 'value', 'prompt'], '{missing_key}');
      await expect422(
        table.id,
        [agent('a', 'p', { extra_dependencies: ['input', 'ghost'] })],
        ['body', 'column_configs', 0, 'value', 'extra_dependencies', 1],
        'ghost',
      );
      const literalJson = await addColumns(table.id, { column_configs: [agent('fmt', 'Answer as {"name": "..."} about {input}')] });
      expect(literalJson.status).toBe(200);
      const chain = await addColumns(table.id, { column_configs: [agent('second', 'Use {first}'), agent('first', 'About {company_name}')] });
      expect(chain.status).toBe(200);
    });

    it('rejects dependency cycles, naming them', async () => {
      const table = await newTable('generic');
      await expect422(table.id, [agent('a', 'uses {b}'), agent('b', 'uses {a}')], ['body', 'column_configs', 0], 'cycle');
      await expect422(table.id, [agent('self', 'uses {self}')], ['body', 'column_configs', 0], 'self -> self');
    });

    it('rejects duplicate keys, within the request and against the table', async () => {
      const table = await newTable('company');
      await expect422(table.id, [{ kind: 'input', name: 'Again', key: 'company_name' }], ['body', 'column_configs', 0, 'key'], 'already exists');
      await expect422(
        table.id,
        [
          { kind: 'input', name: 'X', key: 'x' },
          { kind: 'input', name: 'X2', key: 'x' },
        ],
        ['body', 'column_configs', 1, 'key'],
        'already exists',
      );
    });

    it('enforces which kinds each table kind allows', async () => {
      const people = await newTable('people');
      const generic = await newTable('generic');
      await expect422(
        people.id,
        [agent('r', 'p', { agent_type: 'research_pro' })],
        ['body', 'column_configs', 0, 'value', 'agent_type'],
        'not allowed on people tables; use research_reasoning, llm or linkedin',
      );
      await expect422(people.id, [agent('r', 'p', { agent_type: 'research' })], ['body', 'column_configs', 0, 'value', 'agent_type'], 'not allowed on people');
      await expect422(generic.id, [{ kind: 'company_name', name: 'N', key: 'n' }], ['body', 'column_configs', 0, 'kind'], 'not allowed on generic');
      expect((await addColumns(people.id, { column_configs: [agent('r', 'p', { agent_type: 'research_reasoning' })] })).status).toBe(200);
      expect(
        (await addColumns(generic.id, { column_configs: [{ kind: 'criterion_grade', name: 'Fit', key: 'fit', value: { criterion: 'Sells to banks' } }] }))
          .status,
      ).toBe(200);
    });

    it('404 for a foreign table', async () => {
      const table = await newTable('generic');
      expect((await server.bob.post(`/v1/tables/${table.id}/columns`, { column_configs: [{ kind: 'input', name: 'X', key: 'x' }] })).status).toBe(404);
    });
  });

  describe('update (replace)', () => {
    it('replaces the whole config and keeps position and cells', async () => {
      const table = await newTable('generic', [agent('summary', 'Summarise {input}', { output_format: 'select', labels: ['a', 'b'] })]);
      const column = table.columns[1];
      const response = await server.alice.patch(`/v1/tables/${table.id}/columns/${column.id}`, agent('summary', 'Shorter: {input}'));
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: column.id, config: { key: 'summary', value: { prompt: 'Shorter: {input}', output_format: 'text' } } });
      expect(response.body.config.value.labels).toBeUndefined();
    });

    it('rejects partial configs, broken references, cycles, and renames of referenced keys', async () => {
      const table = await newTable('generic', [agent('a', 'from {input}'), agent('b', 'from {a}')]);
      const [, a, b] = table.columns;
      const partial = await server.alice.patch(`/v1/tables/${table.id}/columns/${a.id}`, { value: { prompt: 'x' } });
      expect(partial.status).toBe(422);
      const broken = await server.alice.patch(`/v1/tables/${table.id}/columns/${a.id}`, agent('a', 'from {nothing}'));
      expect(broken.body.detail[0].loc).toEqual(['body', 'value', 'prompt']);
      const cycle = await server.alice.patch(`/v1/tables/${table.id}/columns/${a.id}`, agent('a', 'from {b}'));
      expect(cycle.body.detail[0].msg).toContain('cycle');
      const rename = await server.alice.patch(`/v1/tables/${table.id}/columns/${a.id}`, agent('a_renamed', 'from {input}'));
      expect(rename.body.detail[0].msg).toBe("cannot change the key 'a': b uses it");
      const okRename = await server.alice.patch(`/v1/tables/${table.id}/columns/${b.id}`, agent('b_renamed', 'from {a}'));
      expect(okRename.status).toBe(200);
      const toInput = await server.alice.patch(`/v1/tables/${table.id}/columns/${b.id}`, { kind: 'input', name: 'B', key: 'b_renamed' });
      expect(toInput.body.detail[0].loc).toEqual(['body', 'kind']);
    });

    it("protects built-ins' key and kind, and answers 404 for unknown columns", async () => {
      const table = await newTable('company');
      const name = table.columns[2];
      const renamed = await server.alice.patch(`/v1/tables/${table.id}/columns/${name.id}`, { kind: 'company_name', name: 'Legal name', key: 'legal_name' });
      expect(renamed.status).toBe(422);
      const relabeled = await server.alice.patch(`/v1/tables/${table.id}/columns/${name.id}`, {
        kind: 'company_name',
        name: 'Legal name',
        key: 'company_name',
      });
      expect(relabeled.status).toBe(200);
      expect((await server.alice.patch(`/v1/tables/${table.id}/columns/nope`, agent('x', 'p'))).status).toBe(404);
      expect((await server.bob.patch(`/v1/tables/${table.id}/columns/${name.id}`, { kind: 'company_name', name: 'X', key: 'company_name' })).status).toBe(404);
    });
  });

  describe('kinds that are not yet available', () => {
    // Each on a table kind that allows it, so availability is the only reason for the 422.
    const cases = [{ tableKind: 'generic', config: { kind: 'criteria_grade_score', name: 'Score', key: 'score', value: { column_weights: { fit: 2 } } } }];
    const expectNotYetAvailable = (response: { status: number; body: any }, kind: string, loc: (string | number)[]) => {
      expect(response.status).toBe(422);
      expect(response.body.detail).toEqual([{ loc, msg: expect.stringContaining(`'${kind}' is not yet available`), type: 'value_error' }]);
    };

    it.each(cases)('refuses $config.kind when a table is created, a column added or a column replaced', async ({ tableKind, config }) => {
      const created = await server.alice.post('/v1/tables', { kind: tableKind, name: 'Not yet', column_configs: [config] });
      expectNotYetAvailable(created, config.kind, ['body', 'column_configs', 0, 'kind']);

      const table = await newTable(tableKind, [agent('summary', 'Summarise {input}')]);
      expectNotYetAvailable(await addColumns(table.id, { column_configs: [config] }), config.kind, ['body', 'column_configs', 0, 'kind']);

      const summary = table.columns.find((column: any) => column.config.key === 'summary');
      expectNotYetAvailable(await server.alice.patch(`/v1/tables/${table.id}/columns/${summary.id}`, config), config.kind, ['body', 'kind']);
      const columns = (await server.alice.get(`/v1/tables/${table.id}`)).body.columns.map((column: any) => column.config.kind);
      expect(columns).not.toContain(config.kind);
    });
  });

  describe('delete', () => {
    it('deletes a column with its cells and answers it', async () => {
      const table = await newTable('generic', [{ kind: 'input', name: 'Notes', key: 'notes' }]);
      await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: 'x', notes: 'n' } }] });
      const notes = table.columns[1];
      const response = await server.alice.delete(`/v1/tables/${table.id}/columns/${notes.id}`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: notes.id, config: { key: 'notes' } });
      const data = (await server.alice.get(`/v1/tables/${table.id}/data`)).body;
      expect(Object.keys(data.rows[0].data)).toEqual(['input']);
      expect((await server.alice.delete(`/v1/tables/${table.id}/columns/${notes.id}`)).status).toBe(404);
    });

    it('refuses built-ins and referenced columns, naming who references them', async () => {
      const table = await newTable('company', [
        agent('pricing', 'Pricing of {company_name}'),
        agent('tier', 'Tier from {pricing}'),
        agent('notes', 'x', { extra_dependencies: ['pricing'] }),
      ]);
      const builtIn = await server.alice.delete(`/v1/tables/${table.id}/columns/${table.columns[0].id}`);
      expect(builtIn.status).toBe(422);
      expect(builtIn.body.detail[0].msg).toContain('built-in');
      const pricing = table.columns.find((column: any) => column.config.key === 'pricing');
      const referenced = await server.alice.delete(`/v1/tables/${table.id}/columns/${pricing.id}`);
      expect(referenced.status).toBe(422);
      // By the names the user sees in the grid, not keys.
      expect(referenced.body.detail[0]).toMatchObject({
        loc: ['path', 'column_id'],
        msg: 'pricing is used by tier and notes; change or delete those columns first',
      });
      expect((await server.alice.get(`/v1/tables/${table.id}`)).body.columns).toHaveLength(7);
    });

    it('keeps the status counters exact when computed columns go', async () => {
      const table = await newTable('generic', [agent('a', 'from {input}')]);
      await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: '1' } }, { data: { input: '2' } }], run: true });
      expect((await server.alice.get(`/v1/tables/${table.id}`)).body.status.num_cells_in_progress).toBe(2);
      await server.alice.delete(`/v1/tables/${table.id}/columns/${table.columns[1].id}`);
      const status = (await server.alice.get(`/v1/tables/${table.id}`)).body.status;
      expect(status).toMatchObject({ num_cells_in_progress: 0, run_status: 'idle', num_output_columns: 0 });
    });
  });

  it('GET /columns (extension) lists the columns in display order', async () => {
    const table = await newTable('people');
    const response = await server.alice.get(`/v1/tables/${table.id}/columns`);
    expect(response.body.map((column: any) => column.config.key)).toEqual(['input', 'full_name', 'role', 'profile_url']);
  });
});
