import { useRef, useState, type FormEvent } from 'react';
import { useSession } from '../auth/session-context.tsx';
import { ErrorMessage } from '../common/error-message.tsx';
import { deepSearchUrl, navigate } from '../routing/routes.ts';
import { CriteriaEditor } from './criteria-editor.tsx';
import { buildDiscoveryTaskInput, type CriterionDraft, type DeepSearchForm, type FormProblem, MAX_DISCOVERY_RESULTS } from './deep-search-form.ts';
import { useCompanyTables } from './use-company-tables.ts';

/** Start a Deep Search: a description, how many companies, criteria, and optionally a table to fill. */
export function NewDeepSearchForm() {
  const { api } = useSession();
  const tables = useCompanyTables();
  const nextId = useRef(1);
  const newDraft = (): CriterionDraft => ({ id: nextId.current++, key: '', name: '', criterion: '', isKeyEdited: false });
  const [form, setForm] = useState<DeepSearchForm>(() => ({ query: '', desiredResults: '25', criteria: [newDraft()], importTableId: '', runImported: false }));
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [isStarting, setIsStarting] = useState(false);
  const set = (changes: Partial<DeepSearchForm>) => setForm((current) => ({ ...current, ...changes }));
  const problemAt = (field: string) => problems.find((problem) => problem.field === field)?.message;

  const start = async (event: FormEvent) => {
    event.preventDefault();
    const built = buildDiscoveryTaskInput(form);
    if (!built.ok) {
      setProblems(built.problems);
      return;
    }
    setProblems([]);
    setError(null);
    setIsStarting(true);
    try {
      const task = await api.createDiscoveryTask(built.input);
      navigate(deepSearchUrl(task.id));
    } catch (caught) {
      setError(caught);
      setIsStarting(false);
    }
  };

  return (
    <form className="stack deep-search-form" onSubmit={start} data-testid="new-deep-search">
      <h2>New Deep Search</h2>
      <label className="field">
        Describe the companies to find
        <textarea
          rows={2}
          value={form.query}
          placeholder="Warehouse robotics companies headquartered in Europe"
          onChange={(event) => set({ query: event.target.value })}
          data-testid="deep-search-query"
        />
        {problemAt('query') && <span className="field-error">{problemAt('query')}</span>}
      </label>
      <label className="field deep-search-count">
        How many companies (1–{MAX_DISCOVERY_RESULTS})
        <input inputMode="numeric" value={form.desiredResults} onChange={(event) => set({ desiredResults: event.target.value })} size={5} />
        {problemAt('desired_num_results') && <span className="field-error">{problemAt('desired_num_results')}</span>}
      </label>
      <CriteriaEditor criteria={form.criteria} onChange={(criteria) => set({ criteria })} problems={problems} newDraft={newDraft} />
      <div className="inline-choices wrap">
        <label className="field">
          Add results to a company table as they are graded
          <select value={form.importTableId} onChange={(event) => set({ importTableId: event.target.value })} data-testid="deep-search-import-table">
            <option value="">No, I will pick the ones to add</option>
            {(tables.data ?? []).map((table) => (
              <option key={table.id} value={table.id}>
                {table.name}
              </option>
            ))}
          </select>
        </label>
        {form.importTableId !== '' && (
          <label className="checkbox">
            <input type="checkbox" checked={form.runImported} onChange={(event) => set({ runImported: event.target.checked })} />
            Run the table’s columns on them
          </label>
        )}
      </div>
      <ErrorMessage error={error} title="The Deep Search did not start." />
      <div className="row-of-buttons">
        <button type="submit" className="button button-primary" disabled={isStarting}>
          {isStarting ? 'Starting…' : 'Start Deep Search'}
        </button>
      </div>
    </form>
  );
}
