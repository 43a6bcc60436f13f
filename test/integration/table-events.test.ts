import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiCompatibleServer, type OpenAiCompatibleServer } from '../fixtures/openai-compatible-server/index.ts';
import { testBackends } from '../support/backends.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

interface ServerSentEvent {
  event: string;
  data: any;
}

/** Read server-sent events from a streaming response until `isDone` says stop. */
async function readEvents(response: Response, isDone: (events: ServerSentEvent[]) => boolean, timeoutMs = 15_000): Promise<ServerSentEvent[]> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: ServerSentEvent[] = [];
  let buffer = '';
  const deadline = Date.now() + timeoutMs;
  while (!isDone(events)) {
    if (Date.now() > deadline) throw new Error(`events not complete: ${JSON.stringify(events).slice(0, 500)}`);
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    for (let boundary = buffer.indexOf('\n\n'); boundary !== -1; boundary = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      const event = /^event: (.+)$/m.exec(block)?.[1];
      const data = /^data: (.+)$/m.exec(block)?.[1];
      if (event && data) events.push({ event, data: JSON.parse(data) });
    }
  }
  await reader.cancel();
  return events;
}

describe.each(testBackends())('Table events (SSE) on %s', (backend) => {
  let llm: OpenAiCompatibleServer;
  let server: TestServer;
  beforeAll(async () => {
    llm = await startOpenAiCompatibleServer({ rules: [{ reply: { answer: 'live', explanation: 'e', sources: [] }, delayMs: 30 }] });
    server = await startTestServer(backend, {
      withWorkers: true,
      environment: { FATHOM_LLM_BASE_URL: llm.baseUrl, FATHOM_LLM_MODEL: 'test-model', FATHOM_POLL_INTERVAL_MS: '50' },
    });
  });
  afterAll(async () => {
    await server.close();
    await llm.close();
  });

  it('streams every cell change of a run, with the status block, to a token given in the query', async () => {
    const table = (
      await server.alice.post('/v1/tables', {
        kind: 'generic',
        column_configs: [{ kind: 'agent', name: 'A', key: 'a', value: { agent_type: 'llm', prompt: 'Live {input}' } }],
      })
    ).body;
    const rows = (
      await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: Array.from({ length: 8 }, (_, index) => ({ data: { input: `live ${index}` } })) })
    ).body;
    const response = await fetch(`${server.baseUrl}/v1/tables/${table.id}/events?access_token=${server.tokens.alice}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reading = readEvents(response, (events) => {
      const done = new Set(
        events
          .filter((event) => event.event === 'cells')
          .flatMap((event) => event.data.cells.filter((cell: any) => cell.status === 'done').map((cell: any) => cell.row_id)),
      );
      return done.size === rows.length;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await server.alice.post(`/v1/tables/${table.id}/run`, {});
    const events = await reading;
    expect(events[0]).toMatchObject({ event: 'table', data: { status: { num_rows: 8, run_status: 'idle' } } });
    const cells = events.filter((event) => event.event === 'cells').flatMap((event) => event.data.cells);
    expect(cells[0]).toMatchObject({ column_key: 'a', column_id: table.columns[1].id, status: 'done', value: { answer: 'live' } });
    expect(new Set(cells.map((cell: any) => cell.row_id))).toEqual(new Set(rows.map((row: any) => row.id)));
    const last = events.filter((event) => event.event === 'cells').at(-1)!;
    expect(last.data.status.num_cells_completed).toBeGreaterThan(0);
  });

  it('answers 401 for a bad token and 404 for a foreign table', async () => {
    const table = (await server.alice.post('/v1/tables', { kind: 'generic' })).body;
    expect((await fetch(`${server.baseUrl}/v1/tables/${table.id}/events?access_token=wrong`)).status).toBe(401);
    const foreign = await fetch(`${server.baseUrl}/v1/tables/${table.id}/events?access_token=${server.tokens.bob}`);
    expect(foreign.status).toBe(404);
    expect((await fetch(`${server.baseUrl}/v1/tables/${table.id}?access_token=${server.tokens.alice}`)).status).toBe(401);
  });
});
