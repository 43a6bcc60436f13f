import { describe, expect, it } from 'vitest';
import { parseAnswer } from './parse-answer.ts';

describe('parseAnswer email', () => {
  it.each([
    ['jane@example.com', 'jane@example.com'],
    ['Jane.Doe@Example.COM', 'Jane.Doe@example.com'],
    ['mailto:jane@example.com', 'jane@example.com'],
    ['MAILTO:jane@example.com', 'jane@example.com'],
    ['<jane@example.com>', 'jane@example.com'],
    ['<mailto:Jane@EXAMPLE.com>', 'Jane@example.com'],
    ['  first+tag@sub.example.co.uk ', 'first+tag@sub.example.co.uk'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['user@xn--bcher-kva.example', 'user@xn--bcher-kva.example'],
    ['a_b-c@my-domain.io', 'a_b-c@my-domain.io'],
  ])('accepts %j as %j', (raw, answer) => {
    expect(parseAnswer('email', raw)).toEqual({ ok: true, answer, isNotFound: false });
  });

  it.each([
    ['jane'],
    ['jane@'],
    ['@example.com'],
    ['jane@example'],
    ['jane@@example.com'],
    ['jane@example..com'],
    ['.jane@example.com'],
    ['jane.@example.com'],
    ['ja..ne@example.com'],
    ['jane doe@example.com'],
    ['jane@example.c'],
    ['jane@-example.com'],
    ['jane@example.com, john@example.com'],
    ['Jane Doe <jane@example.com>'],
    ['mailto:jane@example.com?subject=hi'],
    [`${'a'.repeat(65)}@example.com`],
    [`jane@${'a'.repeat(250)}.com`],
  ])('refuses %j', (raw) => {
    expect(parseAnswer('email', raw)).toEqual({ ok: false, reason: expect.stringContaining('is not a valid email address') });
  });

  it('refuses non-text answers', () => {
    expect(parseAnswer('email', ['jane@example.com']).ok).toBe(false);
  });
});
