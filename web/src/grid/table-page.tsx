import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError } from '../api/api-error.ts';
import type { TableData, TableStatus, TableWithStatus } from '../api/api-types.ts';
import { useSession } from '../auth/session-context.tsx';
import { ErrorMessage } from '../common/error-message.tsx';
import { useNotices } from '../common/notices.tsx';
import { useLiveUpdates } from '../live-updates/use-live-updates.ts';
import { followLink } from '../routing/routes.ts';
import { findQuery, isFindActive, readFindFromUrl, writeFindToUrl, type FindState } from './find-state.ts';
import { ROWS_PER_PAGE, RowPageCache } from './row-page-cache.ts';
import { TableWorkspace } from './table-workspace.tsx';

/** Same counts and state: nothing for React to redraw. */
function isSameStatus(left: TableStatus, right: TableStatus): boolean {
  return (Object.keys(left) as (keyof TableStatus)[]).every((name) => left[name] === right[name]);
}

/** The table header from a data page (rows left out), or the current one when nothing changed. */
function mergeTable(current: TableWithStatus | null, next: TableWithStatus | TableData): TableWithStatus {
  const { rows: _rows, discovery_tasks: _tasks, ...header } = next as TableData & { discovery_tasks?: unknown };
  if (!current) return header;
  const isSameColumns = JSON.stringify(current.columns) === JSON.stringify(header.columns);
  const isSameHeader = isSameColumns && current.name === header.name && isSameStatus(current.status, header.status);
  if (isSameHeader) return current;
  return { ...header, columns: isSameColumns ? current.columns : header.columns };
}

/** One table: its header and status, the grid, and live updates while it runs. */
export function TablePage({ tableId }: { tableId: string }) {
  const { api } = useSession();
  const notices = useNotices();
  const [table, setTable] = useState<TableWithStatus | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);

  const [find, setFindState] = useState<FindState>(() => readFindFromUrl());
  // Rows meeting the find (the grid's row count while one is active); null until its first page answers.
  const [matchingRows, setMatchingRows] = useState<number | null>(null);
  // Rows of the find's first page, standing in for the count until it arrives (null: not read yet).
  const [firstPageRows, setFirstPageRows] = useState<number | null>(null);
  const setFind = useCallback((next: FindState) => {
    writeFindToUrl(next);
    setMatchingRows(null);
    setFirstPageRows(null);
    setFindState(next);
  }, []);
  const acceptTable = useCallback((next: TableWithStatus | TableData) => {
    const matching = (next as TableData).num_matching_rows;
    if (matching !== undefined) setMatchingRows(matching);
    setTable((current) => mergeTable(current, next));
  }, []);
  const acceptStatus = useCallback(
    (status: TableStatus) => setTable((current) => (current && !isSameStatus(current.status, status) ? { ...current, status } : current)),
    [],
  );
  const refreshTable = useCallback(async () => acceptTable(await api.getTable(tableId)), [api, tableId, acceptTable]);

  useEffect(() => {
    const controller = new AbortController();
    api.getTable(tableId, controller.signal).then(acceptTable, (error: unknown) => {
      if (!controller.signal.aborted) setLoadError(error);
    });
    return () => controller.abort();
  }, [api, tableId, acceptTable]);

  // A new find is a new list of rows: a fresh cache, so no page of the old order is shown.
  const cache = useMemo(
    () =>
      new RowPageCache(
        (offset, limit, signal) => api.getTableData(tableId, offset, limit, signal, findQuery(find)),
        acceptTable,
        (error) => notices.showError('Could not load rows', error),
      ),
    [api, tableId, acceptTable, notices, find],
  );
  useEffect(() => () => cache.stop(), [cache]);
  // The grid sizes itself by the matching rows, so it asks for none until it knows how many: the
  // count comes first, and only here (the pages do not count again).
  useEffect(() => {
    if (!isFindActive(find)) return;
    const controller = new AbortController();
    api.getTableData(tableId, 0, 1, controller.signal, findQuery(find), true).then(acceptTable, (error: unknown) => {
      if (!controller.signal.aborted) notices.showError('Could not apply the filter', error);
    });
    // The count is a scan of the table; the first page is not. Its rows are shown without waiting
    // for the count (the grid grows when it arrives), and a page that is not full is the count.
    api.getTableData(tableId, 0, ROWS_PER_PAGE, controller.signal, findQuery(find)).then(
      (page) => {
        if (controller.signal.aborted) return;
        setFirstPageRows(page.rows.length);
        if (page.rows.length < ROWS_PER_PAGE) setMatchingRows((current) => current ?? page.rows.length);
      },
      () => {},
    );
    return () => controller.abort();
  }, [api, tableId, find, acceptTable, notices]);

  const liveMode = useLiveUpdates({
    api,
    tableId,
    cache,
    isEnabled: table !== null,
    isRunning: table?.status.run_status === 'running',
    onStatus: acceptStatus,
  });

  const cancelActiveRuns = useCallback(async () => {
    try {
      const runs = await api.listRuns(tableId);
      const active = runs.filter((run) => run.status === 'created' || run.status === 'in_progress');
      await Promise.all(active.map((run) => api.cancelRun(tableId, run.id)));
      await Promise.all([refreshTable(), cache.refreshShown()]);
      notices.showInfo(active.length > 0 ? 'Run cancelled: queued cells went back to how they were.' : 'No run was going.');
    } catch (error) {
      notices.showError('Could not cancel the run', error);
    }
  }, [api, tableId, refreshTable, cache, notices]);

  if (loadError) {
    const isMissing = loadError instanceof ApiError && loadError.status === 404;
    return (
      <main className="centered stack">
        {isMissing ? <h1>This table does not exist</h1> : <ErrorMessage title="Could not open the table." error={loadError} />}
        {isMissing && <p className="muted">It may have been deleted, or it belongs to another workspace.</p>}
        <a href="/" onClick={followLink}>
          Back to your tables
        </a>
      </main>
    );
  }
  if (!table) return <main className="centered muted">Opening the table…</main>;

  return (
    <main className="table-page" data-live-mode={liveMode}>
      <TableWorkspace
        table={table}
        cache={cache}
        onTableChanged={refreshTable}
        liveMode={liveMode}
        onCancelRuns={cancelActiveRuns}
        find={find}
        onFindChange={setFind}
        rowCount={isFindActive(find) ? (matchingRows ?? firstPageRows ?? 0) : table.status.num_rows}
        findProgress={!isFindActive(find) || matchingRows !== null ? 'counted' : firstPageRows === null ? 'finding' : 'counting'}
      />
    </main>
  );
}
