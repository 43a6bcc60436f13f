import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { formatInstructions } from './format-instructions.ts';
import { OUTPUT_FORMATS } from './format-names.ts';

const OPTIONS = { labels: ['Free', 'Pro', 'Team'], outputSchema: { type: 'object', properties: { name: { type: 'string' } } } };

describe('formatInstructions', () => {
  it.each(OUTPUT_FORMATS)('%s ends with the "Not found" rule', (format) => {
    expect(formatInstructions(format, OPTIONS)).toMatch(/If the evidence does not support an answer, answer exactly "Not found" instead of guessing\.$/);
  });

  it.each([
    ['select', ['exactly one of these labels', '"Free", "Pro", "Team"']],
    ['label', ['exactly one of these labels', '"Free", "Pro", "Team"']],
    ['multiselect', ['every label that applies', '"Free", "Pro", "Team"', 'empty list']],
    ['money', ['amount as a number in whole units', '9810000000', 'ISO 4217', 'year, quarter, month, week, day, one_time']],
    ['numeric', ['one number', 'without ranges', '12 for 12%']],
    ['number', ['one number']],
    ['date', ['YYYY-MM-DD', 'YYYY-MM', 'Never fill in']],
    ['grade', ['whole number from 1', 'to 5', 'explanation']],
    ['phone', ['international format', 'country code']],
    ['url', ['absolute URL']],
    ['email', ['email address']],
    ['json', ['{"type":"object","properties":{"name":{"type":"string"}}}']],
    ['people', ['full_name', 'role', 'profile_url', 'null']],
  ] as const)('%s mentions %j', (format, fragments) => {
    const instruction = formatInstructions(format, OPTIONS);
    for (const fragment of fragments) expect(instruction).toContain(fragment);
  });

  it('quotes labels so commas inside a label stay unambiguous', () => {
    expect(formatInstructions('select', { labels: ['Sales, Marketing', 'Legal'] })).toContain('"Sales, Marketing", "Legal"');
  });

  it('gives every format its own instruction', () => {
    const canonical = OUTPUT_FORMATS.filter((format) => format !== 'number' && format !== 'label');
    const instructions = new Set(canonical.map((format) => formatInstructions(format, OPTIONS)));
    expect(instructions.size).toBe(canonical.length);
  });

  it('throws a configuration error when labels are missing', () => {
    expect(() => formatInstructions('select', {})).toThrow(AppError);
  });
});
