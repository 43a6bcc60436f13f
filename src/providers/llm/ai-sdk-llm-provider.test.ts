import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOpenAiCompatibleServer } from '../../../test/fixtures/openai-compatible-server/index.ts';
import type { OpenAiCompatibleServer } from '../../../test/fixtures/openai-compatible-server/index.ts';
import { LlmError } from '../spec/llm.ts';
import type { LlmProvider } from '../spec/llm.ts';
import { createAiSdkLlmProvider } from './ai-sdk-llm-provider.ts';
import { createLanguageModel } from './create-language-model.ts';
import type { LlmProviderKind } from './llm-settings.ts';

const answerSchema = {
  type: 'object',
  properties: {
    answer: { type: 'string' },
    explanation: { type: 'string' },
    sources: { type: 'array', items: { type: 'string' } },
  },
  required: ['answer', 'explanation', 'sources'],
  additionalProperties: false,
};
const stripeAnswer = { answer: 'Payments', explanation: 'Stripe sells payment processing.', sources: ['https://stripe.com'] };

let server: OpenAiCompatibleServer;
beforeAll(async () => {
  server = await startOpenAiCompatibleServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

function providerFor(kind: LlmProviderKind, baseUrl = server.baseUrl): LlmProvider {
  return createAiSdkLlmProvider({
    providerId: kind,
    languageModel: createLanguageModel({ kind, model: 'test-model', baseUrl, apiKey: 'test-key' }),
  });
}

describe.each(['openai-compatible', 'openai'] as const)('createAiSdkLlmProvider through the %s SDK provider', (kind) => {
  it('sends the schema as response_format json_schema and returns the parsed object', async () => {
    server.addRule({ whenPromptIncludes: 'stripe.com', reply: stripeAnswer });
    const response = await providerFor(kind).generate({
      system: 'Answer about the company.',
      prompt: 'What does stripe.com sell?',
      jsonSchema: answerSchema,
      schemaName: 'company_answer',
    });

    expect(response).toMatchObject({ object: stripeAnswer, providerId: kind, modelId: 'test-model', cached: false });
    expect(JSON.parse(response.text)).toEqual(stripeAnswer);
    const [call] = server.calls;
    expect(call?.chat?.jsonSchema).toEqual(answerSchema);
    expect(call?.chat?.schemaName).toBe('company_answer');
    expect(call?.chat?.system).toBe('Answer about the company.');
    expect(call?.headers.authorization).toBe('Bearer test-key');
  });

  it('drops U+0000 from the strings of a JSON reply (a name holding it could not be stored as text)', async () => {
    server.addRule({ whenPromptIncludes: 'nul.test', reply: { answer: 'Nul\u0000 Corp', explanation: 'e\u0000', sources: ['https://nul.test/\u0000'] } });
    const response = await providerFor(kind).generate({ system: 's', prompt: 'What is nul.test?', jsonSchema: answerSchema });
    expect(response.object).toEqual({ answer: 'Nul Corp', explanation: 'e', sources: ['https://nul.test/'] });
  });

  it('returns text and the usage the server reported, and forwards temperature and token limit', async () => {
    server.setHandler(() => ({ content: 'Stripe sells payments.', usage: { promptTokens: 11, completionTokens: 7 } }));
    const response = await providerFor(kind).generate({ system: 's', prompt: 'p', temperature: 0.2, maxOutputTokens: 50 });

    expect(response.text).toBe('Stripe sells payments.');
    expect(response.object).toBeUndefined();
    expect(response.usage).toEqual({ inputTokens: 11, outputTokens: 7, totalTokens: 18 });
    expect(server.calls[0]?.chat).toMatchObject({ temperature: 0.2, maxTokens: 50, stream: false });
  });

  it('fails with invalid_response, naming the problem, when the object does not match the schema', async () => {
    server.addRule({ reply: { answer: 5, explanation: 'x', sources: [] } });
    const failure = providerFor(kind).generate({ system: 's', prompt: 'p', jsonSchema: answerSchema });
    await expect(failure).rejects.toMatchObject({ code: 'invalid_response', isRetryable: false });
    await expect(failure).rejects.toThrow(/reply\/answer must be string/);
  });
});

describe('createAiSdkLlmProvider structured output fallbacks', () => {
  it('extracts JSON from prose and code fences when the server ignores response_format', async () => {
    const ignoring = await startOpenAiCompatibleServer({
      responseFormat: 'ignored',
      rules: [{ reply: `Sure! Here it is:\n\`\`\`json\n${JSON.stringify(stripeAnswer)}\n\`\`\`\nAnything else?` }],
    });
    try {
      const response = await providerFor('openai-compatible', ignoring.baseUrl).generate({
        system: 's',
        prompt: 'What does stripe.com sell?',
        jsonSchema: answerSchema,
      });
      expect(response.object).toEqual(stripeAnswer);
      expect(response.text).toContain('Sure! Here it is');
      expect(ignoring.calls).toHaveLength(1);
    } finally {
      await ignoring.close();
    }
  });

  it('skips a reasoning model <think> block before the JSON', async () => {
    server.addRule({ reply: `<think>The user wants {"answer": "?"}</think>\n${JSON.stringify(stripeAnswer)}` });
    const response = await providerFor('openai-compatible').generate({ system: 's', prompt: 'p', jsonSchema: answerSchema });
    expect(response.object).toEqual(stripeAnswer);
  });

  it('repeats the call with the schema in the system message when the server rejects response_format', async () => {
    const rejecting = await startOpenAiCompatibleServer({
      responseFormat: 'rejected',
      rules: [{ reply: `{"answer":"Payments","explanation":"e","sources":[]}` }],
    });
    try {
      const response = await providerFor('openai-compatible', rejecting.baseUrl).generate({
        system: 'Answer about the company.',
        prompt: 'What does stripe.com sell?',
        jsonSchema: answerSchema,
      });
      expect(response.object).toEqual({ answer: 'Payments', explanation: 'e', sources: [] });
      expect(rejecting.calls.map((call) => call.status)).toEqual([400, 200]);
      const retried = rejecting.calls[1]?.chat;
      expect(retried?.body.response_format).toBeUndefined();
      expect(retried?.system).toContain('Answer about the company.');
      expect(retried?.system).toContain(JSON.stringify(answerSchema));
    } finally {
      await rejecting.close();
    }
  });

  it('says the reply was cut off when the model stopped at the token limit', async () => {
    server.setHandler(() => ({ content: '{"answer": "Pay', finishReason: 'length' }));
    const failure = providerFor('openai-compatible').generate({ system: 's', prompt: 'p', jsonSchema: answerSchema, maxOutputTokens: 5 });
    await expect(failure).rejects.toMatchObject({ code: 'invalid_response' });
    await expect(failure).rejects.toThrow(/raise maxOutputTokens/);
  });

  it('refuses an unusable schema before calling the model', async () => {
    const failure = providerFor('openai-compatible').generate({
      system: 's',
      prompt: 'p',
      jsonSchema: { type: 'object', properties: { answer: { type: 'no-such-type' } } },
    });
    await expect(failure).rejects.toBeInstanceOf(LlmError);
    await expect(failure).rejects.toMatchObject({ code: 'bad_request' });
    expect(server.calls).toHaveLength(0);
  });
});
