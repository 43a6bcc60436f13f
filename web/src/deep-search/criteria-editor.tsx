import { type CriterionDraft, type FormProblem, MAX_CRITERIA, renameDraft } from './deep-search-form.ts';

export interface CriteriaEditorProps {
  criteria: CriterionDraft[];
  onChange(criteria: CriterionDraft[]): void;
  /** Problems of the whole form; those at `criteria.<index>.<field>` show under their field. */
  problems: FormProblem[];
  /** Makes a new row (the page owns the id counter). */
  newDraft(): CriterionDraft;
}

/**
 * Rows of key, name and description; each company found is graded 1–5 against every row. The key
 * follows the name until it is typed. No rows at all is fine: the server writes criteria from
 * the query.
 */
export function CriteriaEditor({ criteria, onChange, problems, newDraft }: CriteriaEditorProps) {
  const replace = (index: number, next: CriterionDraft) => onChange(criteria.map((draft, at) => (at === index ? next : draft)));
  const problemAt = (index: number, field: string) => problems.find((problem) => problem.field === `criteria.${index}.${field}`)?.message;
  const listProblem = problems.find((problem) => problem.field === 'criteria')?.message;
  return (
    <fieldset className="criteria-editor" data-testid="criteria-editor">
      <legend>Criteria</legend>
      <p className="hint">Each company found is graded 1–5 against every criterion. Leave this empty and Fathom writes criteria from your description.</p>
      {criteria.map((draft, index) => (
        <div key={draft.id} className="criterion-row" data-testid="criterion-row">
          <label className="field">
            Name
            <input value={draft.name} placeholder="Builds warehouse robots" onChange={(event) => replace(index, renameDraft(draft, event.target.value))} />
            {problemAt(index, 'name') && <span className="field-error">{problemAt(index, 'name')}</span>}
          </label>
          <label className="field">
            Key
            <input
              className="code"
              value={draft.key}
              placeholder="builds_robots"
              onChange={(event) => replace(index, { ...draft, key: event.target.value, isKeyEdited: true })}
            />
            {problemAt(index, 'key') && <span className="field-error">{problemAt(index, 'key')}</span>}
          </label>
          <label className="field criterion-text">
            What must hold
            <input
              value={draft.criterion}
              placeholder="The company builds robots for warehouses"
              onChange={(event) => replace(index, { ...draft, criterion: event.target.value })}
            />
            {problemAt(index, 'criterion') && <span className="field-error">{problemAt(index, 'criterion')}</span>}
          </label>
          <button
            type="button"
            className="button button-quiet criterion-remove"
            aria-label={`Remove criterion ${index + 1}`}
            onClick={() => onChange(criteria.filter((_, at) => at !== index))}
          >
            ×
          </button>
        </div>
      ))}
      {listProblem && <p className="field-error">{listProblem}</p>}
      <button type="button" className="button button-small" disabled={criteria.length >= MAX_CRITERIA} onClick={() => onChange([...criteria, newDraft()])}>
        Add a criterion
      </button>
    </fieldset>
  );
}
