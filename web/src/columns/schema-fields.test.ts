import { describe, expect, it } from 'vitest';
import { compileOutputSchema } from '../../../src/domain/output-formats/json-schema-validators.ts';
import { describeSchemaProblem, fieldProblems, fieldsFromSchema, plainSchemaMessage, schemaFromFields, type SchemaField } from './schema-fields.ts';

const fields: SchemaField[] = [
  { name: 'Headquarters city', type: 'text', description: 'Where the head office is', isRequired: true },
  { name: 'employees', type: 'integer', description: '', isRequired: false },
  { name: 'Products', type: 'text_list', description: '', isRequired: true },
];

describe('the field list of a json column', () => {
  it('writes a valid JSON Schema with keys made from the names, and reads it back', () => {
    const schema = schemaFromFields(fields);
    expect(schema).toEqual({
      type: 'object',
      properties: {
        headquarters_city: { type: 'string', title: 'Headquarters city', description: 'Where the head office is' },
        employees: { type: 'integer' },
        products: { type: 'array', items: { type: 'string' }, title: 'Products' },
      },
      required: ['headquarters_city', 'products'],
    });
    expect(compileOutputSchema(schema).ok).toBe(true);
    expect(fieldsFromSchema(schema)).toEqual(fields);
  });

  it('leaves schemas it cannot show as JSON', () => {
    expect(fieldsFromSchema({ type: 'object', properties: { stage: { type: 'string', enum: ['seed', 'A'] } } })).toBeNull();
    expect(fieldsFromSchema({ type: 'object', properties: { hq: { type: 'object', properties: {} } } })).toBeNull();
    expect(fieldsFromSchema({ type: 'array' })).toBeNull();
  });

  it('says what is wrong with the list in plain words', () => {
    expect(fieldProblems([{ name: '', type: 'text', description: '', isRequired: true }])).toEqual([
      { index: -1, message: 'Add at least one field: what should each answer contain?' },
    ]);
    expect(
      fieldProblems([
        ...fields,
        { name: 'City', type: 'text', description: '', isRequired: true },
        { name: 'city', type: 'text', description: '', isRequired: true },
        { name: 'Sources', type: 'text_list', description: '', isRequired: false },
      ]).map((problem) => problem.message),
    ).toEqual(['Two fields are called “city”: rename one.', 'Remove “Sources”: every answer already comes with its sources and an explanation.']);
  });
});

describe('schema problems in plain words', () => {
  it('names the field and the mistake', () => {
    expect(describeSchemaProblem({ type: 'object', properties: { city: { type: 'strin' } } })).toBe(
      'The field “city” is not a valid JSON Schema: "strin" is not a type; use string, number, integer, boolean, array, object or null.',
    );
    expect(describeSchemaProblem({ type: 'object', properties: { city: { type: 'string' } }, required: ['cty'] })).toBe(
      'The schema: "required" names “cty”, which is not among the fields (city).',
    );
    expect(describeSchemaProblem([1])).toContain('must be a JSON object');
    expect(describeSchemaProblem({ type: 'object', properties: { city: { type: 'string' } } })).toBeNull();
  });

  it('rewords the column rules’ messages without wire names', () => {
    expect(plainSchemaMessage("remove 'sources' from output_schema: every answer already carries its sources and explanation")).toBe(
      'Remove “sources”: every answer already comes with its sources and an explanation.',
    );
    expect(plainSchemaMessage('The json column has no output_schema; add a JSON Schema describing the answer')).toBe(
      'The json column has no answer schema; add a JSON Schema describing the answer',
    );
  });
});
