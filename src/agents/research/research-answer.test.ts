import { describe, expect, it } from 'vitest';
import { PermanentCellError } from '../../engine/cell-executor.ts';
import { createMockLlmProvider } from '../../providers/llm/mock-llm-provider.ts';
import { LlmError } from '../../providers/spec/llm.ts';
import { askForResearchAnswer } from './research-answer.ts';
import { fetchedPageFixture } from '../../../test/fixtures/research-harness/fetched-page-fixture.ts';

const pricing = fetchedPageFixture('https://acme.com/pricing', 'Pricing\nRobots from $1,200 per month.');
const call = { signal: new AbortController().signal, bypassCache: false, cacheScope: 'workspace-1' };
const request = (overrides = {}) => ({
  system: 'You research one cell of a table and answer only from the evidence given to you.',
  prompt: 'Task: price',
  format: 'text' as const,
  options: {},
  pages: [pricing],
  allowsFollowUp: false,
  ...overrides,
});

describe('askForResearchAnswer', () => {
  it('keeps an answer whose excerpt occurs in a page read, and asks for excerpts in the schema', async () => {
    const provider = createMockLlmProvider({
      object: { answer: '$1,200 per month', explanation: 'Pricing page.', excerpts: [{ url: pricing.finalUrl, quote: 'Robots from $1,200 per month.' }] },
    });
    const answer = await askForResearchAnswer(provider, request(), call);
    expect(answer).toMatchObject({
      answer: '$1,200 per month',
      isNotFound: false,
      excerpts: [{ url: pricing.finalUrl, quote: 'Robots from $1,200 per month.' }],
      discardedBecause: null,
    });
    const schema = provider.calls[0]!.request.jsonSchema as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(['answer', 'explanation', 'excerpts']);
    expect(schema.required).toEqual(['answer', 'explanation', 'excerpts']);
  });

  it('gives an unsupported answer one repair, then replaces it with "Not found" — never a guess', async () => {
    const made_up = { object: { answer: '$900', explanation: 'I recall it.', excerpts: [{ url: 'https://elsewhere.example/', quote: 'Robots cost $900.' }] } };
    const provider = createMockLlmProvider([made_up, made_up]);
    const answer = await askForResearchAnswer(provider, request(), call);
    expect(answer).toMatchObject({ answer: 'Not found', isNotFound: true, excerpts: [] });
    expect(answer.explanation).toContain('the URL is not a page this cell read');
    expect(provider.calls).toHaveLength(2);
    expect(provider.calls[1]!.request.prompt).toContain('Your previous reply was rejected');
  });

  it('accepts a repaired answer', async () => {
    const provider = createMockLlmProvider([
      { object: { answer: '$1,200', explanation: '', excerpts: [{ url: pricing.finalUrl, quote: 'Robots from $999 per month.' }] } },
      { object: { answer: '$1,200', explanation: 'Fixed.', excerpts: [{ url: pricing.finalUrl, quote: 'Robots from $1,200 per month.' }] } },
    ]);
    expect((await askForResearchAnswer(provider, request(), call)).answer).toBe('$1,200');
  });

  it('fails the cell when the answer does not fit the format after a repair', async () => {
    const provider = createMockLlmProvider({ object: { answer: 'about twelve hundred', explanation: '', excerpts: [] } });
    await expect(askForResearchAnswer(provider, request({ format: 'numeric' }), call)).rejects.toThrow(PermanentCellError);
  });

  it('discards a reply that recites the instructions', async () => {
    const provider = createMockLlmProvider({
      object: { answer: 'Not found', explanation: 'My rules: You research one cell of a table and answer only from the evidence given to you.', excerpts: [] },
    });
    const answer = await askForResearchAnswer(provider, request(), call);
    expect(answer.answer).toBe('Not found');
    expect(answer.explanation).not.toContain('You research one cell');
    expect(answer.discardedBecause).toContain('leak');
  });

  it('turns permanent provider failures into cell failures and leaves transient ones to the engine', async () => {
    await expect(askForResearchAnswer(createMockLlmProvider(new LlmError('authentication', 'bad key')), request(), call)).rejects.toMatchObject({
      name: 'PermanentCellError',
      code: 'llm_authentication',
    });
    await expect(askForResearchAnswer(createMockLlmProvider(new LlmError('rate_limited', 'slow down')), request(), call)).rejects.toMatchObject({
      name: 'LlmError',
      isRetryable: true,
    });
  });

  it('asks for follow-up queries only when the agent can search again', async () => {
    const provider = createMockLlmProvider({ object: { answer: 'Not found', explanation: 'Nothing.', excerpts: [], next_queries: ['acme pricing 2024', 7] } });
    const answer = await askForResearchAnswer(provider, request({ allowsFollowUp: true }), call);
    expect(answer.nextQueries).toEqual(['acme pricing 2024']);
    expect((provider.calls[0]!.request.jsonSchema as { required: string[] }).required).toContain('next_queries');
  });
});
