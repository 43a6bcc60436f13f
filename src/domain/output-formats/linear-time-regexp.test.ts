import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsPluginModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { findPatternProblem, findSchemaPatternProblem } from './linear-time-regexp.ts';
import { parseAnswer } from './parse-answer.ts';

describe('output_schema patterns run in linear time', () => {
  it('validates ^(a+)+$ against a 32-character answer without backtracking', () => {
    // A backtracking engine needs about 2^32 steps here (the audit: 14.9 s of frozen server).
    const schema = { type: 'object', properties: { code: { type: 'string', pattern: '^(a+)+$' } } };
    const started = performance.now();
    const result = parseAnswer('json', { code: `${'a'.repeat(32)}!` }, { outputSchema: schema });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(result).toMatchObject({ ok: false });
    expect(parseAnswer('json', { code: 'a'.repeat(32) }, { outputSchema: schema })).toMatchObject({ ok: true });
  });

  it('applies patternProperties with the same engine', () => {
    const schema = { type: 'object', patternProperties: { '^(x+x+)+y$': { type: 'number' } } };
    const started = performance.now();
    expect(parseAnswer('json', { [`${'x'.repeat(40)}`]: 'text' }, { outputSchema: schema })).toMatchObject({ ok: true });
    expect(parseAnswer('json', { xxy: 'text' }, { outputSchema: schema })).toMatchObject({ ok: false });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('keeps JavaScript pattern syntax: escapes, classes, Unicode properties, unanchored search', () => {
    const schema = { type: 'string', pattern: '\\d{3}-\\p{L}+\\u00e9' };
    expect(parseAnswer('json', '"x 123-abcé y"', { outputSchema: schema })).toMatchObject({ ok: true });
    expect(parseAnswer('json', '"12-abé"', { outputSchema: schema })).toMatchObject({ ok: false });
  });

  it('names lookaround and backreferences as unsupported', () => {
    expect(findPatternProblem('^(?=a)b')).toContain('lookahead');
    expect(findPatternProblem('(a)\\1')).toContain('cannot be matched in linear time');
    expect(findPatternProblem('^[a-z]+$')).toBeUndefined();
  });

  it('finds the place of an unsupported pattern in a schema, skipping data keywords', () => {
    const schema = {
      type: 'object',
      properties: { pattern: { type: 'string', enum: ['(?=x)'] }, items: { type: 'array', items: [{ type: 'string', pattern: '(?<=a)b' }] } },
      patternProperties: { '^ok$': {} },
    };
    expect(findSchemaPatternProblem(schema)).toMatchObject({ path: ['properties', 'items', 'items', 0, 'pattern'] });
    expect(findSchemaPatternProblem({ patternProperties: { '(a)\\1': {} } })).toMatchObject({ path: ['patternProperties', '(a)\\1'] });
    expect(findSchemaPatternProblem({ type: 'string', pattern: '^a+$' })).toBeUndefined();
  });

  it('the fixed format regexes of ajv-formats stay fast on long hostile strings', () => {
    // `format` regexes are not user-supplied, but answers are: probe each with inputs that make
    // careless regexes backtrack (long runs of one character ending in a mismatch).
    const ajv = new Ajv2020({ strict: false });
    formatsPluginModule.default(ajv);
    const length = 20_000;
    const hostile = ['a', '1', 'a.', 'a-', '0:', 'a@', '%', '/a', '1.', ' ', '-', '~1'].map((unit) => `${unit.repeat(length / unit.length)}!`);
    hostile.push(`http://${'a'.repeat(length)}!`, `2020-01-01T${'0'.repeat(length)}`, `a@${'a.'.repeat(length / 2)}!`);
    const started = performance.now();
    for (const format of Object.keys(ajv.formats)) {
      const validate = ajv.compile({ type: 'string', format });
      for (const input of hostile) validate(input);
    }
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
