import { describe, expect, it } from 'vitest';
import { compileOutputSchema, describeSchemaErrors } from './json-schema-validators.ts';

describe('compileOutputSchema', () => {
  it('compiles each schema object once and reuses the validator', () => {
    const schema = { type: 'object', properties: { a: { type: 'integer' } } };
    const first = compileOutputSchema(schema);
    const second = compileOutputSchema(schema);
    expect(first.ok).toBe(true);
    expect(second).toBe(first);
  });

  it('compiles an equal but distinct schema object separately', () => {
    const first = compileOutputSchema({ type: 'string' });
    const second = compileOutputSchema({ type: 'string' });
    expect(second).not.toBe(first);
  });

  it('caches a schema that fails to compile, with its reason', () => {
    const schema = { type: 'object', properties: { a: { $ref: '#/$defs/missing' } } };
    const first = compileOutputSchema(schema);
    expect(first).toEqual({ ok: false, reason: expect.stringContaining('output_schema is not a valid JSON Schema') });
    expect(compileOutputSchema(schema)).toBe(first);
  });

  it('refuses drafts that ajv 8 does not bundle, naming the draft', () => {
    const result = compileOutputSchema({ $schema: 'http://json-schema.org/draft-04/schema#', type: 'string' });
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('draft-04') });
  });

  it('tolerates annotation keywords that strict mode would reject', () => {
    expect(compileOutputSchema({ type: 'string', example: 'Acme', 'x-ui': { widget: 'text' } }).ok).toBe(true);
  });
});

describe('describeSchemaErrors', () => {
  it('shows the first errors, then how many more there are', () => {
    const compiled = compileOutputSchema({
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'string' }, c: { type: 'string' }, d: { type: 'string' } },
    });
    if (!compiled.ok) throw new Error(compiled.reason);
    expect(compiled.validate({ a: 1, b: 2, c: 3, d: 4 })).toBe(false);
    expect(describeSchemaErrors(compiled.validate.errors ?? [], 2)).toBe('/a must be string; /b must be string (and 2 more)');
  });
});
