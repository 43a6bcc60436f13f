import { describe, expect, it } from 'vitest';
import { parseAnswer } from './parse-answer.ts';

const companySchema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    employees: { type: 'integer', minimum: 0 },
    website: { type: 'string', format: 'uri' },
    tier: { enum: ['smb', 'enterprise'] },
  },
  required: ['name', 'employees'],
  additionalProperties: false,
};

describe('parseAnswer json', () => {
  it.each([[{ name: 'Acme', employees: 12 }], [{ name: 'Acme', employees: 0, website: 'https://acme.com', tier: 'smb' }]])(
    'accepts the object %j as is',
    (raw) => {
      expect(parseAnswer('json', raw, { outputSchema: companySchema })).toEqual({ ok: true, answer: raw, isNotFound: false });
    },
  );

  it.each([
    ['{"name": "Acme", "employees": 12}', { name: 'Acme', employees: 12 }],
    [' {"name":"Acme","employees":12} ', { name: 'Acme', employees: 12 }],
    ['```json\n{"name": "Acme", "employees": 12}\n```', { name: 'Acme', employees: 12 }],
    ['```\n{"name": "Acme", "employees": 12}\n```', { name: 'Acme', employees: 12 }],
  ])('parses JSON text %j', (raw, answer) => {
    expect(parseAnswer('json', raw, { outputSchema: companySchema })).toEqual({ ok: true, answer, isNotFound: false });
  });

  it('lists the first errors with their instance paths', () => {
    const result = parseAnswer('json', { name: 7, employees: -1, website: 'not a uri', extra: true }, { outputSchema: companySchema });
    expect(result).toEqual({
      ok: false,
      reason:
        "The answer does not match the output schema: (root) must NOT have additional properties 'extra'; /name must be string; /employees must be >= 0 (and 1 more)",
    });
  });

  it.each([
    [{ name: 'Acme' }, "(root) must have required property 'employees'"],
    [{ name: 'Acme', employees: 1.5 }, '/employees must be integer'],
    [{ name: 'Acme', employees: 3, tier: 'mid' }, '/tier must be equal to one of the allowed values: "smb", "enterprise"'],
    [{ name: 'Acme', employees: 3, website: 'acme' }, '/website must match format "uri"'],
    [['Acme', 3], '(root) must be object'],
    ['{"name": "Acme"}', "must have required property 'employees'"],
    ['"Acme"', '(root) must be object'],
  ])('refuses %j (%s)', (raw, reason) => {
    expect(parseAnswer('json', raw, { outputSchema: companySchema })).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });

  it('explains text that is not JSON', () => {
    expect(parseAnswer('json', '{name: Acme}', { outputSchema: companySchema })).toEqual({
      ok: false,
      reason: expect.stringMatching(/^The answer is not valid JSON \(.+\); reply with a JSON value that matches the output schema$/),
    });
  });

  it('keeps text as text when the schema wants a string', () => {
    const outputSchema = { type: 'string' };
    expect(parseAnswer('json', 'Acme Corp', { outputSchema })).toEqual({ ok: true, answer: 'Acme Corp', isNotFound: false });
    expect(parseAnswer('json', '123', { outputSchema })).toEqual({ ok: true, answer: '123', isNotFound: false });
    expect(parseAnswer('json', '"quoted"', { outputSchema })).toEqual({ ok: true, answer: 'quoted', isNotFound: false });
  });

  it('accepts scalars and lists when the schema does', () => {
    expect(parseAnswer('json', '[1, 2]', { outputSchema: { type: 'array', items: { type: 'integer' } } })).toMatchObject({ answer: [1, 2] });
    expect(parseAnswer('json', 3, { outputSchema: { type: 'number' } })).toMatchObject({ answer: 3 });
    expect(parseAnswer('json', false, { outputSchema: { type: 'boolean' } })).toMatchObject({ answer: false });
  });

  it('supports draft 2020-12 keywords and draft-07 schemas', () => {
    const tuple = { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }], items: false };
    expect(parseAnswer('json', ['a', 1], { outputSchema: tuple }).ok).toBe(true);
    expect(parseAnswer('json', ['a', 1, 2], { outputSchema: tuple }).ok).toBe(false);
    const draft07 = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'array', items: [{ type: 'string' }], additionalItems: false };
    expect(parseAnswer('json', ['a'], { outputSchema: draft07 }).ok).toBe(true);
    expect(parseAnswer('json', ['a', 'b'], { outputSchema: draft07 }).ok).toBe(false);
  });

  it('resolves $defs references', () => {
    const outputSchema = {
      type: 'object',
      properties: { ceo: { $ref: '#/$defs/person' } },
      required: ['ceo'],
      $defs: { person: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } },
    };
    expect(parseAnswer('json', { ceo: { name: 'Jane' } }, { outputSchema }).ok).toBe(true);
    expect(parseAnswer('json', { ceo: {} }, { outputSchema })).toEqual({
      ok: false,
      reason: expect.stringContaining("/ceo must have required property 'name'"),
    });
  });

  it('reports an invalid schema as a problem with the column, not the answer', () => {
    const result = parseAnswer('json', { a: 1 }, { outputSchema: { type: 'strnig' } });
    expect(result).toEqual({ ok: false, reason: expect.stringContaining("The column's output_schema is not a valid JSON Schema") });
  });
});
