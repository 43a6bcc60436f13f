import type { TableWithStatus } from '../api/api-types.ts';
import { Menu } from '../common/menu.tsx';
import { followLink, tableUrl } from '../routing/routes.ts';
import { TABLE_KIND_DESCRIPTIONS } from '../tables/table-kinds.ts';
import { countOf } from '../common/counts.ts';

export interface TableToolbarProps {
  table: TableWithStatus;
  selectedCount: number;
  /** What Undo / Redo would do, or null. */
  undoLabel: string | null;
  redoLabel: string | null;
  onUndo(): void;
  onRedo(): void;
  onRename(): void;
  onPaste(): void;
  onImport(): void;
  /** Company tables: search the workspace's company index and add what is ticked. */
  onFindCompanies(): void;
  onAddColumn(): void;
  onRun(): void;
  onRuns(): void;
  /** What the table spent, per column. */
  onCost(): void;
  onExport(): void;
  onDeleteRows(): void;
  onClearSelection(): void;
  /** Filter the grid to rows with a failed cell. */
  onShowFailed(): void;
  /** Filter the grid to rows with an out-of-date answer. */
  onShowOutOfDate(): void;
  /** Run mode `stale`: recompute only the out-of-date answers. */
  onRerunOutOfDate(): void;
}

/** The table's name and counts, and every action on the whole table. */
export function TableToolbar(props: TableToolbarProps) {
  const { table, selectedCount } = props;
  const status = table.status;
  return (
    <div className="toolbar">
      <div className="toolbar-title">
        <a href="/" onClick={followLink} className="muted small">
          Tables
        </a>
        <span className="muted small"> / </span>
        {table.parent_relationships?.[0] && (
          <>
            <a href={tableUrl(table.parent_relationships[0].table_id)} onClick={followLink} className="muted small" data-testid="parent-table-link">
              Company table
            </a>
            <span className="muted small"> / </span>
          </>
        )}
        <h1>
          <button type="button" className="title-button" onClick={props.onRename} title="Rename">
            {table.name}
          </button>
        </h1>
        <span className="muted small" data-testid="table-counts">
          {TABLE_KIND_DESCRIPTIONS[table.kind].title} · {countOf(status.num_rows, 'row')} · {countOf(status.num_columns, 'column')}
        </span>
        {table.child_relationships?.map((child) => (
          <a key={child.table_id} href={tableUrl(child.table_id)} onClick={followLink} className="small" data-testid="child-table-link">
            People table →
          </a>
        ))}
        {status.num_cells_failed > 0 && (
          <button type="button" className="link-button small" onClick={props.onShowFailed} data-testid="show-failed" title="Show the rows with a failed cell">
            {countOf(status.num_cells_failed, 'failed cell')}
          </button>
        )}
        {(status.num_cells_out_of_date ?? 0) > 0 && (
          <span className="small">
            <button
              type="button"
              className="link-button small"
              onClick={props.onShowOutOfDate}
              data-testid="show-out-of-date"
              title="Show the rows with an out-of-date answer"
            >
              {countOf(status.num_cells_out_of_date ?? 0, 'answer')} out of date
            </button>{' '}
            <button type="button" className="button button-small" onClick={props.onRerunOutOfDate} data-testid="rerun-out-of-date">
              Re-run those
            </button>
          </span>
        )}
      </div>
      <div className="toolbar-actions">
        <button
          type="button"
          className="button button-quiet"
          onClick={props.onUndo}
          disabled={props.undoLabel === null}
          title={props.undoLabel ? `Undo ${props.undoLabel} (Ctrl+Z)` : 'Nothing to undo'}
          aria-label={props.undoLabel ? `Undo ${props.undoLabel}` : 'Undo'}
        >
          ↶
        </button>
        <button
          type="button"
          className="button button-quiet"
          onClick={props.onRedo}
          disabled={props.redoLabel === null}
          title={props.redoLabel ? `Redo ${props.redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'}
          aria-label={props.redoLabel ? `Redo ${props.redoLabel}` : 'Redo'}
        >
          ↷
        </button>
        <Menu
          label="Add rows"
          items={[
            { label: 'Paste a list…', onSelect: props.onPaste },
            { label: 'Import a CSV…', onSelect: props.onImport },
          ]}
        />
        {table.kind === 'company' && (
          <button type="button" className="button" onClick={props.onFindCompanies}>
            Find companies
          </button>
        )}
        <button type="button" className="button" onClick={props.onAddColumn}>
          Add column
        </button>
        <button type="button" className="button button-primary" onClick={props.onRun} disabled={status.num_rows === 0}>
          Run…
        </button>
        <button type="button" className="button" onClick={props.onRuns}>
          Runs
        </button>
        <button type="button" className="button" onClick={props.onCost}>
          Cost
        </button>
        <button type="button" className="button" onClick={props.onExport} disabled={status.num_rows === 0}>
          Export
        </button>
        {selectedCount > 0 && (
          <span className="selection" data-testid="selection">
            {selectedCount.toLocaleString()} selected
            <button type="button" className="button button-small button-danger-quiet" onClick={props.onDeleteRows}>
              Delete
            </button>
            <button type="button" className="button button-small button-quiet" onClick={props.onClearSelection}>
              Clear
            </button>
          </span>
        )}
      </div>
    </div>
  );
}
