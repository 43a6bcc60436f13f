import { useState, useSyncExternalStore } from 'react';
import type { Column } from '../api/api-types.ts';
import { ErrorMessage } from '../common/error-message.tsx';
import { formatDate, isSafeLink } from './answer-formatting.ts';
import { AnswerView } from './answer-view.tsx';
import { readCellValue, STATUS_LABELS } from './cell-value.ts';
import { answerFormatOf, describeColumn, isInputColumn } from './column-display.ts';
import { FailureText } from './failure-text.tsx';
import { inputText } from './grid-cell.tsx';
import type { RowPageCache } from './row-page-cache.ts';
import { followLink, tableUrl } from '../routing/routes.ts';

export interface CellPanelProps {
  column: Column;
  /** The rows in memory; the panel follows their changes, so a running cell updates here too. */
  cache: RowPageCache;
  rowIndex: number;
  /** The column whose value names the row (the frozen input column). */
  labelColumn: Column | undefined;
  onClose(): void;
  onEdit(): void;
  /** Queue this one cell again (mode "all", scoped to its row and column). */
  onRerun(rowId: string, columnId: string): Promise<void>;
  /** Go to the cell of the named column in this row (the failed one this cell waited on). */
  onFollowDependency(columnName: string): void;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A cell's story: its answer, why, from where, as of when, what failed, and what it cost. */
export function CellPanel({ column, cache, rowIndex, labelColumn, onClose, onEdit, onRerun, onFollowDependency }: CellPanelProps) {
  useSyncExternalStore(cache.subscribe, cache.getVersion);
  const row = cache.row(rowIndex);
  const rowLabel = labelColumn ? inputText(row?.data[labelColumn.config.key]) : '';
  const [isRerunning, setIsRerunning] = useState(false);
  const [rerunError, setRerunError] = useState<unknown>(null);
  const config = column.config;
  const isInput = isInputColumn(column);
  const cell = row?.data[config.key];
  const parts = readCellValue(cell, isInput);
  const status = isInput ? null : (cell?.status ?? 'created');
  // A people finder's cell links to the people table its people were written to.
  const childTableId = config.kind === 'company_people_finder' ? (cell?.value as { child_table_id?: unknown } | null | undefined)?.child_table_id : undefined;
  // A child row names its parent company.
  const parentName = row?.parent_data ? readCellValue(row.parent_data['company_name'], false).answer : null;
  const parentCompany = typeof parentName === 'string' && parentName !== '' ? parentName : row?.parent_data ? inputText(row.parent_data['input']) : '';

  const rerun = async () => {
    if (!row) return;
    setIsRerunning(true);
    setRerunError(null);
    try {
      await onRerun(row.id, column.id);
    } catch (error) {
      setRerunError(error);
    } finally {
      setIsRerunning(false);
    }
  };

  return (
    <aside
      className="cell-panel"
      aria-label="Cell details"
      data-testid="cell-panel"
      onKeyDown={(event) => {
        // Esc closes the panel wherever the focus is in it, as it does from the grid.
        if (event.key === 'Escape') onClose();
      }}
    >
      <header className="cell-panel-header">
        <div>
          <h2>{config.name}</h2>
          <div className="muted small">
            Row {rowIndex + 1}: {rowLabel || 'empty'} · {describeColumn(config).join(' · ')}
          </div>
          {parentCompany && (
            <div className="muted small" data-testid="cell-panel-parent">
              Company: {parentCompany}
            </div>
          )}
        </div>
        <button type="button" className="button button-quiet" onClick={onClose} aria-label="Close cell details (Esc)">
          ×
        </button>
      </header>
      {!row && <p className="muted">Loading the row…</p>}
      {row && isInput && (
        <section>
          <h3>Value</h3>
          <p className="answer-text-full" data-testid="cell-panel-answer">
            {inputText(cell) || <span className="muted">Empty</span>}
          </p>
          <button type="button" className="button" onClick={onEdit}>
            Edit value
          </button>
          <p className="hint">
            Changing an input marks the answers that read it out of date (they are kept); run “new cells” or re-run out-of-date answers to update them. Ctrl+Z
            takes a change back.
          </p>
        </section>
      )}
      {row && status && (
        <>
          <section>
            <div className="cell-panel-status">
              <span className={`status status-${status.replace('_', '-')}`} data-testid="cell-panel-status">
                {STATUS_LABELS[status]}
              </span>
              {cell?.updated_at && <span className="muted small">updated {timeFormat.format(new Date(cell.updated_at))}</span>}
            </div>
            {status === 'failed' && (
              <div className="notice notice-error" data-testid="cell-panel-error">
                <FailureText message={cell?.error} onFollow={onFollowDependency} />
              </div>
            )}
            {status === 'created' && <p className="muted">This cell has not been run yet.</p>}
            {(status === 'requested' || status === 'in_progress') && <p className="muted">This cell is being computed; it updates here when done.</p>}
          </section>
          {cell?.value !== null && cell?.value !== undefined && (
            <section>
              <h3>Answer</h3>
              <div data-testid="cell-panel-answer">
                <AnswerView answer={parts.answer} format={answerFormatOf(config)} layout="full" />
              </div>
              {parts.asOf && <p className="muted small">As of {formatDate(parts.asOf)}</p>}
              {typeof childTableId === 'string' && (
                <p>
                  <a href={tableUrl(childTableId)} onClick={followLink} data-testid="open-people-table">
                    Open the people table
                  </a>
                </p>
              )}
            </section>
          )}
          {parts.explanation && (
            <section>
              <h3>Explanation</h3>
              <p className="answer-text-full" data-testid="cell-panel-explanation">
                {parts.explanation}
              </p>
            </section>
          )}
          {parts.sources.length > 0 && (
            <section>
              <h3>Sources ({parts.sources.length})</h3>
              <ol className="sources" data-testid="cell-panel-sources">
                {parts.sources.map((source, index) => (
                  <li key={index}>
                    {isSafeLink(source.url) ? (
                      <a href={source.url} target="_blank" rel="noreferrer noopener">
                        {source.url}
                      </a>
                    ) : (
                      source.url
                    )}
                    {source.quote && <blockquote>{source.quote}</blockquote>}
                  </li>
                ))}
              </ol>
            </section>
          )}
          {(parts.usage || parts.cost !== null || parts.model) && (
            <section>
              <h3>Usage</h3>
              <dl className="usage" data-testid="cell-panel-usage">
                {parts.model && (
                  <>
                    <dt>Model</dt>
                    <dd>{parts.model}</dd>
                  </>
                )}
                {Object.entries(parts.usage ?? {})
                  .filter(([name, value]) => typeof value === 'number' && !name.startsWith('cost'))
                  .map(([name, value]) => (
                    <UsageEntry key={name} name={name} value={value as number} />
                  ))}
                {parts.cost !== null && (
                  <>
                    <dt>Cost</dt>
                    <dd>${parts.cost.toFixed(parts.cost < 0.01 ? 5 : 2)}</dd>
                  </>
                )}
              </dl>
            </section>
          )}
          <section className="cell-panel-actions">
            <button type="button" className="button button-primary" onClick={rerun} disabled={isRerunning || !row}>
              {isRerunning ? 'Queuing…' : 'Re-run this cell'}
            </button>
            <ErrorMessage error={rerunError} title="Could not re-run the cell." />
          </section>
        </>
      )}
    </aside>
  );
}

/** "inputTokens" reads as "Input tokens". */
function UsageEntry({ name, value }: { name: string; value: number }) {
  const label = name
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/^./, (first) => first.toUpperCase());
  return (
    <>
      <dt>{label}</dt>
      <dd>{value.toLocaleString()}</dd>
    </>
  );
}
