import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { assertFormatOptions, findFormatOptionsProblem } from './format-options.ts';

describe('findFormatOptionsProblem', () => {
  it.each([
    ['select', { labels: ['Free', 'Pro'] }],
    ['multiselect', { labels: ['Free'] }],
    ['json', { outputSchema: { type: 'object' } }],
    ['text', {}],
    ['money', {}],
  ] as const)('%s with %j is usable', (format, options) => {
    expect(findFormatOptionsProblem(format, options)).toBeUndefined();
  });

  it.each([
    ['select', {}, 'The select column has no labels; add the allowed labels to the column'],
    ['label', { labels: [] }, 'The select column has no labels; add the allowed labels to the column'],
    ['multiselect', { labels: ['Free', '  '] }, "The multiselect column has an empty or non-text label '';"],
    ['select', { labels: ['Free', 3 as unknown as string] }, 'The select column has an empty or non-text label 3;'],
    ['select', { labels: ['Pro', 'PRO'] }, "The labels 'Pro' and 'PRO' differ only in case or spacing"],
    ['json', {}, 'The json column has no output_schema'],
    ['json', { outputSchema: [] as object }, 'output_schema must be a JSON Schema object'],
    ['json', { outputSchema: { type: 'objekt' } }, 'is not a valid JSON Schema'],
  ] as const)('%s with %j: %s', (format, options, problem) => {
    expect(findFormatOptionsProblem(format, options)).toContain(problem);
  });
});

describe('assertFormatOptions', () => {
  it('throws a permanent 422 AppError naming the problem', () => {
    let thrown: unknown;
    try {
      assertFormatOptions('select', {});
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ code: 'invalid_output_format_options', status: 422, isRetryable: false });
    expect((thrown as Error).message).toContain('has no labels');
  });

  it('does not throw for usable options', () => {
    expect(() => assertFormatOptions('select', { labels: ['A'] })).not.toThrow();
  });
});
