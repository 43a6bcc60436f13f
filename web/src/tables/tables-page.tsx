import { useState } from 'react';
import type { TableKind } from '../api/api-types.ts';
import type { TableSort } from '../api/fathom-api.ts';
import { useSession } from '../auth/session-context.tsx';
import { EmptyState } from '../common/empty-state.tsx';
import { ErrorMessage } from '../common/error-message.tsx';
import { useDebouncedValue } from '../common/use-debounced-value.ts';
import { useLoader } from '../common/use-loader.ts';
import { CreateTableDialog } from './create-table-dialog.tsx';
import { TableFilters, type TableFilterValues } from './table-filters.tsx';
import { TablesList } from './tables-list.tsx';

const PAGE_SIZE = 50;

const INITIAL_FILTERS: TableFilterValues = { search: '', kind: '', tags: '', sort: '-created_at' };

/** Every table of the workspace, filtered and sorted by the server. */
export function TablesPage() {
  const { api } = useSession();
  const [filters, setFilters] = useState<TableFilterValues>(INITIAL_FILTERS);
  const [offset, setOffset] = useState(0);
  const [isCreating, setIsCreating] = useState(false);
  const search = useDebouncedValue(filters.search.trim(), 250);
  const tagsText = useDebouncedValue(filters.tags, 250);
  const tags = tagsText
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
  const query = {
    search: search || undefined,
    kind: (filters.kind || undefined) as TableKind | undefined,
    tags,
    sort: filters.sort as TableSort,
    offset,
    limit: PAGE_SIZE,
  };
  const list = useLoader(JSON.stringify(query), (signal) => api.listTables(query, signal));
  const isFiltered = search !== '' || filters.kind !== '' || tags.length > 0;

  const changeFilters = (next: TableFilterValues) => {
    setFilters(next);
    setOffset(0);
  };

  return (
    <main className="page">
      <div className="page-title-row">
        <h1>Tables</h1>
        <button type="button" className="button button-primary" onClick={() => setIsCreating(true)}>
          New table
        </button>
      </div>
      <TableFilters values={filters} onChange={changeFilters} />
      <ErrorMessage error={list.error} title="Could not load your tables." />
      {list.data && list.data.tables.length === 0 && !isFiltered && (
        <EmptyState
          title="No tables yet"
          actions={
            <button type="button" className="button button-primary" onClick={() => setIsCreating(true)}>
              Create your first table
            </button>
          }
        >
          <p>
            A table is a list you want researched. Start with a <strong>company</strong> table, paste a few domains, then add a column such as “What does this
            company sell?” and press Run.
          </p>
        </EmptyState>
      )}
      {list.data && list.data.tables.length === 0 && isFiltered && (
        <p className="muted" data-testid="no-matches">
          No table matches these filters.{' '}
          <button type="button" className="button-link" onClick={() => changeFilters(INITIAL_FILTERS)}>
            Clear the filters
          </button>
        </p>
      )}
      {list.data && list.data.tables.length > 0 && <TablesList tables={list.data.tables} onChanged={list.reload} />}
      {list.data && list.data.total > PAGE_SIZE && (
        <nav className="pager">
          <button type="button" className="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
            Previous
          </button>
          <span className="muted">
            {offset + 1}–{Math.min(offset + PAGE_SIZE, list.data.total)} of {list.data.total.toLocaleString()}
          </span>
          <button type="button" className="button" disabled={offset + PAGE_SIZE >= list.data.total} onClick={() => setOffset(offset + PAGE_SIZE)}>
            Next
          </button>
        </nav>
      )}
      {list.isLoading && !list.data && <p className="muted">Loading tables…</p>}
      {isCreating && <CreateTableDialog onClose={() => setIsCreating(false)} />}
    </main>
  );
}
