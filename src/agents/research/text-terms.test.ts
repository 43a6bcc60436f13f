import { describe, expect, it } from 'vitest';
import { overlap, stem, termsOf } from './text-terms.ts';

describe('termsOf', () => {
  it('keeps content words once, trimmed to a shared stem', () => {
    expect(termsOf('What are the PRICES of the robots, per month?')).toEqual(['pric', 'robot', 'month']);
    expect(termsOf('Is the company hiring engineers in 2024?')).toEqual(['hir', 'engineer', '2024']);
  });

  it('maps variants to one key', () => {
    expect(stem('companies')).toBe(stem('company'));
    expect(stem('founded')).toBe(stem('founder'.slice(0, 5)));
    expect(stem('planning')).toBe(stem('plans'));
    expect(stem('hiring')).toBe(stem('hire'));
    expect(stem('prices')).toBe(stem('price'));
    expect(stem('employees')).toBe(stem('employs'));
    expect(stem('boxes')).toBe('box');
    expect(stem('business')).toBe('business');
  });

  it('counts wanted terms present', () => {
    expect(overlap(termsOf('price robot month'), new Set(termsOf('Robots from $1,200 per month')))).toBe(2);
  });
});
