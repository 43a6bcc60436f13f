import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { baselineContextKeys } from '../../../src/domain/table-kinds.ts';
import { ApiError } from '../api/api-error.ts';
import type { Column, ColumnConfig, ConfiguredModels, TableKind, ValidationIssue } from '../api/api-types.ts';
import { useSession } from '../auth/session-context.tsx';
import { Dialog } from '../common/dialog.tsx';
import { ErrorMessage } from '../common/error-message.tsx';
import { countOf } from '../common/counts.ts';
import { useDebouncedValue } from '../common/use-debounced-value.ts';
import { checkColumn, type ColumnContext } from './column-checks.ts';
import { agentTypeChoices, agentTypeTitle, columnKindChoices, isOfferedKind, kindTitle } from './column-choices.ts';
import { keyFromName } from '../../../src/domain/column-key-from-name.ts';
import { FORMAT_TITLES, configFromDraft, draftFromConfig, emptyDraft, formatNeedsLabels, parseSchemaText, type ColumnDraft } from './column-draft.ts';
import { describeSchemaProblem, fieldProblems } from './schema-fields.ts';
import { JsonSchemaField } from './json-schema-field.tsx';
import { ListField } from './list-field.tsx';
import { PromptField } from './prompt-field.tsx';

export interface ColumnFormDialogProps {
  tableId: string;
  tableKind: TableKind;
  hasParentTable: boolean;
  columns: Column[];
  /** The column to edit, or null to add one. */
  editing: Column | null;
  /** Up to three row ids for "try on the first rows". */
  firstRowIds: string[];
  onSaved(column: Column, isTried: boolean): void;
  onClose(): void;
}

/** Where an issue belongs in the form, from its location (which the server and the local checks share). */
function fieldOf(loc: ValidationIssue['loc']): string {
  const path = loc.join('.');
  if (path.startsWith('value.labels')) return 'labels';
  if (path.startsWith('value.output_schema')) return 'output_schema';
  if (path.startsWith('value.roles')) return 'roles';
  return path;
}

/** The issue locations of a 422 on this form, without the request prefix (`body`, `column_configs`, 0). */
function formIssues(error: unknown): ValidationIssue[] {
  if (!(error instanceof ApiError)) return [];
  return error.issues.map((issue) => {
    let loc = issue.loc[0] === 'body' ? issue.loc.slice(1) : issue.loc;
    if (loc[0] === 'column_configs') loc = loc.slice(2);
    return { ...issue, loc };
  });
}

/** Add or edit a column, following the contract: only what the table kind allows, checked live by the server's rules. */
export function ColumnFormDialog(props: ColumnFormDialogProps) {
  const { api } = useSession();
  const { editing, columns, tableKind } = props;
  const others = useMemo(() => columns.filter((column) => column.id !== editing?.id), [columns, editing]);
  const context = useMemo<ColumnContext>(
    () => ({ tableKind, hasParentTable: props.hasParentTable, existing: others.map((column) => column.config) }),
    [tableKind, props.hasParentTable, others],
  );
  const kindChoices = useMemo(() => columnKindChoices(tableKind), [tableKind]);
  const agentChoices = useMemo(() => agentTypeChoices(tableKind), [tableKind]);
  const agentTypes = agentChoices.map((choice) => choice.agentType);
  const [draft, setDraft] = useState<ColumnDraft>(() =>
    editing ? draftFromConfig(editing.config) : emptyDraft(agentTypes.includes('research_pro') ? 'research_pro' : (agentTypes[0] ?? 'llm')),
  );
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [isSubmitAttempted, setIsSubmitAttempted] = useState(false);
  const [serverError, setServerError] = useState<unknown>(null);
  const [isSaving, setIsSaving] = useState(false);
  // The server's configured models, for the model picker (a cheap one to classify, a strong one to research).
  const [models, setModels] = useState<ConfiguredModels | null>(null);
  useEffect(() => {
    let isCurrent = true;
    api.listModels().then(
      (answer) => isCurrent && setModels(answer),
      () => isCurrent && setModels(null),
    );
    return () => {
      isCurrent = false;
    };
  }, [api]);

  const check = checkColumn(configFromDraft(draft), context);
  const issues = [...check.issues, ...formIssues(serverError)];
  // The field list's own problems (an unnamed field, two fields of one name) and the plain-words
  // reading of a hand-written schema also keep the column from being saved.
  const isJsonAgent = draft.kind === 'agent' && draft.outputFormat === 'json';
  const schemaFieldProblems = isJsonAgent && draft.schemaFields ? fieldProblems(draft.schemaFields) : [];
  const schemaTextProblem = isJsonAgent && !draft.schemaFields ? describeSchemaProblem(parseSchemaText(draft.outputSchemaText).schema ?? null) : null;
  const isSchemaBlocking = schemaFieldProblems.length > 0 || (schemaTextProblem !== null && draft.outputSchemaText.trim() !== '');
  const issuesFor = (field: string) =>
    isSubmitAttempted || touched.has(field) ? issues.filter((issue) => fieldOf(issue.loc) === field).map((issue) => issue.msg) : [];
  const shownFields = new Set([
    'name',
    'key',
    'kind',
    'value.agent_type',
    'value.prompt',
    'value.output_format',
    'value.model',
    'labels',
    'output_schema',
    'value.criterion',
    'roles',
    'value.max_results',
    'email_column_key',
  ]);
  const otherIssues = isSubmitAttempted ? issues.filter((issue) => !shownFields.has(fieldOf(issue.loc))) : [];

  const update = (field: string, change: Partial<ColumnDraft>) => {
    setDraft((current) => {
      const next = { ...current, ...change };
      if (change.name !== undefined && !current.isKeyEdited && !editing) next.key = keyFromName(change.name);
      return next;
    });
    setTouched((current) => new Set(current).add(field));
    setServerError(null);
  };

  const referenceable = others.map((column) => ({ key: column.config.key, name: column.config.name }));
  const baselineKeys = baselineContextKeys(tableKind).filter((key) => others.some((column) => column.config.key === key));

  // Editing: how many answers saving would mark out of date (asked once the draft settles).
  // Compared as JSON: the check builds a new config object on every render.
  const settledConfigText = useDebouncedValue(editing && check.config ? JSON.stringify(check.config) : null, 400);
  const settledConfig = useMemo(() => (settledConfigText ? (JSON.parse(settledConfigText) as ColumnConfig) : null), [settledConfigText]);
  const [outOfDate, setOutOfDate] = useState<{ count: number; names: string[] } | null>(null);
  useEffect(() => {
    if (!editing || !settledConfig) {
      setOutOfDate(null);
      return;
    }
    let isCurrent = true;
    api.previewColumnChange(props.tableId, editing.id, settledConfig).then(
      (preview) => {
        if (!isCurrent) return;
        const names = preview.column_keys.map((key) => props.columns.find((column) => column.config.key === key)?.config.name ?? key);
        setOutOfDate({ count: preview.num_cells_out_of_date, names });
      },
      () => isCurrent && setOutOfDate(null),
    );
    return () => {
      isCurrent = false;
    };
  }, [api, props.tableId, props.columns, editing, settledConfig]);

  const save = async (isTry: boolean) => {
    setIsSubmitAttempted(true);
    if (!check.config || isSchemaBlocking) return;
    setIsSaving(true);
    setServerError(null);
    try {
      if (editing) {
        props.onSaved(await api.replaceColumn(props.tableId, editing.id, check.config), false);
      } else {
        const [created] = await api.addColumn(props.tableId, check.config);
        if (isTry && props.firstRowIds.length > 0) await api.runTable(props.tableId, { mode: 'new', columns: [created!.id], rows: props.firstRowIds });
        props.onSaved(created!, isTry);
      }
      props.onClose();
    } catch (error) {
      setServerError(error);
      setIsSaving(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(false);
  };

  const isCreatable = isOfferedKind(draft.kind);
  const chosenKind = kindChoices.find((choice) => choice.kind === draft.kind);
  const canTry = !editing && draft.kind !== 'input' && props.firstRowIds.length > 0;
  const nonReferenceIssues = issuesFor('value.prompt').filter((message) => !message.includes('does not match any column key'));

  return (
    <Dialog title={editing ? `Edit “${editing.config.name}”` : 'Add a column'} onClose={props.onClose} size="wide" testId="column-form">
      <form className="column-form" onSubmit={submit} noValidate>
        <div className="form-grid">
          <div className="field">
            <label htmlFor="column-kind">Kind</label>
            {editing || !isCreatable ? (
              <p id="column-kind" className="static-field">
                {kindTitle(draft.kind)}
              </p>
            ) : (
              <select id="column-kind" value={draft.kind} onChange={(event) => update('kind', { kind: event.target.value as ColumnDraft['kind'] })}>
                {kindChoices.map((choice) => (
                  <option key={choice.kind} value={choice.kind} disabled={choice.refusal !== null}>
                    {choice.label}
                    {choice.refusal ? ` (not available: ${choice.refusal})` : ''}
                  </option>
                ))}
              </select>
            )}
            {chosenKind && <p className="hint">{chosenKind.description}</p>}
            <FieldErrors messages={issuesFor('kind')} />
          </div>
          <div className="field">
            <label htmlFor="column-name">Name</label>
            <input
              id="column-name"
              value={draft.name}
              onChange={(event) => update('name', { name: event.target.value })}
              placeholder="What it holds, e.g. Industry"
              data-autofocus
            />
            <FieldErrors messages={issuesFor('name')} />
          </div>
          <div className="field">
            <label htmlFor="column-key">Key</label>
            <input
              id="column-key"
              className="code"
              value={draft.key}
              readOnly={editing !== null}
              onChange={(event) => update('key', { key: event.target.value, isKeyEdited: true })}
            />
            <p className="hint">{editing ? 'Keys cannot change: prompts and scripts refer to them.' : 'Used in {references} and in the API.'}</p>
            <FieldErrors messages={issuesFor('key')} />
          </div>
        </div>

        {draft.kind === 'agent' && (
          <>
            <div className="form-grid">
              <div className="field">
                <label htmlFor="column-agent-type">Agent</label>
                <select
                  id="column-agent-type"
                  value={draft.agentType}
                  onChange={(event) => update('value.agent_type', { agentType: event.target.value as ColumnDraft['agentType'] })}
                >
                  {agentChoices.map((choice) => (
                    <option key={choice.agentType} value={choice.agentType}>
                      {choice.agentType}: {choice.title}
                    </option>
                  ))}
                  {!agentTypes.includes(draft.agentType) && (
                    <option value={draft.agentType}>
                      {draft.agentType}: {agentTypeTitle(draft.agentType)} (not offered on {tableKind} tables)
                    </option>
                  )}
                </select>
                <FieldErrors messages={issuesFor('value.agent_type')} />
              </div>
              <div className="field">
                <label htmlFor="column-output-format">Answer format</label>
                <select
                  id="column-output-format"
                  value={draft.outputFormat}
                  onChange={(event) => update('value.output_format', { outputFormat: event.target.value })}
                >
                  {Object.entries(FORMAT_TITLES).map(([format, title]) => (
                    <option key={format} value={format}>
                      {title}
                    </option>
                  ))}
                  {!(draft.outputFormat in FORMAT_TITLES) && <option value={draft.outputFormat}>{draft.outputFormat} (legacy)</option>}
                </select>
                <FieldErrors messages={issuesFor('value.output_format')} />
              </div>
            </div>
            {models && models.models.length > 0 && (
              <div className="field">
                <label htmlFor="column-model">Model</label>
                <select
                  id="column-model"
                  data-testid="column-model"
                  value={draft.model}
                  onChange={(event) => update('value.model', { model: event.target.value })}
                >
                  <option value="">Default{models.default_model ? ` (${models.default_model})` : ''}</option>
                  {models.models.map((model) => (
                    <option key={model.id} value={model.id}>
                      {model.id}
                      {modelPriceNote(model)}
                    </option>
                  ))}
                  {draft.model !== '' && !models.models.some((model) => model.id === draft.model) && (
                    <option value={draft.model}>{draft.model} (no longer configured)</option>
                  )}
                </select>
                <p className="hint">Every call of this column goes to this model: a cheap one to classify, a strong one to research.</p>
                <FieldErrors messages={issuesFor('value.model')} />
              </div>
            )}
            <PromptField
              id="column-prompt"
              label="Prompt"
              value={draft.prompt}
              onChange={(prompt) => update('value.prompt', { prompt })}
              columns={referenceable}
              baselineKeys={baselineKeys}
              placeholder={
                tableKind === 'company' ? 'Which industry is this company in?' : 'Describe what to find for each row, e.g. Summarise {input} in one sentence.'
              }
            />
            <FieldErrors messages={nonReferenceIssues} />
            {formatNeedsLabels(draft.outputFormat) && (
              <div data-testid="labels-field">
                <ListField
                  id="column-labels"
                  label={draft.outputFormat === 'multiselect' ? 'Labels (the answer is some of these)' : 'Labels (the answer is one of these)'}
                  itemName="label"
                  values={draft.labels}
                  onChange={(labels) => update('labels', { labels })}
                  placeholder="Type a label and press Enter"
                />
                <FieldErrors messages={issuesFor('labels')} />
              </div>
            )}
            {draft.outputFormat === 'json' && (
              <JsonSchemaField
                fields={draft.schemaFields}
                text={draft.outputSchemaText}
                onChange={(change) =>
                  update('output_schema', { schemaFields: change.fields, ...(change.text === undefined ? {} : { outputSchemaText: change.text }) })
                }
                fieldProblems={isSubmitAttempted || touched.has('output_schema') ? schemaFieldProblems : []}
                problems={
                  draft.schemaFields || draft.outputSchemaText.trim() !== ''
                    ? issues.filter((issue) => fieldOf(issue.loc) === 'output_schema').map((issue) => issue.msg)
                    : issuesFor('output_schema')
                }
              />
            )}
          </>
        )}

        {draft.kind === 'criterion_grade' && (
          <>
            <PromptField
              id="column-criterion"
              label="Criterion (each row is graded 1–5 against it)"
              value={draft.criterion}
              onChange={(criterion) => update('value.criterion', { criterion })}
              columns={referenceable}
              baselineKeys={baselineKeys}
              placeholder="Sells to mid-market B2B software companies"
            />
            <FieldErrors messages={issuesFor('value.criterion').filter((message) => !message.includes('does not match any column key'))} />
          </>
        )}

        {draft.kind === 'company_people_finder' && (
          <div className="form-grid">
            <div className="field field-wide">
              <ListField
                id="column-roles"
                label="Roles to find"
                itemName="role"
                values={draft.roles}
                onChange={(roles) => update('roles', { roles })}
                placeholder="VP Sales, Head of Marketing…"
              />
              <FieldErrors messages={issuesFor('roles')} />
            </div>
            <div className="field">
              <label htmlFor="column-max-results">People per company</label>
              <input
                id="column-max-results"
                type="number"
                min={1}
                max={50}
                value={draft.maxResults}
                onChange={(event) => update('value.max_results', { maxResults: Number(event.target.value) })}
              />
              <FieldErrors messages={issuesFor('value.max_results')} />
            </div>
          </div>
        )}

        {draft.kind === 'reverse_email_lookup' && (
          <div className="field">
            <label htmlFor="column-email-key">Column holding the email</label>
            <select id="column-email-key" value={draft.emailColumnKey} onChange={(event) => update('email_column_key', { emailColumnKey: event.target.value })}>
              <option value="">Choose a column</option>
              {referenceable.map((column) => (
                <option key={column.key} value={column.key}>
                  {column.name} ({column.key})
                </option>
              ))}
            </select>
            <FieldErrors messages={issuesFor('email_column_key')} />
          </div>
        )}

        {otherIssues.length > 0 && (
          <div className="notice notice-error" role="alert">
            <ul>
              {otherIssues.map((issue, index) => (
                <li key={index}>{issue.loc.length > 0 ? `${issue.loc.join(' › ')}: ${issue.msg}` : issue.msg}</li>
              ))}
            </ul>
          </div>
        )}
        {serverError !== null && !(serverError instanceof ApiError && serverError.issues.length > 0) && <ErrorMessage error={serverError} />}
        {isSubmitAttempted && ((!check.config && issues.length > 0) || isSchemaBlocking) && (
          <p className="field-error">Fix the marked fields to save the column.</p>
        )}

        {outOfDate && outOfDate.count > 0 && (
          <p className="hint" data-testid="out-of-date-preview">
            Saving marks {countOf(outOfDate.count, 'answer')} out of date ({outOfDate.names.join(', ')}). They stay as they are until you re-run out-of-date
            answers.
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={props.onClose}>
            Cancel
          </button>
          {canTry && (
            <button
              type="button"
              className="button"
              disabled={isSaving}
              onClick={() => void save(true)}
              title="Adds the column and runs it on the first rows only, so you can check the answers before running the whole table."
            >
              Add and try on the first {props.firstRowIds.length === 1 ? 'row' : `${props.firstRowIds.length} rows`}
            </button>
          )}
          <button type="submit" className="button button-primary" disabled={isSaving}>
            {isSaving ? 'Saving…' : editing ? 'Save column' : 'Add column'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** A model's price as an option shows it, so a user sees which model is the cheap one. */
function modelPriceNote(model: ConfiguredModels['models'][number]): string {
  if (model.input_per_million === null || model.output_per_million === null) return ' (price unknown)';
  return ` ($${model.input_per_million} / $${model.output_per_million} per million tokens in / out)`;
}

function FieldErrors({ messages }: { messages: string[] }) {
  return (
    <>
      {messages.map((message, index) => (
        <p key={index} className="field-error" role="alert">
          {message}
        </p>
      ))}
    </>
  );
}
