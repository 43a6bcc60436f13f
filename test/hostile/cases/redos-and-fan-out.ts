import { expect } from 'vitest';
import { waitForIdle } from '../../support/wait-for.ts';
import { slowestConcurrentUserCall, type HostileServer } from '../hostile-server.ts';
import type { HostileTally } from '../hostile-tally.ts';

const inputColumns = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, index) => ({ kind: 'input', name: `${prefix}${index}`, key: `${prefix}_${index}` }));

/** Requests built to freeze the process: catastrophic regexes and fan-out. */
export function registerRedosAndFanOutCases(tally: HostileTally, target: () => HostileServer): void {
  tally.hostileCase('ReDoS', '^(a+)+$ on a 32-character answer does not block the server', async () => {
    const { server, llm } = target();
    llm.addRule({ whenPromptIncludes: 'redos-row', reply: { answer: { code: `${'a'.repeat(32)}!` }, explanation: 'e', sources: [] } });
    const column = {
      kind: 'agent',
      name: 'Code',
      key: 'code',
      value: {
        agent_type: 'llm',
        prompt: 'Give the code of {input}',
        output_format: 'json',
        output_schema: { type: 'object', properties: { code: { type: 'string', pattern: '^(a+)+$' } } },
      },
    };
    const table = (await server.alice.post('/v1/tables', { kind: 'generic', column_configs: [column] })).body;
    const run = server.alice.post(`/v1/tables/${table.id}/rows`, { rows: Array.from({ length: 4 }, () => ({ data: { input: 'redos-row' } })), run: true });
    const slowest = await slowestConcurrentUserCall(
      server,
      run.then(() => waitForIdle(server.alice, table.id)),
    );
    expect(slowest).toBeLessThan(1_000);
    const data = (await server.alice.get(`/v1/tables/${table.id}/data`)).body;
    expect(data.rows[0].data.code.status).toBe('failed');
  });
  tally.hostileCase('ReDoS', 'patterns RE2 cannot run in linear time are refused at column creation', async () => {
    const { server } = target();
    const table = (await server.alice.post('/v1/tables', { kind: 'generic' })).body;
    for (const pattern of ['^(?=(a+))\\1$', '(a|aa)+(?!b)', '(\\w+)\\s\\1']) {
      const response = await server.alice.post(`/v1/tables/${table.id}/columns`, {
        column_configs: [
          { kind: 'agent', name: 'J', key: 'j', value: { agent_type: 'llm', prompt: 'p', output_format: 'json', output_schema: { type: 'string', pattern } } },
        ],
      });
      expect(response.status, pattern).toBe(422);
      expect(response.body.detail[0].loc.at(-1)).toBe('pattern');
    }
  });

  tally.hostileCase('fan-out', 'a 2,000-column table is refused at 500 columns', async () => {
    const { server } = target();
    const table = (await server.alice.post('/v1/tables', { kind: 'generic', column_configs: inputColumns('a', 200) })).body;
    let lastStatus = 200;
    for (let batch = 0; batch < 18 && lastStatus === 200; batch++) {
      lastStatus = (await server.alice.post(`/v1/tables/${table.id}/columns`, { column_configs: inputColumns(`b${batch}`, 100) })).status;
    }
    expect(lastStatus).toBe(422);
    expect((await server.alice.get(`/v1/tables/${table.id}`)).body.columns.length).toBeLessThanOrEqual(500);
  });
  tally.hostileCase('fan-out', 'a small request that would create 1,000 × 300 cells answers 413 naming the limit', async () => {
    const { server } = target();
    const table = (await server.alice.post('/v1/tables', { kind: 'generic', column_configs: inputColumns('c', 200) })).body;
    await server.alice.post(`/v1/tables/${table.id}/columns`, { column_configs: inputColumns('d', 99) });
    const response = await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: Array.from({ length: 1_000 }, () => ({ data: {} })) });
    expect(response.status).toBe(413);
    expect(response.body.detail).toContain('MAX_CELLS_PER_REQUEST');
  });
  tally.hostileCase(
    'fan-out',
    'the largest legal insert (250,000 cells) and its answer do not stall other clients',
    async () => {
      const { server } = target();
      const table = (await server.alice.post('/v1/tables', { kind: 'generic', column_configs: inputColumns('e', 199) })).body;
      await server.alice.post(`/v1/tables/${table.id}/columns`, { column_configs: inputColumns('f', 50) });
      const rows = Array.from({ length: 1_000 }, (_, index) => ({ data: { input: `r${index}`, e_0: 'x'.repeat(20) } }));
      const slowest = await slowestConcurrentUserCall(server, server.alice.post(`/v1/tables/${table.id}/rows`, { rows }));
      // Measured alone: 2.4 s on SQLite (its one connection is held by the insert's transaction), 1.0 s
      // on PostgreSQL; the audit's unbounded request stalled everyone 15 s. Generous for a loaded 2-core machine.
      expect(slowest).toBeLessThan(10_000);
      const page = await server.alice.get(`/v1/tables/${table.id}/data?limit=1000`);
      expect(page.body.rows).toHaveLength(1_000);
    },
    60_000,
  );
}
