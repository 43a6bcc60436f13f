import { lazy, Suspense, useCallback, useMemo, useRef, useState } from 'react';
import { builtInKeys } from '../../../src/domain/table-kinds.ts';
import type { Column, Run, RunMode, TableWithStatus } from '../api/api-types.ts';
import { useSession } from '../auth/session-context.tsx';
import { countOf } from '../common/counts.ts';
import { EmptyState } from '../common/empty-state.tsx';
import { useNotices } from '../common/notices.tsx';
import { DeleteColumnDialog } from '../columns/delete-column-dialog.tsx';
import { FindCompaniesPanel } from '../companies/find-companies-panel.tsx';
import { ExportDialog } from '../export/export-dialog.tsx';
import type { LiveUpdateMode } from '../live-updates/use-live-updates.ts';
import { CsvImportDialog } from '../rows/csv-import-dialog.tsx';
import { PasteRowsDialog } from '../rows/paste-rows-dialog.tsx';
import type { UploadResult } from '../rows/use-row-upload.ts';
import { RunDialog, type RunScope } from '../runs/run-dialog.tsx';
import { RunProgressBar } from '../runs/run-progress-bar.tsx';
import { RunSummary } from '../runs/run-summary.tsx';
import { RunsDialog } from '../runs/runs-dialog.tsx';
import { CostDialog } from '../runs/cost-dialog.tsx';
import { useRunTracking } from '../runs/use-run-tracking.ts';
import { RenameTableDialog } from '../tables/rename-table-dialog.tsx';
import { toClipboardText } from './clipboard-text.ts';
import { CellPanel } from './cell-panel.tsx';
import { frozenColumnOf, isInputColumn } from './column-display.ts';
import { copyRange } from './grid-clipboard.ts';
import { buildGridColumns } from './grid-columns.ts';
import type { CellPosition } from './grid-navigation.ts';
import { useGridPreferences } from './grid-preferences.ts';
import { rangeSize, singleCell, type GridSelection } from './grid-selection.ts';
import { GridView, type CellEditing } from './grid-view.tsx';
import { RecordViewDialog, type RecordSource } from './record-view-dialog.tsx';
import type { RowPageCache } from './row-page-cache.ts';
import { TableToolbar } from './table-toolbar.tsx';
import { FindBar } from './find-bar.tsx';
import { isFindActive, NO_FIND, type FindState } from './find-state.ts';
import { useColumnMenu } from './use-column-menu.tsx';
import { useGridEditing } from './use-grid-editing.ts';
import { DeleteRowsDialog } from './delete-rows-dialog.tsx';
import { useUndoShortcuts } from './use-undo-shortcuts.ts';

// The column form carries zod, ajv and the server's column rules; it loads when first opened.
const ColumnFormDialog = lazy(async () => ({ default: (await import('../columns/column-form-dialog.tsx')).ColumnFormDialog }));

type OpenDialog =
  | { kind: 'paste' | 'import' | 'export' | 'rename' | 'delete-rows' | 'add-column' | 'cost' | 'find-companies' }
  | { kind: 'runs'; run?: Run }
  | { kind: 'run'; columnId?: string }
  | { kind: 'edit-column' | 'delete-column'; column: Column }
  | { kind: 'record'; source: RecordSource }
  | null;

export interface TableWorkspaceProps {
  table: TableWithStatus;
  cache: RowPageCache;
  onTableChanged(): Promise<void>;
  /** How live updates arrive (shown in the progress bar). */
  liveMode: LiveUpdateMode;
  /** Cancels every active run of the table. */
  onCancelRuns(): Promise<void>;
  /** Search, filter and sort of the grid (kept in the URL by the page). */
  find: FindState;
  onFindChange(find: FindState): void;
  /** Rows the grid shows: the table's, or those meeting the find. */
  rowCount: number;
  /**
   * With a find: 'finding' before its first page answers, 'counting' while `rowCount` is only the
   * first page's rows (the count is on its way), 'counted' once it is exact.
   */
  findProgress?: 'finding' | 'counting' | 'counted';
}

/** Everything done on an open table: the toolbar, the grid, the cell panel and their dialogs. */
export function TableWorkspace(props: TableWorkspaceProps) {
  const { table, cache, onTableChanged, liveMode, onCancelRuns } = props;
  const { api } = useSession();
  const notices = useNotices();
  const [selection, setSelection] = useState<GridSelection | null>(null);
  const [isPanelOpen, setIsPanelOpen] = useState(false);
  const [editing, setEditing] = useState<CellEditing | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [scrollRequest, setScrollRequest] = useState<{ position: CellPosition; serial: number } | null>(null);
  const lastToggledRow = useRef<number | null>(null);
  const gridFocus = useRef<() => void>(() => document.querySelector<HTMLElement>('[data-testid="grid"]')?.focus());
  const [preferences, updatePreferences] = useGridPreferences(table.id);

  const frozen = frozenColumnOf(table.columns);
  const gridColumns = useMemo(() => buildGridColumns(table.columns, frozen, preferences), [table.columns, frozen, preferences]);
  const inputColumns = table.columns.filter(isInputColumn);
  const computedColumns = table.columns.filter((column) => !isInputColumn(column));
  const allKeys = table.columns.map((column) => column.config.key);
  const { find, onFindChange, rowCount } = props;
  const tableId = table.id;
  const active = selection?.focus ?? null;
  const runs = useRunTracking(api, tableId, table.status);

  const rerunOutOfDate = useCallback(
    async (column?: Column) => {
      try {
        const run = await api.runTable(tableId, { mode: 'stale', ...(column ? { columns: [column.id] } : {}) });
        notices.showInfo(`Re-running ${countOf(run.num_requested_cells, 'out-of-date answer')}.`);
        await onTableChanged();
      } catch (error) {
        notices.showError('Could not start the run', error);
      }
    },
    [api, tableId, notices, onTableChanged],
  );

  const refreshAfterChange = useCallback(async () => {
    await Promise.all([onTableChanged(), cache.refreshShown()]);
  }, [onTableChanged, cache]);
  const refreshRows = useCallback(async () => {
    cache.reset();
    await onTableChanged();
  }, [cache, onTableChanged]);

  const editingApi = useGridEditing({
    api,
    tableId,
    columns: table.columns,
    gridColumns,
    rowCount,
    cache,
    onTableChanged,
    onRowsChanged: refreshRows,
    notify: notices.showInfo,
  });

  useUndoShortcuts(editingApi);

  const toggleRow = useCallback(
    (rowId: string, rowIndex: number, isRange: boolean) => {
      setSelected((current) => {
        const next = new Set(current);
        const isSelecting = !current.has(rowId);
        const from = isRange && lastToggledRow.current !== null ? Math.min(lastToggledRow.current, rowIndex) : rowIndex;
        const to = isRange && lastToggledRow.current !== null ? Math.max(lastToggledRow.current, rowIndex) : rowIndex;
        // A shift-click range covers the rows in memory, which includes every row the user could see between the two clicks.
        for (let index = from; index <= to; index++) {
          const id = index === rowIndex ? rowId : cache.row(index)?.id;
          if (!id) continue;
          if (isSelecting) next.add(id);
          else next.delete(id);
        }
        return next;
      });
      lastToggledRow.current = rowIndex;
    },
    [cache],
  );

  const openPanel = useCallback((position: CellPosition) => {
    setSelection((current) => (current && current.focus.row === position.row && current.focus.column === position.column ? current : singleCell(position)));
    setIsPanelOpen(true);
  }, []);
  const closePanel = useCallback(() => {
    setIsPanelOpen(false);
    gridFocus.current();
  }, []);

  const startEdit = useCallback((position: CellPosition, seed: string | null) => setEditing({ position, seed }), []);

  const endEdit = useCallback(
    async (position: CellPosition, value: string | null, move: 'down' | 'right' | null) => {
      setEditing(null);
      gridFocus.current();
      if (move) {
        const next =
          move === 'down'
            ? { row: Math.min(rowCount - 1, position.row + 1), column: position.column }
            : { row: position.row, column: Math.min(gridColumns.length - 1, position.column + 1) };
        setSelection(singleCell(next));
      }
      const row = cache.row(position.row);
      const gridColumn = gridColumns[position.column];
      if (value === null || !row || !gridColumn) return;
      const key = gridColumn.column.config.key;
      try {
        await editingApi.saveInputs([{ rowId: row.id, key, before: row.data[key]?.value ?? null, after: value }]);
      } catch (error) {
        notices.showError(`Could not save ${gridColumn.name}`, error);
      }
    },
    [cache, gridColumns, rowCount, editingApi, notices],
  );

  const followDependency = useCallback(
    (rowIndex: number, columnName: string) => {
      const column = gridColumns.findIndex((gridColumn) => gridColumn.field === null && gridColumn.column.config.name === columnName);
      if (column === -1) return;
      const position = { row: rowIndex, column };
      setSelection(singleCell(position));
      setIsPanelOpen(true);
      setScrollRequest((current) => ({ position, serial: (current?.serial ?? 0) + 1 }));
    },
    [gridColumns],
  );

  const copy = useCallback(
    (range: Parameters<typeof copyRange>[0]) => {
      const { rows, missingRows } = copyRange(range, gridColumns, (index) => cache.row(index));
      const size = rangeSize(range);
      notices.showInfo(
        missingRows > 0
          ? `Copied ${countOf(size.rows - missingRows, 'row')}; ${countOf(missingRows, 'row')} further away were not loaded and came out empty (Export copies everything).`
          : `Copied ${countOf(size.rows * size.columns, 'cell')}.`,
      );
      return toClipboardText(rows);
    },
    [gridColumns, cache, notices],
  );

  const runAction = useCallback(
    (work: () => Promise<void>, failure: string) => {
      work().catch((error: unknown) => notices.showError(failure, error));
    },
    [notices],
  );

  const startRun = async (mode: RunMode, scope: RunScope) => {
    const run = await api.runTable(tableId, { mode, columns: scope.columns, rows: scope.rows });
    notices.showInfo(run.num_requested_cells === 0 ? 'Nothing to run: no cell in that scope matches.' : `Queued ${countOf(run.num_requested_cells, 'cell')}.`);
    runs.refresh();
    await refreshAfterChange();
  };

  const renderColumnMenu = useColumnMenu({
    rowCount,
    cache,
    preferences,
    updatePreferences,
    notify: notices.showInfo,
    onEdit: (column) => setDialog({ kind: 'edit-column', column }),
    onRun: (column) => setDialog({ kind: 'run', columnId: column.id }),
    onRunStale: (column) => void rerunOutOfDate(column),
    onDelete: (column) => setDialog({ kind: 'delete-column', column }),
  });

  const panelColumn = active ? gridColumns[active.column]?.column : undefined;
  const firstRowIds = [0, 1, 2].map((index) => cache.row(index)?.id).filter((id): id is string => id !== undefined);
  const close = () => setDialog(null);
  const builtIns = builtInKeys(table.kind);
  const hasOnlyBuiltIns = computedColumns.every((column) => builtIns.includes(column.config.key));
  const onRowsAdded = (result: UploadResult) => {
    if (result.createdColumns > 0) notices.showInfo(`Added ${countOf(result.createdColumns, 'input column')} and ${countOf(result.added, 'row')}.`);
    void refreshAfterChange();
  };

  return (
    <>
      <TableToolbar
        table={table}
        selectedCount={selected.size}
        undoLabel={editingApi.nextUndo}
        redoLabel={editingApi.nextRedo}
        onUndo={() => void editingApi.undo()}
        onRedo={() => void editingApi.redo()}
        onRename={() => setDialog({ kind: 'rename' })}
        onPaste={() => setDialog({ kind: 'paste' })}
        onImport={() => setDialog({ kind: 'import' })}
        onFindCompanies={() => setDialog({ kind: 'find-companies' })}
        onAddColumn={() => setDialog({ kind: 'add-column' })}
        onRun={() => setDialog({ kind: 'run' })}
        onRuns={() => setDialog({ kind: 'runs' })}
        onCost={() => setDialog({ kind: 'cost' })}
        onExport={() => setDialog({ kind: 'export' })}
        onShowFailed={() => onFindChange({ ...find, filter: [{ status: 'failed' }] })}
        onShowOutOfDate={() => onFindChange({ ...find, filter: [{ status: 'out_of_date' }] })}
        onRerunOutOfDate={() => void rerunOutOfDate()}
        onDeleteRows={() => setDialog({ kind: 'delete-rows' })}
        onClearSelection={() => setSelected(new Set())}
      />
      <FindBar
        tableId={tableId}
        columns={table.columns}
        find={find}
        onFindChange={onFindChange}
        matchingRows={rowCount}
        isCounting={props.findProgress !== undefined && props.findProgress !== 'counted'}
      />
      <RunProgressBar status={table.status} progress={runs.progress} onCancel={onCancelRuns} liveMode={liveMode} />
      <RunSummary runs={runs.ended} onShowFailed={(run) => setDialog({ kind: 'runs', run })} onDismiss={runs.dismissEnded} />
      {props.findProgress === 'finding' ? null : rowCount === 0 && isFindActive(find) ? (
        <EmptyState
          title="No row matches"
          actions={
            <button type="button" className="button" onClick={() => onFindChange(NO_FIND)}>
              Clear the filter
            </button>
          }
        >
          No row of this table meets the search and filters above.
        </EmptyState>
      ) : rowCount === 0 ? (
        <EmptyState
          title="This table has no rows yet"
          actions={
            <>
              <button type="button" className="button button-primary" onClick={() => setDialog({ kind: 'paste' })}>
                Paste a list
              </button>
              <button type="button" className="button" onClick={() => setDialog({ kind: 'import' })}>
                Import a CSV
              </button>
              {table.kind === 'company' && (
                <button type="button" className="button" onClick={() => setDialog({ kind: 'find-companies' })}>
                  Find companies
                </button>
              )}
            </>
          }
        >
          <p>
            {table.kind === 'company'
              ? 'Paste company domains, one per line (stripe.com, notion.so…), or import a CSV. Fathom then finds each company’s name, website and profile.'
              : 'Paste a list, one row per line, or import a CSV.'}{' '}
            Then add a column that asks a question, and press Run.
          </p>
        </EmptyState>
      ) : (
        <>
          {hasOnlyBuiltIns && (
            <p className="notice notice-info tip" data-testid="add-column-tip">
              Next:{' '}
              <button type="button" className="button-link" onClick={() => setDialog({ kind: 'add-column' })}>
                add a column
              </button>{' '}
              that asks something about each row (“What does this company sell?”), then press Run.
            </p>
          )}
          <div className={`grid-area${isPanelOpen ? ' has-panel' : ''}`}>
            <GridView
              gridColumns={gridColumns}
              hasFrozenColumn={frozen !== undefined}
              rowCount={rowCount}
              cache={cache}
              selection={selection}
              editing={editing}
              scrollRequest={scrollRequest}
              selectedRowIds={selected}
              onSelectionChange={setSelection}
              onOpenPanel={openPanel}
              onClosePanel={closePanel}
              onStartEdit={startEdit}
              onEndEdit={endEdit}
              onToggleRow={toggleRow}
              onExpandRow={(rowIndex) => setDialog({ kind: 'record', source: { rowIndex } })}
              onCopy={copy}
              onPaste={(range, text) => runAction(() => editingApi.paste(range, text), 'Could not paste')}
              onClear={(range) => runAction(() => editingApi.clear(range), 'Could not clear the cells')}
              onFollowDependency={followDependency}
              onResizeColumn={(id, width) => updatePreferences((current) => ({ ...current, widths: { ...current.widths, [id]: width } }))}
              renderColumnMenu={renderColumnMenu}
            />
            {isPanelOpen && active && panelColumn && (
              <CellPanel
                column={panelColumn}
                cache={cache}
                rowIndex={active.row}
                labelColumn={frozen}
                onClose={closePanel}
                onEdit={() => startEdit(active, null)}
                onRerun={async (rowId, columnId) => {
                  await api.runTable(tableId, { mode: 'all', rows: [rowId], columns: [columnId] });
                  runs.refresh();
                  await refreshAfterChange();
                }}
                onFollowDependency={(name) => followDependency(active.row, name)}
              />
            )}
          </div>
        </>
      )}
      {dialog?.kind === 'rename' && <RenameTableDialog table={table} onClose={close} onRenamed={() => void onTableChanged()} />}
      {dialog?.kind === 'paste' && (
        <PasteRowsDialog tableId={tableId} tableKind={table.kind} inputColumns={inputColumns} allKeys={allKeys} onClose={close} onAdded={onRowsAdded} />
      )}
      {dialog?.kind === 'import' && <CsvImportDialog tableId={tableId} inputColumns={inputColumns} allKeys={allKeys} onClose={close} onAdded={onRowsAdded} />}
      {dialog?.kind === 'find-companies' && (
        <FindCompaniesPanel
          tableId={tableId}
          tableName={table.name}
          onClose={close}
          onAdded={(count) => {
            notices.showInfo(`Added ${countOf(count, 'company', 'companies')}.`);
            void refreshAfterChange();
          }}
        />
      )}
      {dialog?.kind === 'cost' && <CostDialog tableId={tableId} columns={table.columns} onClose={close} />}
      {dialog?.kind === 'export' && (
        <ExportDialog
          tableId={tableId}
          tableName={table.name}
          rowCount={table.status.num_rows}
          view={
            isFindActive(find) || find.sort ? { find, rowCount, columnKeys: [...new Set(gridColumns.map((gridColumn) => gridColumn.column.config.key))] } : null
          }
          onClose={close}
        />
      )}
      {dialog?.kind === 'runs' && (
        <RunsDialog
          tableId={tableId}
          columns={table.columns}
          labelColumn={frozen}
          initialRun={dialog.run}
          onClose={close}
          onCancelled={() => {
            runs.refresh();
            void refreshAfterChange();
          }}
          onOpenRow={(rowId) => setDialog({ kind: 'record', source: { rowId } })}
        />
      )}
      {dialog?.kind === 'record' && (
        <RecordViewDialog
          tableId={tableId}
          columns={gridColumns.filter((gridColumn) => gridColumn.field === null).map((gridColumn) => gridColumn.column)}
          source={dialog.source}
          cache={cache}
          rowCount={rowCount}
          onEditInput={async (row, key, value) => {
            await editingApi.saveInputs([{ rowId: row.id, key, before: row.data[key]?.value ?? null, after: value }]);
          }}
          onNavigate={(rowIndex) => setDialog({ kind: 'record', source: { rowIndex } })}
          onClose={close}
        />
      )}
      {dialog?.kind === 'run' && (
        <RunDialog
          computedColumns={computedColumns}
          selectedRowIds={[...selected]}
          initialColumnId={dialog.columnId}
          onRun={startRun}
          onEstimate={(mode, scope) => api.estimateRun(tableId, { mode, columns: scope.columns, rows: scope.rows })}
          onClose={close}
        />
      )}
      {(dialog?.kind === 'add-column' || dialog?.kind === 'edit-column') && (
        <Suspense fallback={null}>
          <ColumnFormDialog
            tableId={tableId}
            tableKind={table.kind}
            hasParentTable={table.parent_relationships.length > 0}
            columns={table.columns}
            editing={dialog.kind === 'edit-column' ? dialog.column : null}
            firstRowIds={firstRowIds}
            onClose={close}
            onSaved={(column, isTried) => {
              if (dialog.kind === 'edit-column') editingApi.recordColumnEdit(column.id, dialog.column.config, column.config);
              else editingApi.recordColumnAdd(column);
              notices.showInfo(isTried ? `Added ${column.config.name}; running it on the first rows.` : `Saved ${column.config.name}.`);
              if (isTried) runs.refresh();
              void refreshAfterChange();
            }}
          />
        </Suspense>
      )}
      {dialog?.kind === 'delete-column' && (
        <DeleteColumnDialog
          column={dialog.column}
          columns={table.columns}
          tableKind={table.kind}
          onClose={close}
          onEditColumn={(column) => setDialog({ kind: 'edit-column', column })}
          onDelete={async () => {
            await api.deleteColumn(tableId, dialog.column.id);
            setSelection(null);
            setIsPanelOpen(false);
            await refreshAfterChange();
          }}
        />
      )}
      {dialog?.kind === 'delete-rows' && (
        <DeleteRowsDialog
          count={selected.size}
          onClose={close}
          onDelete={async () => {
            await editingApi.deleteRows([...selected]);
            setSelected(new Set());
            setSelection(null);
            setIsPanelOpen(false);
          }}
        />
      )}
    </>
  );
}
