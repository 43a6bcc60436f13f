import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Column, TableView } from '../api/api-types.ts';
import type { RowCondition } from '../api/api-types.ts';
import { useSession } from '../auth/session-context.tsx';
import { useNotices } from '../common/notices.tsx';
import { useDebouncedValue } from '../common/use-debounced-value.ts';
import { describeCondition, isFindActive, NO_FIND, type FindState } from './find-state.ts';

export interface FindBarProps {
  tableId: string;
  columns: Column[];
  find: FindState;
  onFindChange(find: FindState): void;
  /** Rows meeting the find (shown while one is active). */
  matchingRows: number;
  /** `matchingRows` is only a lower bound while the server counts. */
  isCounting?: boolean;
}

type Operator = 'contains' | 'equals' | 'min' | 'max' | 'not_found' | 'empty' | 'failed' | 'out_of_date' | 'not_run';

const OPERATORS: { value: Operator; label: string; takesValue: boolean }[] = [
  { value: 'contains', label: 'contains', takesValue: true },
  { value: 'equals', label: 'is', takesValue: true },
  { value: 'min', label: 'at least', takesValue: true },
  { value: 'max', label: 'at most', takesValue: true },
  { value: 'not_found', label: 'is Not found', takesValue: false },
  { value: 'empty', label: 'is empty', takesValue: false },
  { value: 'failed', label: 'failed', takesValue: false },
  { value: 'out_of_date', label: 'is out of date', takesValue: false },
  { value: 'not_run', label: 'not run', takesValue: false },
];

/** The condition an operator and value make; numbers stay numbers so ranges compare numerically. */
function conditionOf(column: string, operator: Operator, value: string): RowCondition {
  const typed = value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
  switch (operator) {
    case 'contains':
      return { column, contains: value };
    case 'equals':
      return { column, equals: value };
    case 'min':
      return { column, min: typed };
    case 'max':
      return { column, max: typed };
    case 'not_found':
      return { column, not_found: true };
    case 'empty':
      return { column, empty: true };
    default:
      return { column, status: operator };
  }
}

/** Search, filter, sort and saved views of the open table; all of it is kept in the page's URL. */
export function FindBar({ tableId, columns, find, onFindChange, matchingRows, isCounting = false }: FindBarProps) {
  const { api } = useSession();
  const notices = useNotices();
  const [search, setSearch] = useState(find.q);
  const debouncedSearch = useDebouncedValue(search, 300);
  const [column, setColumn] = useState(columns[0]?.config.key ?? '');
  const [operator, setOperator] = useState<Operator>('contains');
  const [value, setValue] = useState('');
  const [views, setViews] = useState<TableView[]>([]);
  const nameOf = (key: string) => columns.find((candidate) => candidate.config.key === key)?.config.name ?? key;

  useEffect(() => {
    if (debouncedSearch !== find.q) onFindChange({ ...find, q: debouncedSearch });
    // Only a new search text applies; the rest of the find is read at that moment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debouncedSearch]);
  useEffect(() => setSearch(find.q), [find.q]);

  const loadViews = useCallback(async () => {
    try {
      setViews(await api.listViews(tableId));
    } catch (error) {
      notices.showError('Could not load the saved views', error);
    }
  }, [api, tableId, notices]);
  useEffect(() => void loadViews(), [loadViews]);

  const addCondition = (event: FormEvent) => {
    event.preventDefault();
    const needsValue = OPERATORS.find((candidate) => candidate.value === operator)!.takesValue;
    if (!column || (needsValue && value.trim() === '')) return;
    onFindChange({ ...find, filter: [...find.filter, conditionOf(column, operator, value)] });
    setValue('');
  };
  const saveView = async () => {
    const name = window.prompt('Name of this view');
    if (!name?.trim()) return;
    try {
      await api.saveView(tableId, name.trim(), { filter: find.filter, sort: find.sort, q: find.q || null });
      notices.showInfo(`Saved the view "${name.trim()}".`);
      await loadViews();
    } catch (error) {
      notices.showError('Could not save the view', error);
    }
  };
  const openView = (id: string) => {
    const view = views.find((candidate) => candidate.id === id);
    if (view) onFindChange({ filter: view.query.filter ?? [], sort: view.query.sort ?? null, q: view.query.q ?? '' });
  };
  const sortKey = find.sort?.replace(/^-/, '') ?? '';
  const isDescending = find.sort?.startsWith('-') ?? false;

  return (
    <div className="find-bar" data-testid="find-bar">
      <input
        type="search"
        className="find-search"
        placeholder="Search the table"
        aria-label="Search the table"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        data-testid="find-search"
      />
      <form className="find-condition" onSubmit={addCondition}>
        <select aria-label="Filter column" value={column} onChange={(event) => setColumn(event.target.value)} data-testid="find-column">
          {columns.map((candidate) => (
            <option key={candidate.id} value={candidate.config.key}>
              {candidate.config.name}
            </option>
          ))}
        </select>
        <select aria-label="Filter operator" value={operator} onChange={(event) => setOperator(event.target.value as Operator)} data-testid="find-operator">
          {OPERATORS.map((candidate) => (
            <option key={candidate.value} value={candidate.value}>
              {candidate.label}
            </option>
          ))}
        </select>
        {OPERATORS.find((candidate) => candidate.value === operator)!.takesValue && (
          <input aria-label="Filter value" value={value} onChange={(event) => setValue(event.target.value)} data-testid="find-value" />
        )}
        <button type="submit" className="button button-small" data-testid="find-add">
          Add filter
        </button>
      </form>
      <label className="find-sort">
        Sort
        <select
          aria-label="Sort by"
          value={sortKey}
          onChange={(event) => onFindChange({ ...find, sort: event.target.value ? `${isDescending ? '-' : ''}${event.target.value}` : null })}
          data-testid="find-sort"
        >
          <option value="">Table order</option>
          {columns.map((candidate) => (
            <option key={candidate.id} value={candidate.config.key}>
              {candidate.config.name}
            </option>
          ))}
        </select>
        {sortKey && (
          <button
            type="button"
            className="button button-quiet button-small"
            onClick={() => onFindChange({ ...find, sort: `${isDescending ? '' : '-'}${sortKey}` })}
            aria-label={isDescending ? 'Sort ascending' : 'Sort descending'}
            data-testid="find-sort-direction"
          >
            {isDescending ? '↓' : '↑'}
          </button>
        )}
      </label>
      <select aria-label="Saved views" value="" onChange={(event) => openView(event.target.value)} data-testid="find-views">
        <option value="">Views…</option>
        {views.map((view) => (
          <option key={view.id} value={view.id}>
            {view.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button button-small"
        onClick={() => void saveView()}
        disabled={!isFindActive(find) && !find.sort}
        data-testid="find-save-view"
      >
        Remember this view
      </button>
      {(find.filter.length > 0 || find.q || find.sort) && (
        <div className="find-chips" data-testid="find-chips">
          {find.filter.map((condition, index) => (
            <span className="chip" key={JSON.stringify(condition) + String(index)}>
              {describeCondition(condition, nameOf)}
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove ${describeCondition(condition, nameOf)}`}
                onClick={() => onFindChange({ ...find, filter: find.filter.filter((_, other) => other !== index) })}
              >
                ×
              </button>
            </span>
          ))}
          {isFindActive(find) && (
            <span className="muted small" data-testid="find-matching">
              {isCounting
                ? `${matchingRows > 0 ? `${matchingRows.toLocaleString()}+ ` : ''}matching rows, counting…`
                : `${matchingRows.toLocaleString()} matching ${matchingRows === 1 ? 'row' : 'rows'}`}
            </span>
          )}
          <button type="button" className="button button-quiet button-small" onClick={() => onFindChange(NO_FIND)} data-testid="find-clear">
            Clear
          </button>
        </div>
      )}
    </div>
  );
}
