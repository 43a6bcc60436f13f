import { describe, expect, it } from 'vitest';
import {
  CANONICAL_OUTPUT_FORMATS,
  OUTPUT_FORMATS,
  canonicalFormat,
  formatNeedsLabels,
  formatNeedsSchema,
  isOutputFormat,
  type OutputFormat,
} from './format-names.ts';

describe('format names', () => {
  it('lists every format of the spec, legacy aliases included', () => {
    expect([...OUTPUT_FORMATS].sort()).toEqual([
      'date',
      'email',
      'grade',
      'json',
      'label',
      'money',
      'multiselect',
      'number',
      'numeric',
      'people',
      'phone',
      'select',
      'text',
      'url',
    ]);
  });

  it.each([
    ['number', 'numeric'],
    ['label', 'select'],
    ['people', 'people'],
    ['numeric', 'numeric'],
    ['select', 'select'],
  ] as const)('canonicalFormat(%s) is %s', (format, canonical) => {
    expect(canonicalFormat(format)).toBe(canonical);
  });

  it('resolves every accepted name to a canonical one', () => {
    for (const format of OUTPUT_FORMATS) expect(CANONICAL_OUTPUT_FORMATS).toContain(canonicalFormat(format));
  });

  it.each(['select', 'multiselect', 'label'] as const)('%s needs labels', (format) => {
    expect(formatNeedsLabels(format)).toBe(true);
  });

  it('no other format needs labels', () => {
    const others = OUTPUT_FORMATS.filter((format) => !['select', 'multiselect', 'label'].includes(format));
    expect(others.filter((format) => formatNeedsLabels(format))).toEqual([]);
  });

  it('only json needs a schema', () => {
    expect(OUTPUT_FORMATS.filter((format: OutputFormat) => formatNeedsSchema(format))).toEqual(['json']);
  });

  it.each([
    ['text', true],
    ['number', true],
    ['Text', false],
    ['integer', false],
    ['', false],
    [null, false],
    [3, false],
    ['constructor', false],
  ])('isOutputFormat(%j) is %s', (value, expected) => {
    expect(isOutputFormat(value)).toBe(expected);
  });
});
