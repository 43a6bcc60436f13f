import { EXAMPLE_OUTPUT_SCHEMA, parseSchemaText } from './column-draft.ts';

export interface JsonSchemaFieldProps {
  value: string;
  onChange(value: string): void;
  /** Problems the column rules found in the schema (not a JSON Schema, provenance fields, …). */
  problems: string[];
}

/** The JSON Schema of a json column's answer, checked as it is typed: first as JSON, then by the server's rules. */
export function JsonSchemaField({ value, onChange, problems }: JsonSchemaFieldProps) {
  const { problem: syntaxProblem } = parseSchemaText(value);
  const shown = syntaxProblem ? [syntaxProblem] : problems;
  return (
    <div className="json-schema-field">
      <div className="label-row">
        <label htmlFor="column-output-schema">Answer schema (JSON Schema)</label>
        <button type="button" className="button-link" onClick={() => onChange(EXAMPLE_OUTPUT_SCHEMA)}>
          Insert an example
        </button>
      </div>
      <textarea
        id="column-output-schema"
        className="code"
        rows={9}
        spellCheck={false}
        value={value}
        aria-invalid={shown.length > 0}
        placeholder='{"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}'
        onChange={(event) => onChange(event.target.value)}
      />
      {shown.map((message) => (
        <p key={message} className="field-error" role="alert" data-testid="schema-error">
          {message}
        </p>
      ))}
      {shown.length === 0 && value.trim() !== '' && (
        <p className="hint field-ok">Valid JSON Schema. Sources and explanation come with every answer; leave them out.</p>
      )}
    </div>
  );
}
