import { describe, expect, it } from 'vitest';
import { promptReferences, renderPrompt } from './prompt-references.ts';

describe('promptReferences', () => {
  it('finds identifier-shaped references once each, in order', () => {
    expect(promptReferences('Compare {company_name} with {input} and {company_name}')).toEqual(['company_name', 'input']);
  });

  it('ignores literal JSON and non-identifiers', () => {
    expect(promptReferences('Answer as {"name": "x"} or { spaced } or {1abc} or {{double}}')).toEqual(['double']);
  });
});

describe('renderPrompt', () => {
  it('replaces known keys and leaves other braces alone', () => {
    expect(renderPrompt('About {a} and {b} as {"json": 1}', { a: 'Acme' })).toBe('About Acme and {b} as {"json": 1}');
  });

  it('does not interpret replacement patterns in values', () => {
    expect(renderPrompt('{a}', { a: '$& $1 {b}' })).toBe('$& $1 {b}');
  });
});
