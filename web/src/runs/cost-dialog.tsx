import { useEffect, useState } from 'react';
import type { Column, TableUsage } from '../api/api-types.ts';
import { useSession } from '../auth/session-context.tsx';
import { Dialog } from '../common/dialog.tsx';
import { ErrorMessage } from '../common/error-message.tsx';
import { formatDollars } from './dollars.ts';

export interface CostDialogProps {
  tableId: string;
  columns: Column[];
  onClose(): void;
}

type Figures = TableUsage['total'];

function costText(figures: Figures): string {
  return `${formatDollars(figures.cost)}${figures.unpriced_cells > 0 ? ` + ${figures.unpriced_cells.toLocaleString()} unpriced` : ''}`;
}

/** What the table spent, per column and in total, and what the cache and shared profiles saved. */
export function CostDialog({ tableId, columns, onClose }: CostDialogProps) {
  const { api } = useSession();
  const [usage, setUsage] = useState<TableUsage | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.getUsage(tableId, 'column').then(setUsage, setError);
  }, [api, tableId]);
  const nameOf = new Map(columns.map((column) => [column.id, column.config.name]));
  const rows: { key: string; label: string; figures: Figures }[] = usage
    ? [
        ...usage.groups.map((group) => ({ key: group.key, label: nameOf.get(group.key) ?? group.key, figures: group.usage })),
        { key: 'total', label: 'Total', figures: usage.total },
      ]
    : [];
  return (
    <Dialog title="Cost" onClose={onClose} testId="cost-dialog" size="wide">
      <ErrorMessage error={error} />
      {!usage && !error && <p className="muted">Adding up…</p>}
      {usage && (
        <table className="cost-table">
          <thead>
            <tr>
              <th>Column</th>
              <th>Cells</th>
              <th>Model calls</th>
              <th>Tokens</th>
              <th>Searches</th>
              <th>Cost</th>
              <th>Saved by the cache</th>
              <th>Saved by shared profiles</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} data-testid={`cost-row-${row.key}`}>
                <td>{row.label}</td>
                <td>{row.figures.cells.toLocaleString()}</td>
                <td>{row.figures.model_calls.toLocaleString()}</td>
                <td>{(row.figures.input_tokens + row.figures.output_tokens).toLocaleString()}</td>
                <td>{row.figures.searches.toLocaleString()}</td>
                <td data-testid="cost-amount">{costText(row.figures)}</td>
                <td>
                  {row.figures.cached_calls.toLocaleString()} calls, {formatDollars(row.figures.cache_saved_cost)}
                </td>
                <td>
                  {row.figures.profiles_reused.toLocaleString()} profiles, {formatDollars(row.figures.profile_saved_cost)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="hint">Prices in {usage?.currency ?? 'USD'}, recorded as each cell ended; a model without a price counts as unpriced, never as free.</p>
    </Dialog>
  );
}
