import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { structuredOutputSchema } from './answer-schema.ts';
import { OUTPUT_FORMATS, type OutputFormat } from './format-names.ts';
import type { ParseOptions } from './parse-result.ts';

const ajv = new Ajv2020({ strict: true, allErrors: true });

const labels = ['Free', 'Pro', 'Team'];
const outputSchema = {
  type: 'object',
  properties: { name: { type: 'string' }, employees: { type: 'integer' } },
  required: ['name', 'employees'],
  additionalProperties: false,
};
const OPTIONS: ParseOptions = { labels, outputSchema };

function reply(answer: unknown): object {
  return { answer, explanation: 'Stated on the pricing page.', sources: ['https://example.com/pricing'] };
}

function isValidReply(format: OutputFormat, answer: unknown, options: ParseOptions = OPTIONS): boolean {
  return ajv.validate(structuredOutputSchema(format, options), reply(answer));
}

const PORTABLE_KEYWORDS = new Set(['type', 'enum', 'properties', 'required', 'items', 'anyOf', 'additionalProperties']);

/** Collects every keyword used in a schema, descending into subschemas but not into property names. */
function keywordsOf(schema: unknown, found = new Set<string>()): Set<string> {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return found;
  for (const [keyword, value] of Object.entries(schema)) {
    found.add(keyword);
    if (keyword === 'properties') for (const property of Object.values(value as object)) keywordsOf(property, found);
    if (keyword === 'items') keywordsOf(value, found);
    if (keyword === 'anyOf') for (const option of value as unknown[]) keywordsOf(option, found);
  }
  return found;
}

describe('structuredOutputSchema', () => {
  it.each(OUTPUT_FORMATS.filter((format) => format !== 'json'))('%s uses only portable keywords', (format) => {
    expect([...keywordsOf(structuredOutputSchema(format, OPTIONS))].filter((keyword) => !PORTABLE_KEYWORDS.has(keyword))).toEqual([]);
  });

  it.each(OUTPUT_FORMATS)('%s compiles under ajv strict mode and accepts "Not found"', (format) => {
    expect(isValidReply(format, 'Not found')).toBe(true);
  });

  it.each(OUTPUT_FORMATS)('%s requires explanation and sources and nothing else', (format) => {
    const schema = structuredOutputSchema(format, OPTIONS);
    expect(ajv.validate(schema, { answer: 'Not found', explanation: 'x' })).toBe(false);
    expect(ajv.validate(schema, { answer: 'Not found', sources: [] })).toBe(false);
    expect(ajv.validate(schema, { explanation: 'x', sources: [] })).toBe(false);
    expect(ajv.validate(schema, { ...reply('Not found'), confidence: 0.9 })).toBe(false);
    expect(ajv.validate(schema, { ...reply('Not found'), sources: [42] })).toBe(false);
  });

  it.each([
    ['text', 'Stripe builds payment infrastructure.'],
    ['url', 'https://stripe.com'],
    ['email', 'jane@example.com'],
    ['phone', '+14155552671'],
    ['date', '2021-03'],
    ['select', 'Pro'],
    ['label', 'Team'],
    ['multiselect', ['Free', 'Team']],
    ['multiselect', []],
    ['numeric', 1200000],
    ['number', -3.5],
    ['money', { amount: 9810000000, currency: 'USD', period: null }],
    ['money', { amount: 120000, currency: 'GBP', period: 'year' }],
    ['grade', 4],
    ['json', { name: 'Acme', employees: 12 }],
    ['people', [{ full_name: 'Jane Doe', role: 'CFO', profile_url: null }]],
    ['people', []],
  ] as const)('%s accepts the answer %j', (format, answer) => {
    expect(isValidReply(format, answer)).toBe(true);
  });

  it.each([
    ['text', 42],
    ['url', ['https://stripe.com']],
    ['select', 'Enterprise'],
    ['select', 'pro'],
    ['select', ['Pro']],
    ['multiselect', ['Pro', 'Enterprise']],
    ['multiselect', 'Pro'],
    ['numeric', '1.2 million'],
    ['numeric', 'N/A'],
    ['money', { amount: 5, currency: 'USD' }],
    ['money', { amount: '5', currency: 'USD', period: null }],
    ['money', { amount: 5, currency: 'USD', period: 'fortnight' }],
    ['money', { amount: 5, currency: 'USD', period: null, note: 'x' }],
    ['money', '$5'],
    ['grade', 0],
    ['grade', 6],
    ['grade', 3.5],
    ['grade', '4'],
    ['json', { name: 'Acme' }],
    ['json', { name: 'Acme', employees: 1, extra: true }],
    ['people', [{ full_name: 'Jane Doe' }]],
    ['people', [{ full_name: 'Jane Doe', role: null, profile_url: null, email: null }]],
    ['people', 'Jane Doe'],
  ] as const)('%s rejects the answer %j', (format, answer) => {
    expect(isValidReply(format, answer)).toBe(false);
  });

  it('lists the labels once even when "Not found" is one of them', () => {
    const schema = structuredOutputSchema('select', { labels: ['Yes', 'Not found'] });
    expect(schema).toMatchObject({ properties: { answer: { type: 'string', enum: ['Yes', 'Not found'] } } });
  });

  it('drops $schema from an embedded user schema and lifts $defs to the root so references resolve', () => {
    const withDefinitions = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: { ceo: { $ref: '#/$defs/person' } },
      required: ['ceo'],
      $defs: { person: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } },
    };
    const schema = structuredOutputSchema('json', { outputSchema: withDefinitions });
    expect(JSON.stringify(schema.properties)).not.toContain('$schema');
    expect(schema.$defs).toBe(withDefinitions.$defs);
    expect(ajv.validate(schema, reply({ ceo: { name: 'Jane' } }))).toBe(true);
    expect(ajv.validate(schema, reply({ ceo: {} }))).toBe(false);
  });

  it('leaves a user schema with its own $id intact, since its references resolve inside it', () => {
    const identified = {
      $id: 'https://example.com/company.json',
      type: 'object',
      properties: { ceo: { $ref: '#/$defs/person' } },
      $defs: { person: { type: 'string' } },
    };
    const schema = structuredOutputSchema('json', { outputSchema: identified });
    expect(schema.$defs).toBeUndefined();
    expect(new Ajv2020({ strict: true }).validate(schema, reply({ ceo: 'Jane' }))).toBe(true);
  });

  it('does not mutate the user schema', () => {
    const user = { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'string', $defs: {} };
    const copy = structuredClone(user);
    structuredOutputSchema('json', { outputSchema: user });
    expect(user).toEqual(copy);
  });

  it.each([
    ['select', {}],
    ['multiselect', { labels: [] }],
    ['json', {}],
  ] as const)('throws a configuration error for %s with %j', (format, options) => {
    expect(() => structuredOutputSchema(format, options)).toThrow(AppError);
  });
});
