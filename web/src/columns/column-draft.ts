import type { AgentType } from '../../../src/domain/column-config-schema.ts';
import type { ColumnConfig } from '../api/api-types.ts';
import { emptyField, fieldsFromSchema, schemaFromFields, type SchemaField } from './schema-fields.ts';

export const FORMAT_TITLES: Record<string, string> = {
  text: 'Text',
  url: 'URL',
  email: 'Email',
  phone: 'Phone',
  select: 'One of a list (select)',
  multiselect: 'Some of a list (multiselect)',
  numeric: 'Number',
  money: 'Money (amount and currency)',
  date: 'Date',
  grade: 'Grade 1–5',
  json: 'JSON (your schema)',
};

/** The form's state: every field of every kind, so switching kind keeps what was typed. */
export interface ColumnDraft {
  kind: ColumnConfig['kind'];
  name: string;
  key: string;
  /** The key follows the name until the user types one. */
  isKeyEdited: boolean;
  agentType: AgentType;
  prompt: string;
  outputFormat: string;
  /** One of the server's configured models (`value.model`), or '' for the default model. */
  model: string;
  labels: string[];
  outputSchemaText: string;
  /** The json answer's fields as a list (the schema is written from it), or null while the schema is edited as JSON. */
  schemaFields: SchemaField[] | null;
  criterion: string;
  roles: string[];
  maxResults: number;
  emailColumnKey: string;
  /** The column being edited, so fields the form does not show are kept on save. */
  original: ColumnConfig | null;
}

export const EXAMPLE_OUTPUT_SCHEMA = JSON.stringify(
  {
    type: 'object',
    properties: { headquarters_city: { type: 'string' }, founded_year: { type: 'integer' } },
    required: ['headquarters_city', 'founded_year'],
  },
  null,
  2,
);

export function emptyDraft(defaultAgentType: AgentType): ColumnDraft {
  return {
    kind: 'agent',
    name: '',
    key: '',
    isKeyEdited: false,
    agentType: defaultAgentType,
    prompt: '',
    outputFormat: 'text',
    model: '',
    labels: [],
    outputSchemaText: '',
    schemaFields: [emptyField()],
    criterion: '',
    roles: [],
    maxResults: 5,
    emailColumnKey: '',
    original: null,
  };
}

export function draftFromConfig(config: ColumnConfig): ColumnDraft {
  const draft: ColumnDraft = { ...emptyDraft('llm'), kind: config.kind, name: config.name, key: config.key, isKeyEdited: true, original: config };
  switch (config.kind) {
    case 'agent':
      return {
        ...draft,
        agentType: config.value.agent_type,
        prompt: config.value.prompt,
        outputFormat: config.value.output_format,
        model: config.value.model ?? '',
        labels: config.value.labels ?? [],
        outputSchemaText: config.value.output_schema ? JSON.stringify(config.value.output_schema, null, 2) : '',
        // A schema the field list cannot show is edited as JSON.
        schemaFields: config.value.output_schema ? fieldsFromSchema(config.value.output_schema) : [emptyField()],
      };
    case 'criterion_grade':
      return { ...draft, criterion: config.value.criterion };
    case 'company_people_finder':
      return { ...draft, roles: config.value.roles, maxResults: config.value.max_results };
    case 'reverse_email_lookup':
      return { ...draft, emailColumnKey: config.email_column_key };
    default:
      return draft;
  }
}

export function formatNeedsLabels(format: string): boolean {
  return format === 'select' || format === 'multiselect' || format === 'label';
}

/** The answer schema the draft describes: written from its field list, or parsed from its JSON. */
export function outputSchemaOf(draft: ColumnDraft): Record<string, unknown> | null {
  if (draft.schemaFields) return schemaFromFields(draft.schemaFields);
  return parseSchemaText(draft.outputSchemaText).schema ?? null;
}

/** The JSON-schema text as an object, or why it is not one. */
export function parseSchemaText(text: string): { schema?: Record<string, unknown>; problem?: string } {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return { problem: 'The schema must be a JSON object, such as {"type": "object", …}' };
    return { schema: value as Record<string, unknown> };
  } catch (error) {
    return { problem: `The schema is not valid JSON: ${(error as Error).message}` };
  }
}

/**
 * The config the draft describes, to validate and send. Only the fields of its kind are included;
 * kinds the form cannot create (built-ins) keep their config and take the new name.
 */
export function configFromDraft(draft: ColumnDraft): unknown {
  const common = { name: draft.name.trim(), key: draft.key.trim() };
  switch (draft.kind) {
    case 'input':
    case 'email_finder':
    case 'phone_finder':
      return { kind: draft.kind, ...common };
    case 'agent': {
      const original = draft.original?.kind === 'agent' ? draft.original.value : undefined;
      return {
        kind: 'agent',
        ...common,
        value: {
          agent_type: draft.agentType,
          prompt: draft.prompt,
          output_format: draft.outputFormat,
          ...(draft.model ? { model: draft.model } : {}),
          ...(formatNeedsLabels(draft.outputFormat) ? { labels: draft.labels } : {}),
          ...(draft.outputFormat === 'json' ? { output_schema: outputSchemaOf(draft) } : {}),
          ...(original?.extra_dependencies ? { extra_dependencies: original.extra_dependencies } : {}),
        },
      };
    }
    case 'criterion_grade':
      return { kind: 'criterion_grade', ...common, value: { criterion: draft.criterion } };
    case 'company_people_finder':
      return { kind: 'company_people_finder', ...common, value: { roles: draft.roles, max_results: draft.maxResults } };
    case 'reverse_email_lookup':
      return { kind: 'reverse_email_lookup', ...common, email_column_key: draft.emailColumnKey };
    default:
      return { ...draft.original, name: common.name };
  }
}
