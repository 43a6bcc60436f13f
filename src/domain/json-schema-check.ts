import { Ajv2020 } from 'ajv/dist/2020.js';

// One validator instance: compiling meta-schemas is the expensive part.
const ajv = new Ajv2020({ strict: false, allErrors: false });

/** Why `schema` is not a usable JSON Schema, or null when it is. */
export function jsonSchemaProblem(schema: unknown): string | null {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return 'output_schema must be a JSON Schema object';
  try {
    if (!ajv.validateSchema(schema)) return `output_schema is not a valid JSON Schema: ${ajv.errorsText(ajv.errors)}`;
    ajv.compile(schema);
    return null;
  } catch (error) {
    return `output_schema is not a valid JSON Schema: ${(error as Error).message}`;
  }
}
