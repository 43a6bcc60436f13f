import { useEffect, useState } from 'react';
import type { Column, Run } from '../api/api-types.ts';
import { useSession } from '../auth/session-context.tsx';
import { countOf } from '../common/counts.ts';
import { ErrorMessage } from '../common/error-message.tsx';
import { FailureText } from '../grid/failure-text.tsx';
import { inputText } from '../grid/grid-cell.tsx';

const PAGE_SIZE = 25;

interface FailedCellView {
  rowId: string;
  columnId: string;
  error: string | null;
  /** The row's label (its main input), once read. */
  label?: string;
}

export interface FailedCellsListProps {
  tableId: string;
  run: Run;
  columns: Column[];
  /** The column whose value names a row (the frozen input column). */
  labelColumn: Column | undefined;
  onOpenRow(rowId: string): void;
}

/** A run's failed cells with their messages, a page at a time, each with its row's name and a way to open the row. */
export function FailedCellsList({ tableId, run, columns, labelColumn, onOpenRow }: FailedCellsListProps) {
  const { api } = useSession();
  const [cells, setCells] = useState<FailedCellView[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [offset, setOffset] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const names = new Map(columns.map((column) => [column.id, column.config.name]));

  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      const page = await api.listRunFailedCells(tableId, run.id, offset, PAGE_SIZE, controller.signal);
      if (controller.signal.aborted) return;
      const views = page.cells.map((cell) => ({ rowId: cell.row_id, columnId: cell.column_id, error: cell.error }));
      setTotal(page.total);
      setCells((current) => [...current, ...views]);
      // Rows are named by their main input; a page's rows are read side by side.
      const labels = await Promise.all(
        [...new Set(views.map((view) => view.rowId))].map(async (rowId) => {
          const row = await api.getRow(tableId, rowId).catch(() => null);
          return [rowId, labelColumn && row ? inputText(row.data[labelColumn.config.key]) : ''] as const;
        }),
      );
      if (controller.signal.aborted) return;
      const byRow = new Map(labels);
      setCells((current) => current.map((cell) => (cell.label === undefined && byRow.has(cell.rowId) ? { ...cell, label: byRow.get(cell.rowId) } : cell)));
    })().catch((caught: unknown) => {
      if (!controller.signal.aborted) setError(caught);
    });
    return () => controller.abort();
  }, [api, tableId, run.id, offset, labelColumn]);

  return (
    <div className="failed-cells" data-testid="failed-cells">
      <ErrorMessage error={error} title="Could not list the failed cells." />
      {total === 0 && <p className="muted">No cell of this run failed, or a later run took them over.</p>}
      {cells.length > 0 && (
        <table className="runs-list">
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Column</th>
              <th scope="col">Why it failed</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {cells.map((cell) => (
              <tr key={`${cell.rowId}/${cell.columnId}`} data-testid="failed-cell">
                <td>{cell.label === undefined ? '…' : cell.label || <span className="muted">empty</span>}</td>
                <td>{names.get(cell.columnId) ?? 'a deleted column'}</td>
                <td className="failed-cell-message">
                  <FailureText message={cell.error} />
                </td>
                <td>
                  <button type="button" className="button button-small" onClick={() => onOpenRow(cell.rowId)}>
                    Open row
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {total !== null && cells.length < total && (
        <button type="button" className="button" onClick={() => setOffset(cells.length)}>
          Show more ({countOf(total - cells.length, 'cell')} left)
        </button>
      )}
    </div>
  );
}
