import { useState } from 'react';
import type { DiscoveryResult, DiscoveryTask } from '../api/api-types.ts';
import { useSession } from '../auth/session-context.tsx';
import { countOf, nounFor } from '../common/counts.ts';
import { ErrorMessage } from '../common/error-message.tsx';
import { followLink, tableUrl } from '../routing/routes.ts';
import { addCompaniesToTable } from '../companies/company-rows.ts';
import { useCompanyTables } from './use-company-tables.ts';

/**
 * "Add N to table": the ticked results become rows of a chosen company table, input = the
 * company's domain, with the same metadata the task's own import writes (task, result, scores),
 * so the row says where it came from.
 */
export function AddResultsBar({ task, results }: { task: DiscoveryTask; results: DiscoveryResult[] }) {
  const { api } = useSession();
  const tables = useCompanyTables();
  const [tableId, setTableId] = useState('');
  const [isRunAfter, setIsRunAfter] = useState(true);
  const [isAdding, setIsAdding] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [added, setAdded] = useState<{ count: number; tableId: string; tableName: string } | null>(null);
  const chosen = tables.data?.find((table) => table.id === tableId);

  const add = async () => {
    if (!chosen) return;
    setIsAdding(true);
    setError(null);
    setAdded(null);
    try {
      const count = await addCompaniesToTable(
        api,
        chosen.id,
        results.map((result) => ({
          domain: result.company_website,
          metadata: { discovery_task_id: task.id, discovery_result_id: result.id, discovery_scores: result.scores },
        })),
        isRunAfter,
      );
      setAdded({ count, tableId: chosen.id, tableName: chosen.name });
    } catch (caught) {
      setError(caught);
    } finally {
      setIsAdding(false);
    }
  };

  return (
    <div className="stack-tight">
      <div className="add-results-bar" data-testid="add-results-bar">
        <label className="checkbox">
          Add to
          <select value={tableId} onChange={(event) => setTableId(event.target.value)} data-testid="add-results-table" aria-label="Company table">
            <option value="">Choose a company table…</option>
            {(tables.data ?? []).map((table) => (
              <option key={table.id} value={table.id}>
                {table.name}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox muted">
          <input type="checkbox" checked={isRunAfter} onChange={(event) => setIsRunAfter(event.target.checked)} />
          Run the new rows (profiles are reused)
        </label>
        <button
          type="button"
          className="button button-primary"
          disabled={results.length === 0 || !chosen || isAdding}
          onClick={() => void add()}
          data-testid="add-results"
        >
          {isAdding ? 'Adding…' : `Add ${results.length.toLocaleString()} ${nounFor(results.length, 'company', 'companies')} to the table`}
        </button>
        {tables.data?.length === 0 && <span className="muted small">You have no company table yet: create one on the Tables page.</span>}
      </div>
      {added && (
        <p className="notice notice-info" data-testid="add-results-done">
          Added {countOf(added.count, 'company', 'companies')} to{' '}
          <a href={tableUrl(added.tableId)} onClick={followLink}>
            {added.tableName}
          </a>
          .
        </p>
      )}
      <ErrorMessage error={error} title="Adding the companies stopped." />
    </div>
  );
}
