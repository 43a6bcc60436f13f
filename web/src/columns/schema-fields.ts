import { keyFromName } from '../../../src/domain/column-key-from-name.ts';

/**
 * The field list of a json column, for people who do not write JSON Schema: each field has a
 * name, a type, a description and whether it is required, and the list writes the schema. A
 * schema the list cannot show (nested objects, choices, patterns…) stays editable as JSON.
 */

export const FIELD_TYPES = {
  text: { title: 'Text', schema: { type: 'string' } },
  number: { title: 'Number', schema: { type: 'number' } },
  integer: { title: 'Whole number', schema: { type: 'integer' } },
  boolean: { title: 'Yes / no', schema: { type: 'boolean' } },
  date: { title: 'Date', schema: { type: 'string', format: 'date' } },
  url: { title: 'Web address', schema: { type: 'string', format: 'uri' } },
  email: { title: 'Email', schema: { type: 'string', format: 'email' } },
  text_list: { title: 'List of texts', schema: { type: 'array', items: { type: 'string' } } },
  number_list: { title: 'List of numbers', schema: { type: 'array', items: { type: 'number' } } },
} as const;

export type FieldType = keyof typeof FIELD_TYPES;

export interface SchemaField {
  /** As the user typed it ("Headquarters city"); the property is its key ("headquarters_city"). */
  name: string;
  type: FieldType;
  description: string;
  isRequired: boolean;
}

export function emptyField(): SchemaField {
  return { name: '', type: 'text', description: '', isRequired: true };
}

/** The JSON Schema the fields describe: an object with one property per named field. */
export function schemaFromFields(fields: readonly SchemaField[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const field of fields) {
    const name = field.name.trim();
    if (name === '') continue;
    const key = keyFromName(name);
    properties[key] = {
      ...FIELD_TYPES[field.type].schema,
      ...(name !== key ? { title: name } : {}),
      ...(field.description.trim() !== '' ? { description: field.description.trim() } : {}),
    };
    if (field.isRequired) required.push(key);
  }
  return { type: 'object', properties, required };
}

/** The field list of a schema, or null when the schema says more than a field list can (it stays JSON). */
export function fieldsFromSchema(schema: unknown): SchemaField[] | null {
  if (!isRecord(schema) || schema.type !== 'object' || !isRecord(schema.properties)) return null;
  const required = Array.isArray(schema.required) ? schema.required : [];
  const known = new Set(['type', 'properties', 'required', '$schema', 'additionalProperties', 'title', 'description']);
  if (Object.keys(schema).some((key) => !known.has(key))) return null;
  const fields: SchemaField[] = [];
  for (const [key, property] of Object.entries(schema.properties)) {
    if (!isRecord(property)) return null;
    const type = fieldTypeOf(property);
    if (type === null) return null;
    const title = typeof property.title === 'string' && keyFromName(property.title) === key ? property.title : key;
    fields.push({ name: title, type, description: typeof property.description === 'string' ? property.description : '', isRequired: required.includes(key) });
  }
  return fields;
}

function fieldTypeOf(property: Record<string, unknown>): FieldType | null {
  const extra = Object.keys(property).filter((key) => !['type', 'format', 'items', 'title', 'description'].includes(key));
  if (extra.length > 0) return null;
  for (const [type, definition] of Object.entries(FIELD_TYPES) as [FieldType, (typeof FIELD_TYPES)[FieldType]][]) {
    const { schema } = definition;
    if (JSON.stringify(pick(property, ['type', 'format', 'items'])) === JSON.stringify(schema)) return type;
  }
  return null;
}

/** Problems with the list in plain words, each at the field it is about (index), or -1 for the list. */
export function fieldProblems(fields: readonly SchemaField[]): { index: number; message: string }[] {
  const problems: { index: number; message: string }[] = [];
  const named = fields.filter((field) => field.name.trim() !== '');
  if (named.length === 0) problems.push({ index: -1, message: 'Add at least one field: what should each answer contain?' });
  const seen = new Map<string, number>();
  fields.forEach((field, index) => {
    const name = field.name.trim();
    if (name === '') {
      if (fields.length > 1 || field.description.trim() !== '') problems.push({ index, message: `Give field ${index + 1} a name, or remove it.` });
      return;
    }
    const key = keyFromName(name);
    if (key === 'sources' || key === 'source' || key === 'explanation') {
      problems.push({ index, message: `Remove “${name}”: every answer already comes with its sources and an explanation.` });
    }
    if (seen.has(key)) problems.push({ index, message: `Two fields are called “${name}”: rename one.` });
    seen.set(key, index);
  });
  return problems;
}

const JSON_TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object', 'null'];

/**
 * What is wrong with a hand-written schema, in plain words, for the mistakes people make (a
 * misspelt type, a required field that is not among the fields…); null when nothing is found
 * here (the column rules may still find something, and say it their way).
 */
export function describeSchemaProblem(schema: unknown): string | null {
  if (!isRecord(schema)) return 'The schema must be a JSON object, such as {"type": "object", "properties": {…}}.';
  return problemAt(schema, null);
}

function problemAt(schema: Record<string, unknown>, field: string | null): string | null {
  const where = field === null ? 'The schema' : `The field “${field}”`;
  const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  for (const type of types) {
    if (typeof type !== 'string' || !JSON_TYPES.includes(type)) {
      return `${where} is not a valid JSON Schema: ${JSON.stringify(type)} is not a type; use string, number, integer, boolean, array, object or null.`;
    }
  }
  if (schema.properties !== undefined) {
    if (!isRecord(schema.properties)) return `${where}: "properties" must map each field name to what the field holds, such as {"city": {"type": "string"}}.`;
    for (const [name, property] of Object.entries(schema.properties)) {
      if (!isRecord(property)) return `The field “${name}” must be described by an object, such as {"type": "string"}.`;
      const problem = problemAt(property, name);
      if (problem) return problem;
    }
  }
  if (schema.required !== undefined) {
    if (!Array.isArray(schema.required) || schema.required.some((name) => typeof name !== 'string')) {
      return `${where}: "required" must be a list of field names, such as ["city"].`;
    }
    const fields = isRecord(schema.properties) ? Object.keys(schema.properties) : [];
    const unknown = schema.required.filter((name) => !fields.includes(name as string));
    if (unknown.length > 0) {
      return `${where}: "required" names ${unknown.map((name) => `“${name}”`).join(', ')}, which ${unknown.length === 1 ? 'is' : 'are'} not among the fields (${fields.join(', ') || 'none'}).`;
    }
  }
  if (isRecord(schema.items)) return problemAt(schema.items, field === null ? 'items' : `${field} › items`);
  return null;
}

/** The column rules' wording of schema problems, said for a person: no wire names, no ajv paths. */
export function plainSchemaMessage(message: string): string {
  const provenance = /^remove '(.+)' from output_schema: every answer already carries its sources and explanation$/.exec(message);
  if (provenance) return `Remove “${provenance[1]!.split("', '").join('” and “')}”: every answer already comes with its sources and an explanation.`;
  return message
    .replace(
      /^The column's output_schema is not a valid JSON Schema \((.*)\); fix the schema$/s,
      (_, detail: string) =>
        `The schema is not a valid JSON Schema: ${detail
          .replace(/^schema is invalid: /, '')
          .replaceAll('data/', '')
          .replaceAll('data', 'the schema')}.`,
    )
    .replace(/output_schema/g, 'answer schema');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pick(record: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => record[key] !== undefined).map((key) => [key, record[key]]));
}
