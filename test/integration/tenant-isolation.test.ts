import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiCompatibleServer, type OpenAiCompatibleServer } from '../fixtures/openai-compatible-server/index.ts';
import { testBackends } from '../support/backends.ts';
import type { HttpClient } from '../support/http-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { waitForIdle } from '../support/wait-for.ts';

// The model-response cache is shared by every process, so it must be keyed per workspace:
// otherwise workspace B learns, through `cached_calls: 1`, that workspace A asked the same prompt.
describe.each(testBackends())('Tenant isolation of the response cache (%s)', (backend) => {
  let llm: OpenAiCompatibleServer;
  let server: TestServer;
  beforeAll(async () => {
    llm = await startOpenAiCompatibleServer();
    llm.addRule({ reply: { answer: 'Acquisition talks', explanation: 'from the row', sources: [] } });
    server = await startTestServer(backend, {
      withWorkers: true,
      environment: { FATHOM_LLM_BASE_URL: llm.baseUrl, FATHOM_LLM_MODEL: 'test-model', FATHOM_POLL_INTERVAL_MS: '50' },
    });
  });
  afterAll(async () => {
    await server.close();
    await llm.close();
  });

  const runSecretPrompt = async (client: HttpClient) => {
    const column = {
      kind: 'agent',
      name: 'Deal',
      key: 'deal',
      value: { agent_type: 'llm', prompt: 'Is {input} about to be acquired by Initech?', output_format: 'text' },
    };
    const table = (await client.post('/v1/tables', { kind: 'generic', column_configs: [column] })).body;
    await client.post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: 'acme.test' } }], run: true });
    return (await waitForIdle(client, table.id)).rows[0].data.deal.value;
  };
  const chatCalls = () => llm.calls.filter((call) => call.path === '/v1/chat/completions').length;

  it('workspace B does not get A’s cached answer for the same prompt; A’s own repeat does', async () => {
    const first = await runSecretPrompt(server.alice);
    expect(first.usage.cached_calls).toBe(0);
    const callsAfterA = chatCalls();
    const fromB = await runSecretPrompt(server.bob);
    expect(fromB.usage.cached_calls).toBe(0);
    expect(chatCalls()).toBe(callsAfterA + 1);
    // Within one workspace the cache still saves the call (another user of A, another table).
    const repeatInA = await runSecretPrompt(server.carol);
    expect(repeatInA.usage.cached_calls).toBe(1);
    expect(chatCalls()).toBe(callsAfterA + 1);
  });
});
