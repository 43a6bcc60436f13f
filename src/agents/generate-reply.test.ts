import { describe, expect, it } from 'vitest';
import { fetchedPageFixture } from '../../test/fixtures/research-harness/fetched-page-fixture.ts';
import { PermanentCellError } from '../engine/cell-executor.ts';
import { createMockLlmProvider } from '../providers/llm/mock-llm-provider.ts';
import { LlmError } from '../providers/spec/llm.ts';
import { generateReply } from './generate-reply.ts';
import { planQueries } from './research/query-planner.ts';
import { askForResearchAnswer } from './research/research-answer.ts';
import { askForStructuredAnswer } from './structured-answer.ts';

const request = { system: 's', prompt: 'p', jsonSchema: { type: 'object' } };
const live = () => ({ signal: new AbortController().signal, bypassCache: false });

/** A call whose signal is aborted by the provider mid-call, as a lost lease does. */
function abortedDuringCall(failure: Error) {
  const controller = new AbortController();
  const provider = createMockLlmProvider(() => {
    controller.abort(new Error('lease lost'));
    throw failure;
  });
  return { provider, call: { signal: controller.signal, bypassCache: false } };
}

describe('generateReply', () => {
  it('returns the response, passing the signal and the cache bypass on', async () => {
    const provider = createMockLlmProvider({ object: { answer: 1 } });
    const call = { signal: new AbortController().signal, bypassCache: true };
    const reply = await generateReply(provider, request, call);
    expect(reply).toMatchObject({ response: { object: { answer: 1 } } });
    expect(provider.calls[0]!.options).toEqual({ signal: call.signal, bypassCache: true });
  });

  it('turns an unusable reply into a misfit a repair prompt can quote', async () => {
    const provider = createMockLlmProvider(new LlmError('invalid_response', 'replied without JSON'));
    expect(await generateReply(provider, request, live())).toEqual({ misfit: 'replied without JSON' });
  });

  it("fails the cell for good, with the provider's message, on a permanent failure", async () => {
    const provider = createMockLlmProvider(new LlmError('authentication', 'openai answered HTTP 401: bad key'));
    const failure = generateReply(provider, request, live());
    await expect(failure).rejects.toBeInstanceOf(PermanentCellError);
    await expect(failure).rejects.toMatchObject({ code: 'llm_authentication', message: 'openai answered HTTP 401: bad key' });
  });

  it('lets a transient failure through untouched, for the engine to retry', async () => {
    const transient = new LlmError('rate_limited', 'slow down', { retryAfterMs: 2_000 });
    await expect(generateReply(createMockLlmProvider(transient), request, live())).rejects.toBe(transient);
  });

  it('lets an abort through untouched: never a permanent failure, never a misfit', async () => {
    const aborted = new LlmError('aborted', 'the call was aborted');
    await expect(generateReply(createMockLlmProvider(aborted), request, live())).rejects.toBe(aborted);
    // Whatever the provider reports once the cell's signal is aborted, the cell is not repaired.
    const cut = abortedDuringCall(new LlmError('invalid_response', 'half a reply'));
    await expect(generateReply(cut.provider, request, cut.call)).rejects.toMatchObject({ code: 'invalid_response' });
    const refused = abortedDuringCall(new LlmError('bad_request', 'connection closed early'));
    await expect(generateReply(refused.provider, request, refused.call)).rejects.not.toBeInstanceOf(PermanentCellError);
  });
});

describe('every structured model call of the agents stops on an abort, without a repair call', () => {
  it('askForStructuredAnswer (llm agent)', async () => {
    const { provider, call } = abortedDuringCall(new LlmError('aborted', 'the call was aborted'));
    await expect(askForStructuredAnswer(provider, { system: 's', prompt: 'p' }, 'text', {}, call)).rejects.toMatchObject({ code: 'aborted' });
    expect(provider.calls).toHaveLength(1);
  });

  it('askForResearchAnswer (research agents)', async () => {
    const { provider, call } = abortedDuringCall(new LlmError('invalid_response', 'half a reply'));
    const page = fetchedPageFixture('https://acme.com/', 'Acme');
    const research = { system: 's', prompt: 'p', format: 'text' as const, options: {}, pages: [page], allowsFollowUp: false };
    await expect(askForResearchAnswer(provider, research, call)).rejects.toMatchObject({ code: 'invalid_response' });
    expect(provider.calls).toHaveLength(1);
  });

  it('planQueries (search planning)', async () => {
    const { provider, call } = abortedDuringCall(new LlmError('aborted', 'the call was aborted'));
    const plan = { task: 't', rowData: '', companyName: null, domain: null, maxQueries: 2 };
    await expect(planQueries(provider, plan, call)).rejects.toMatchObject({ code: 'aborted' });
    await expect(planQueries(provider, plan, call)).rejects.not.toBeInstanceOf(PermanentCellError);
  });
});
