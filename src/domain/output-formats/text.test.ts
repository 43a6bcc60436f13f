import { describe, expect, it } from 'vitest';
import { parseAnswer } from './parse-answer.ts';

describe('parseAnswer text', () => {
  it.each([
    ['Stripe builds payment infrastructure.', 'Stripe builds payment infrastructure.'],
    ['  padded answer \n', 'padded answer'],
    ['- first\n- second', '- first\n- second'],
    [42, '42'],
    [3.5, '3.5'],
    [true, 'true'],
    [false, 'false'],
  ])('accepts %j as %j', (raw, answer) => {
    expect(parseAnswer('text', raw)).toEqual({ ok: true, answer, isNotFound: false });
  });

  it.each([
    [{ summary: 'x' }, 'got an object'],
    [['a', 'b'], 'got a list'],
    [Number.NaN, 'got a number'],
    [Number.POSITIVE_INFINITY, 'got a number'],
  ])('refuses %j (%s)', (raw, reason) => {
    const result = parseAnswer('text', raw);
    expect(result).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });
});
