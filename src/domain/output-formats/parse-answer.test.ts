import { describe, expect, it } from 'vitest';
import { OUTPUT_FORMATS, type OutputFormat } from './format-names.ts';
import { parseAnswer } from './parse-answer.ts';
import type { ParseOptions } from './parse-result.ts';

/** Options that make every format usable, so the tests reach the "Not found" handling. */
const USABLE_OPTIONS: ParseOptions = {
  labels: ['Free', 'Pro', 'Team'],
  outputSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
};

const NOT_FOUND_SPELLINGS: unknown[] = ['Not found', 'not found', 'NOT FOUND', ' Not found. ', 'N/A', 'n/a', null, '', '   '];

describe('parseAnswer: "Not found" is a first-class answer', () => {
  const cases = OUTPUT_FORMATS.flatMap((format) => NOT_FOUND_SPELLINGS.map((raw) => [format, raw] as const));

  it.each(cases)('%s: %j is "Not found"', (format, raw) => {
    expect(parseAnswer(format, raw, USABLE_OPTIONS)).toEqual({ ok: true, answer: 'Not found', isNotFound: true });
  });

  it.each(OUTPUT_FORMATS)('%s: ["Not found"] is "Not found"', (format) => {
    expect(parseAnswer(format, ['Not found'], USABLE_OPTIONS)).toEqual({ ok: true, answer: 'Not found', isNotFound: true });
  });

  it.each(OUTPUT_FORMATS)('%s: a missing answer (undefined) is refused, not treated as "Not found"', (format) => {
    const result = parseAnswer(format, undefined, USABLE_OPTIONS);
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('no answer') });
  });

  it.each(['Unknown', 'none', 'not available', '-', 'Not found: see sources'])('text: %j is an ordinary answer, not "Not found"', (raw) => {
    expect(parseAnswer('text', raw)).toEqual({ ok: true, answer: raw, isNotFound: false });
  });

  it('a label spelled "N/A" is the label, not "Not found"', () => {
    const labels = ['Yes', 'No', 'N/A'];
    expect(parseAnswer('select', 'n/a', { labels })).toEqual({ ok: true, answer: 'N/A', isNotFound: false });
    expect(parseAnswer('multiselect', ['N/A'], { labels })).toEqual({ ok: true, answer: ['N/A'], isNotFound: false });
    expect(parseAnswer('select', 'Not found', { labels })).toMatchObject({ isNotFound: true });
  });
});

describe('parseAnswer: dispatch', () => {
  it.each([
    ['number', '1.2 million', 1200000],
    ['numeric', '1.2 million', 1200000],
    ['label', 'pro', 'Pro'],
    ['select', 'pro', 'Pro'],
  ] as const)('%s parses %j as %j', (format, raw, answer) => {
    expect(parseAnswer(format, raw, USABLE_OPTIONS)).toEqual({ ok: true, answer, isNotFound: false });
  });

  it('refuses an unknown format name instead of throwing', () => {
    expect(parseAnswer('integer' as OutputFormat, '3')).toEqual({ ok: false, reason: "'integer' is not a known output format" });
  });

  it.each([
    ['select', {}, 'has no labels'],
    ['label', { labels: [] }, 'has no labels'],
    ['multiselect', { labels: ['Pro', ' pro'] }, 'differ only in case'],
    ['json', {}, 'no output_schema'],
  ] as const)('%s with options %j is refused with a configuration reason', (format, options, reason) => {
    const result = parseAnswer(format, 'Pro', options);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('reports a configuration problem even for a "Not found" answer, so a broken column is noticed', () => {
    expect(parseAnswer('select', 'Not found', {}).ok).toBe(false);
  });
});
