import { useState } from 'react';
import { EXAMPLE_OUTPUT_SCHEMA, parseSchemaText } from './column-draft.ts';
import {
  describeSchemaProblem,
  emptyField,
  FIELD_TYPES,
  fieldsFromSchema,
  plainSchemaMessage,
  schemaFromFields,
  type FieldType,
  type SchemaField,
} from './schema-fields.ts';

export interface JsonSchemaFieldProps {
  /** The field list, or null while the schema is edited as JSON. */
  fields: SchemaField[] | null;
  /** The schema as JSON text (JSON mode). */
  text: string;
  onChange(change: { fields: SchemaField[] | null; text?: string }): void;
  /** Problems the column rules found in the schema (provenance fields, an invalid schema…). */
  problems: string[];
  /** Problems with the field list, by field index (-1: the list). */
  fieldProblems: { index: number; message: string }[];
}

/**
 * What a json column's answers contain. By default a list of fields — name, type, description,
 * required — that writes the JSON Schema; people who have a schema switch to JSON and paste it.
 * Problems are said in plain words either way.
 */
export function JsonSchemaField({ fields, text, onChange, problems, fieldProblems }: JsonSchemaFieldProps) {
  const [modeNote, setModeNote] = useState<string | null>(null);
  if (fields) {
    const update = (index: number, change: Partial<SchemaField>) =>
      onChange({ fields: fields.map((field, other) => (other === index ? { ...field, ...change } : field)) });
    const listProblems = fieldProblems.filter((problem) => problem.index === -1).map((problem) => problem.message);
    return (
      <fieldset className="schema-fields" data-testid="schema-fields">
        <div className="label-row">
          <legend>What each answer contains</legend>
          <button
            type="button"
            className="button-link"
            onClick={() => {
              setModeNote(null);
              onChange({ fields: null, text: JSON.stringify(schemaFromFields(fields), null, 2) });
            }}
          >
            Edit as JSON Schema
          </button>
        </div>
        <div className="schema-field-row schema-fields-header" aria-hidden="true">
          <span>Field</span>
          <span>Type</span>
          <span>Description (helps the model)</span>
          <span>Required</span>
          <span />
        </div>
        {fields.map((field, index) => (
          <div key={index} className="schema-field-row" data-testid="schema-field">
            <input
              type="text"
              aria-label={`Name of field ${index + 1}`}
              placeholder="e.g. Headquarters city"
              value={field.name}
              onChange={(event) => update(index, { name: event.target.value })}
            />
            <select aria-label={`Type of field ${index + 1}`} value={field.type} onChange={(event) => update(index, { type: event.target.value as FieldType })}>
              {Object.entries(FIELD_TYPES).map(([type, definition]) => (
                <option key={type} value={type}>
                  {definition.title}
                </option>
              ))}
            </select>
            <input
              type="text"
              aria-label={`Description of field ${index + 1}`}
              placeholder="What it is, in a few words"
              value={field.description}
              onChange={(event) => update(index, { description: event.target.value })}
            />
            <input
              type="checkbox"
              aria-label={`Field ${index + 1} is required`}
              checked={field.isRequired}
              onChange={(event) => update(index, { isRequired: event.target.checked })}
            />
            <button
              type="button"
              className="button button-quiet button-small"
              aria-label={`Remove field ${index + 1}`}
              disabled={fields.length === 1}
              onClick={() => onChange({ fields: fields.filter((_, other) => other !== index) })}
            >
              ×
            </button>
            {fieldProblems
              .filter((problem) => problem.index === index)
              .map((problem) => (
                <p key={problem.message} className="field-error schema-field-error" role="alert" data-testid="schema-error">
                  {problem.message}
                </p>
              ))}
          </div>
        ))}
        <div>
          <button type="button" className="button button-small" onClick={() => onChange({ fields: [...fields, emptyField()] })}>
            Add a field
          </button>
        </div>
        {[...listProblems, ...problems.map(plainSchemaMessage)].map((message) => (
          <p key={message} className="field-error" role="alert" data-testid="schema-error">
            {message}
          </p>
        ))}
      </fieldset>
    );
  }

  const { schema, problem: syntaxProblem } = parseSchemaText(text);
  const plain = syntaxProblem ?? (schema ? describeSchemaProblem(schema) : null);
  const shown = plain ? [plain] : problems.map(plainSchemaMessage);
  return (
    <div className="json-schema-field">
      <div className="label-row">
        <label htmlFor="column-output-schema">Answer schema (JSON Schema)</label>
        <span className="row-of-buttons">
          <button type="button" className="button-link" onClick={() => onChange({ fields: null, text: EXAMPLE_OUTPUT_SCHEMA })}>
            Insert an example
          </button>
          <button
            type="button"
            className="button-link"
            onClick={() => {
              const asFields = text.trim() === '' ? [emptyField()] : fieldsFromSchema(schema);
              if (asFields) {
                setModeNote(null);
                onChange({ fields: asFields });
              } else {
                setModeNote('This schema has parts a field list cannot show (nested objects, choices, patterns…): keep editing it as JSON.');
              }
            }}
          >
            Edit as a field list
          </button>
        </span>
      </div>
      <textarea
        id="column-output-schema"
        className="code"
        rows={9}
        spellCheck={false}
        value={text}
        aria-invalid={shown.length > 0}
        placeholder='{"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}'
        onChange={(event) => onChange({ fields: null, text: event.target.value })}
      />
      {modeNote && <p className="hint">{modeNote}</p>}
      {shown.map((message) => (
        <p key={message} className="field-error" role="alert" data-testid="schema-error">
          {message}
        </p>
      ))}
      {shown.length === 0 && text.trim() !== '' && (
        <p className="hint field-ok">Valid JSON Schema. Sources and explanation come with every answer; leave them out.</p>
      )}
    </div>
  );
}
