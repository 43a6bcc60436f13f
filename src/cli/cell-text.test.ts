import { describe, expect, it } from 'vitest';
import { answerText, cellAnswer } from './cell-text.ts';

const done = (value: unknown) => ({ value, status: 'done' as const, updated_at: null });

describe('cellAnswer', () => {
  it('unwraps computed answers and keeps input values as given', () => {
    expect(cellAnswer(done({ answer: 'Stripe', source: [], explanation: 'x' }), false)).toBe('Stripe');
    expect(cellAnswer(done({ answer: 'kept whole' }), true)).toEqual({ answer: 'kept whole' });
    expect(cellAnswer(done('stripe.com'), true)).toBe('stripe.com');
    expect(cellAnswer({ value: null, status: 'requested', updated_at: null }, false)).toBeNull();
    expect(cellAnswer(undefined, true)).toBeNull();
  });
});

describe('answerText', () => {
  it.each([
    [{ amount: 9810000000, currency: 'USD', period: null }, '9810000000 USD'],
    [{ amount: 120000, currency: 'GBP', period: 'year' }, '120000 GBP/year'],
    [['SaaS', 'Fintech'], 'SaaS; Fintech'],
    [4, '4'],
    [true, 'true'],
    [null, ''],
    ['Not found', 'Not found'],
    [{ founded: 2010, tags: ['a'] }, '{"founded":2010,"tags":["a"]}'],
  ])('%j → %s', (answer, text) => {
    expect(answerText(answer)).toBe(text);
  });
});
