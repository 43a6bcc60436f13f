import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDeepResearchReader,
  createDeepSearchReader,
  DEEP_SEARCH_COMPANIES,
  startDeepResearchEnvironment,
  startDeepSearchEnvironment,
  WAREHOUSE_CRITERIA,
} from '../fixtures/fixture-web/deep-search/index.ts';
import type { ChatHandler, OpenAiCompatibleServer } from '../fixtures/openai-compatible-server/index.ts';
import { testBackends } from '../support/backends.ts';
import type { HttpClient } from '../support/http-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { waitFor } from '../support/wait-for.ts';

// Issue 17: Deep Search and Deep Research tasks report tokens, dollars and cache savings like runs.
// The model stand-in reports token counts that vary call by call; the tasks' usage must equal
// what it reported, and their cost those tokens at the configured prices of each model.
const PRICES = {
  'test-model': { input_per_million: 1.5, output_per_million: 6 },
  'test-reasoning-model': { input_per_million: 4, output_per_million: 20 },
} as const;
const ENVIRONMENT = { FATHOM_PRICES: JSON.stringify({ models: PRICES }) };

/** Wraps a reader so each answer reports varying token counts, and adds up what was reported per model. */
function meteredHandler(llm: OpenAiCompatibleServer, reader: ChatHandler) {
  const reported = new Map<string, { input: number; output: number; calls: number }>();
  let count = 0;
  llm.setHandler(async (request) => {
    const reply = await reader(request);
    count += 1;
    const usage = { promptTokens: 300 + (count % 7) * 41, completionTokens: 20 + (count % 5) * 17 };
    const sum = reported.get(request.model) ?? { input: 0, output: 0, calls: 0 };
    reported.set(request.model, { input: sum.input + usage.promptTokens, output: sum.output + usage.completionTokens, calls: sum.calls + 1 });
    return { ...reply, usage };
  });
  return {
    /** What the stand-in reported since the last take, and the dollars it comes to. */
    take() {
      let input = 0;
      let output = 0;
      let calls = 0;
      let cost = 0;
      for (const [model, sum] of reported) {
        const price = PRICES[model as keyof typeof PRICES];
        expect(price, `a price for ${model}`).toBeDefined();
        input += sum.input;
        output += sum.output;
        calls += sum.calls;
        cost += (sum.input * price.input_per_million + sum.output * price.output_per_million) / 1_000_000;
      }
      reported.clear();
      return { input, output, calls, cost };
    },
  };
}

async function waitForEnd(client: HttpClient, path: string): Promise<any> {
  return waitFor(
    async () => {
      const current = (await client.get(path)).body;
      return current.status === 'done' || current.status === 'failed' ? current : undefined;
    },
    90_000,
    100,
  );
}

describe.each(testBackends())('Task spend on %s', (backend) => {
  describe('Deep Search', () => {
    let environment: Awaited<ReturnType<typeof startDeepSearchEnvironment>>;
    let server: TestServer;
    let meter: ReturnType<typeof meteredHandler>;
    beforeAll(async () => {
      environment = await startDeepSearchEnvironment({ environment: ENVIRONMENT });
      meter = meteredHandler(environment.llm, createDeepSearchReader());
      server = await startTestServer(backend, { withWorkers: true, environment: environment.environment, agentOverrides: environment.agentOverrides });
    });
    afterAll(async () => {
      await server?.close();
      await environment?.close();
    });

    it('reports the tokens the model reported, their cost at each model price, and what the cache saved on a repeat', async () => {
      const body = { query: 'warehouse robotics companies', desired_num_results: 3, criteria: WAREHOUSE_CRITERIA };
      const first = await waitForEnd(server.alice, `/v1/discovery_tasks/${(await server.alice.post('/v1/discovery_tasks', body)).body.id}`);
      expect(first.status, first.failure_reason).toBe('done');
      const reported = meter.take();
      expect(reported.calls).toBeGreaterThan(0);
      expect(first.usage).toMatchObject({ input_tokens: reported.input, output_tokens: reported.output, model_calls: reported.calls, unpriced_calls: 0 });
      expect(first.usage.cost).toBeCloseTo(reported.cost, 5);
      expect(first.usage.cost).toBeGreaterThan(0);

      // The same search again: pages mined and grades asked before come from the response cache.
      const again = await waitForEnd(server.alice, `/v1/discovery_tasks/${(await server.alice.post('/v1/discovery_tasks', body)).body.id}`);
      expect(again.status, again.failure_reason).toBe('done');
      const repeated = meter.take();
      expect(again.usage).toMatchObject({ input_tokens: repeated.input, output_tokens: repeated.output });
      expect(again.usage.cost).toBeCloseTo(repeated.cost, 5);
      expect(again.usage.cached_calls).toBeGreaterThan(0);
      expect(again.usage.cache_saved_cost).toBeGreaterThan(0);
      // What the cache saved is at most what the first task paid for the same calls.
      expect(again.usage.cache_saved_cost).toBeLessThanOrEqual(first.usage.cost + 1e-6);
    });
  });

  describe('Deep Research', () => {
    let environment: Awaited<ReturnType<typeof startDeepResearchEnvironment>>;
    let server: TestServer;
    let meter: ReturnType<typeof meteredHandler>;
    beforeAll(async () => {
      environment = await startDeepResearchEnvironment({ environment: ENVIRONMENT });
      meter = meteredHandler(environment.llm, createDeepResearchReader());
      server = await startTestServer(backend, { withWorkers: true, environment: environment.environment, agentOverrides: environment.agentOverrides });
    });
    afterAll(async () => {
      await server?.close();
      await environment?.close();
    });

    it('reports the tokens the model reported, their cost at each model price, and what the cache saved on a repeat', async () => {
      const astra = DEEP_SEARCH_COMPANIES.find((company) => company.slug === 'astrarobotics' && !company.isDead)!;
      const brief = `Research ${astra.name} (${environment.web.urlFor(astra.slug)}) for an account review.\n- What does ${astra.name} build?\n- Where is ${astra.name} headquartered?`;
      const first = await waitForEnd(server.alice, `/v1/deep_research_tasks/${(await server.alice.post('/v1/deep_research_tasks', { brief })).body.id}`);
      expect(first.status, first.failure_reason).toBe('done');
      const reported = meter.take();
      expect(reported.calls).toBeGreaterThan(0);
      expect(first.usage).toMatchObject({
        input_tokens: reported.input,
        output_tokens: reported.output,
        tokens: reported.input + reported.output,
        model_calls: reported.calls,
        unpriced_calls: 0,
      });
      expect(first.usage.cost).toBeCloseTo(reported.cost, 5);
      expect(first.usage.cost).toBeGreaterThan(0);

      const again = await waitForEnd(server.alice, `/v1/deep_research_tasks/${(await server.alice.post('/v1/deep_research_tasks', { brief })).body.id}`);
      expect(again.status, again.failure_reason).toBe('done');
      const repeated = meter.take();
      expect(again.usage).toMatchObject({ input_tokens: repeated.input, output_tokens: repeated.output });
      expect(again.usage.cost).toBeCloseTo(repeated.cost, 5);
      expect(again.usage.cached_calls).toBeGreaterThan(0);
      expect(again.usage.cache_saved_cost).toBeGreaterThan(0);
    });
  });
});
