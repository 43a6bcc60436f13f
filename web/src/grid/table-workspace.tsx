import { lazy, Suspense, useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { builtInKeys } from '../../../src/domain/table-kinds.ts';
import type { Column, RunMode, TableWithStatus } from '../api/api-types.ts';
import { useSession } from '../auth/session-context.tsx';
import { ConfirmDialog } from '../common/confirm-dialog.tsx';
import { EmptyState } from '../common/empty-state.tsx';
import { Menu } from '../common/menu.tsx';
import { useNotices } from '../common/notices.tsx';
import { ExportDialog } from '../export/export-dialog.tsx';
import { CsvImportDialog } from '../rows/csv-import-dialog.tsx';
import { PasteRowsDialog } from '../rows/paste-rows-dialog.tsx';
import { RunDialog, type RunScope } from '../runs/run-dialog.tsx';
import { RunsDialog } from '../runs/runs-dialog.tsx';
import { RenameTableDialog } from '../tables/rename-table-dialog.tsx';
import { CellPanel } from './cell-panel.tsx';
import { frozenColumnOf, isInputColumn } from './column-display.ts';
import type { CellPosition } from './grid-navigation.ts';
import { GridView } from './grid-view.tsx';
import type { RowPageCache } from './row-page-cache.ts';
import { TableToolbar } from './table-toolbar.tsx';

const MAX_ROWS_PER_DELETE = 10_000;

// The column form carries zod, ajv and the server's column rules; it loads when first opened.
const ColumnFormDialog = lazy(async () => ({ default: (await import('../columns/column-form-dialog.tsx')).ColumnFormDialog }));

type OpenDialog =
  | { kind: 'paste' | 'import' | 'export' | 'runs' | 'rename' | 'delete-rows' | 'add-column' }
  | { kind: 'run'; columnId?: string }
  | { kind: 'edit-column' | 'delete-column'; column: Column }
  | null;

export interface TableWorkspaceProps {
  table: TableWithStatus;
  cache: RowPageCache;
  onTableChanged(): Promise<void>;
  progress: ReactNode;
}

/** Everything done on an open table: the toolbar, the grid, the cell panel and their dialogs. */
export function TableWorkspace({ table, cache, onTableChanged, progress }: TableWorkspaceProps) {
  const { api } = useSession();
  const notices = useNotices();
  const [active, setActive] = useState<CellPosition | null>(null);
  const [isPanelOpen, setIsPanelOpen] = useState(false);
  const [editing, setEditing] = useState<CellPosition | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const lastToggledRow = useRef<number | null>(null);
  const gridFocus = useRef<() => void>(() => document.querySelector<HTMLElement>('[data-testid="grid"]')?.focus());

  const frozen = frozenColumnOf(table.columns);
  const gridColumns = useMemo(() => (frozen ? [frozen, ...table.columns.filter((column) => column !== frozen)] : table.columns), [table.columns, frozen]);
  const inputColumns = table.columns.filter(isInputColumn);
  const computedColumns = table.columns.filter((column) => !isInputColumn(column));
  const rowCount = table.status.num_rows;
  const tableId = table.id;

  const refreshAfterChange = useCallback(async () => {
    await Promise.all([onTableChanged(), cache.refreshShown()]);
  }, [onTableChanged, cache]);

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
    setActive(position);
    setIsPanelOpen(true);
  }, []);
  const closePanel = useCallback(() => {
    setIsPanelOpen(false);
    gridFocus.current();
  }, []);

  const endEdit = useCallback(
    async (position: CellPosition, value: string | null) => {
      setEditing(null);
      gridFocus.current();
      const row = cache.row(position.row);
      const column = gridColumns[position.column];
      if (value === null || !row || !column) return;
      try {
        const [updated] = await api.updateRows(tableId, { rows: [{ id: row.id, data: { [column.config.key]: value } }] });
        if (updated) cache.replaceRow(updated);
        await onTableChanged();
      } catch (error) {
        notices.showError(`Could not save ${column.config.name}`, error);
      }
    },
    [api, tableId, cache, gridColumns, onTableChanged, notices],
  );

  const startRun = async (mode: RunMode, scope: RunScope) => {
    const run = await api.runTable(tableId, { mode, columns: scope.columns, rows: scope.rows });
    notices.showInfo(
      run.num_requested_cells === 0 ? 'Nothing to run: no cell in that scope matches.' : `Queued ${run.num_requested_cells.toLocaleString()} cells.`,
    );
    await refreshAfterChange();
  };

  const renderColumnMenu = useCallback(
    (column: Column) => (
      <Menu
        label="⋯"
        ariaLabel={`Column ${column.config.name} actions`}
        buttonClassName="button button-quiet button-small"
        items={[
          { label: 'Edit column', onSelect: () => setDialog({ kind: 'edit-column', column }) },
          ...(isInputColumn(column) ? [] : [{ label: 'Run this column…', onSelect: () => setDialog({ kind: 'run', columnId: column.id }) }]),
          { label: 'Delete column', isDanger: true, onSelect: () => setDialog({ kind: 'delete-column', column }) },
        ]}
      />
    ),
    [],
  );

  const activeColumn = active ? gridColumns[active.column] : undefined;
  const firstRowIds = [0, 1, 2].map((index) => cache.row(index)?.id).filter((id): id is string => id !== undefined);
  const close = () => setDialog(null);
  const builtIns = builtInKeys(table.kind);
  const hasOnlyBuiltIns = computedColumns.every((column) => builtIns.includes(column.config.key));

  return (
    <>
      <TableToolbar
        table={table}
        selectedCount={selected.size}
        onRename={() => setDialog({ kind: 'rename' })}
        onPaste={() => setDialog({ kind: 'paste' })}
        onImport={() => setDialog({ kind: 'import' })}
        onAddColumn={() => setDialog({ kind: 'add-column' })}
        onRun={() => setDialog({ kind: 'run' })}
        onRuns={() => setDialog({ kind: 'runs' })}
        onExport={() => setDialog({ kind: 'export' })}
        onDeleteRows={() => setDialog({ kind: 'delete-rows' })}
        onClearSelection={() => setSelected(new Set())}
      />
      {progress}
      {rowCount === 0 ? (
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
              active={active}
              editing={editing}
              selectedRowIds={selected}
              onActiveChange={setActive}
              onOpenPanel={openPanel}
              onClosePanel={closePanel}
              onStartEdit={setEditing}
              onEndEdit={endEdit}
              onToggleRow={toggleRow}
              renderColumnMenu={renderColumnMenu}
            />
            {isPanelOpen && active && activeColumn && (
              <CellPanel
                column={activeColumn}
                cache={cache}
                rowIndex={active.row}
                labelColumn={frozen}
                onClose={closePanel}
                onEdit={() => setEditing(active)}
                onRerun={async (rowId, columnId) => {
                  await api.runTable(tableId, { mode: 'all', rows: [rowId], columns: [columnId] });
                  await refreshAfterChange();
                }}
              />
            )}
          </div>
        </>
      )}
      {dialog?.kind === 'rename' && <RenameTableDialog table={table} onClose={close} onRenamed={() => void onTableChanged()} />}
      {dialog?.kind === 'paste' && (
        <PasteRowsDialog tableId={tableId} tableKind={table.kind} inputColumns={inputColumns} onClose={close} onAdded={() => void refreshAfterChange()} />
      )}
      {dialog?.kind === 'import' && <CsvImportDialog tableId={tableId} inputColumns={inputColumns} onClose={close} onAdded={() => void refreshAfterChange()} />}
      {dialog?.kind === 'export' && <ExportDialog tableId={tableId} tableName={table.name} rowCount={rowCount} onClose={close} />}
      {dialog?.kind === 'runs' && <RunsDialog tableId={tableId} onClose={close} onCancelled={() => void refreshAfterChange()} />}
      {dialog?.kind === 'run' && (
        <RunDialog computedColumns={computedColumns} selectedRowIds={[...selected]} initialColumnId={dialog.columnId} onRun={startRun} onClose={close} />
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
              notices.showInfo(isTried ? `Added ${column.config.name}; running it on the first rows.` : `Saved ${column.config.name}.`);
              void refreshAfterChange();
            }}
          />
        </Suspense>
      )}
      {dialog?.kind === 'delete-column' && (
        <ConfirmDialog
          title={`Delete “${dialog.column.config.name}”?`}
          confirmLabel="Delete column"
          onClose={close}
          onConfirm={async () => {
            await api.deleteColumn(tableId, dialog.column.id);
            setActive(null);
            setIsPanelOpen(false);
            await refreshAfterChange();
          }}
        >
          <p>The column and every answer in it are deleted. Columns that reference it must be changed first.</p>
        </ConfirmDialog>
      )}
      {dialog?.kind === 'delete-rows' && (
        <ConfirmDialog
          title={`Delete ${selected.size.toLocaleString()} rows?`}
          confirmLabel="Delete rows"
          onClose={close}
          onConfirm={async () => {
            const ids = [...selected];
            // The server takes at most 10,000 ids per request.
            for (let start = 0; start < ids.length; start += MAX_ROWS_PER_DELETE) await api.deleteRows(tableId, ids.slice(start, start + MAX_ROWS_PER_DELETE));
            setSelected(new Set());
            setActive(null);
            setIsPanelOpen(false);
            cache.reset();
            await onTableChanged();
          }}
        >
          <p>The selected rows and their answers are deleted for good.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
