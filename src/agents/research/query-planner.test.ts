import { describe, expect, it } from 'vitest';
import { createMockLlmProvider } from '../../providers/llm/mock-llm-provider.ts';
import { LlmError } from '../../providers/spec/llm.ts';
import { planQueries } from './query-planner.ts';

const call = { signal: new AbortController().signal, bypassCache: false, cacheScope: 'workspace-1' };
const base = { task: 'What does the cheapest plan cost?', rowData: '<row_data>\n</row_data>', companyName: 'Acme Robotics', domain: 'acme.com', maxQueries: 3 };

describe('planQueries', () => {
  it("cleans the model's queries, names the company in each, and keeps one aimed at its site", async () => {
    const provider = createMockLlmProvider({ object: { queries: ['  cheapest   plan price ', 'Acme Robotics pricing', 'cheapest plan price', 42, ''] } });
    const { queries } = await planQueries(provider, base, call);
    expect(queries).toEqual(['Acme Robotics cheapest plan price', 'site:acme.com cheapest plan cost', 'Acme Robotics pricing']);
  });

  it("falls back to the task's words when the model offers nothing usable", async () => {
    const provider = createMockLlmProvider(new LlmError('invalid_response', 'not JSON'));
    const { queries } = await planQueries(provider, { ...base, domain: null }, call);
    expect(queries).toEqual(['Acme Robotics cheapest plan cost']);
  });

  it('plans nothing without a search budget', async () => {
    const provider = createMockLlmProvider({ object: { queries: ['x'] } });
    expect(await planQueries(provider, { ...base, maxQueries: 0 }, call)).toEqual({ queries: [], response: null });
    expect(provider.calls).toHaveLength(0);
  });
});
