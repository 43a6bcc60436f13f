import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef, useSyncExternalStore, type ClipboardEvent, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import type { TableDataRow } from '../api/api-types.ts';
import { describeColumn } from './column-display.ts';
import { ColumnResizeHandle } from './column-resize-handle.tsx';
import { GridCellContent } from './grid-cell.tsx';
import type { GridColumn } from './grid-columns.ts';
import { moveCell, type CellPosition } from './grid-navigation.ts';
import { rangeOf, singleCell, type CellRange, type GridSelection } from './grid-selection.ts';
import type { RowPageCache } from './row-page-cache.ts';

export const ROW_HEIGHT = 36;
const HEADER_HEIGHT = 52;
/** Checkbox, row number and the expand button, left of the frozen column. */
const GUTTER_WIDTH = 84;

/** An inline edit: where, and the key that started it (typing replaces the value), or null (F2, double-click). */
export interface CellEditing {
  position: CellPosition;
  seed: string | null;
}

export interface GridViewProps {
  /** Columns in display order; the first is frozen at the left when `hasFrozenColumn`. */
  gridColumns: GridColumn[];
  hasFrozenColumn: boolean;
  rowCount: number;
  cache: RowPageCache;
  selection: GridSelection | null;
  editing: CellEditing | null;
  /** Scroll this cell into view (a failed dependency followed); a new serial asks again. */
  scrollRequest: { position: CellPosition; serial: number } | null;
  selectedRowIds: ReadonlySet<string>;
  onSelectionChange(selection: GridSelection): void;
  onOpenPanel(position: CellPosition): void;
  onClosePanel(): void;
  onStartEdit(position: CellPosition, seed: string | null): void;
  onEndEdit(position: CellPosition, value: string | null, move: 'down' | 'right' | null): void;
  onToggleRow(rowId: string, rowIndex: number, isRange: boolean): void;
  onExpandRow(rowIndex: number): void;
  /** The selected cells as clipboard text (Ctrl/Cmd+C). */
  onCopy(range: CellRange): string;
  /** Clipboard text pasted at the selection (Ctrl/Cmd+V). */
  onPaste(range: CellRange, text: string): void;
  /** Delete/Backspace: empty the selected input cells. */
  onClear(range: CellRange): void;
  onFollowDependency(row: number, columnName: string): void;
  onResizeColumn(gridColumnId: string, width: number): void;
  renderColumnMenu(gridColumn: GridColumn): ReactNode;
}

/** A key that types a character (not a shortcut, not Space, which selects the row). */
function isTypingKey(event: KeyboardEvent): boolean {
  return event.key.length === 1 && event.key !== ' ' && !event.ctrlKey && !event.metaKey && !event.altKey;
}

/**
 * The grid: rows and columns both virtualised, so only what is on screen is in the DOM, and only
 * the pages of rows around the screen are in memory (RowPageCache). The gutter and the frozen
 * input column stick to the left; the header sticks to the top. Cells are selected as in a
 * spreadsheet (click, shift-click, drag, shift-arrows); copy, paste and typing work on the selection.
 */
export function GridView(props: GridViewProps) {
  const { gridColumns, hasFrozenColumn, rowCount, cache, selection } = props;
  const scrollReference = useRef<HTMLDivElement>(null);
  const isDragging = useRef(false);
  useSyncExternalStore(cache.subscribe, cache.getVersion);

  const frozen = hasFrozenColumn ? gridColumns[0] : undefined;
  // Memoised: the virtualizer is re-measured when this array changes, and measuring re-renders.
  const scrolling = useMemo(() => (hasFrozenColumn ? gridColumns.slice(1) : gridColumns), [gridColumns, hasFrozenColumn]);
  const stickyWidth = GUTTER_WIDTH + (frozen?.width ?? 0);
  const active = selection?.focus ?? null;
  const range = selection ? rangeOf(selection) : null;

  const rowVirtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollReference.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const columnVirtualizer = useVirtualizer({
    horizontal: true,
    count: scrolling.length,
    getScrollElement: () => scrollReference.current,
    estimateSize: (index) => scrolling[index]!.width,
    overscan: 2,
    paddingStart: stickyWidth,
    scrollPaddingStart: stickyWidth,
  });
  const virtualRows = rowVirtualizer.getVirtualItems();
  const virtualColumns = columnVirtualizer.getVirtualItems();
  const firstRow = virtualRows[0]?.index ?? 0;
  const lastRow = virtualRows.at(-1)?.index ?? -1;

  useEffect(() => cache.noteRowCount(rowCount), [cache, rowCount]);
  useEffect(() => {
    cache.show(firstRow, lastRow);
  }, [cache, firstRow, lastRow, rowCount]);

  // Column widths change with the columns (and when dragged); the virtualizer caches sizes by index.
  useEffect(() => columnVirtualizer.measure(), [columnVirtualizer, scrolling]);

  useEffect(() => {
    const endDrag = () => {
      isDragging.current = false;
    };
    document.addEventListener('mouseup', endDrag);
    return () => document.removeEventListener('mouseup', endDrag);
  }, []);

  const scrollSerial = props.scrollRequest?.serial;
  useEffect(() => {
    if (props.scrollRequest) scrollTo(props.scrollRequest.position);
    // Only a new request scrolls; the position object is part of it.
  }, [scrollSerial]);

  const firstColumnStart = virtualColumns[0]?.start ?? stickyWidth;
  const shownColumns = useMemo(
    () => virtualColumns.map((item) => ({ key: item.key, gridColumn: scrolling[item.index]!, gridIndex: item.index + (hasFrozenColumn ? 1 : 0) })),
    [virtualColumns, scrolling, hasFrozenColumn],
  );

  const scrollTo = (position: CellPosition) => {
    rowVirtualizer.scrollToIndex(position.row, { align: 'auto' });
    const scrollingIndex = position.column - (hasFrozenColumn ? 1 : 0);
    if (scrollingIndex >= 0) columnVirtualizer.scrollToIndex(scrollingIndex, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Escape') {
      props.onClosePanel();
      if (active) props.onSelectionChange(singleCell(active));
      return;
    }
    if (rowCount === 0 || gridColumns.length === 0) return;
    const current = active ?? { row: 0, column: 0 };
    if (event.key === 'Enter') {
      event.preventDefault();
      props.onOpenPanel(current);
      return;
    }
    if (event.key === 'F2' && gridColumns[current.column]?.isInput) {
      event.preventDefault();
      props.onStartEdit(current, null);
      return;
    }
    if ((event.key === 'Delete' || event.key === 'Backspace') && range) {
      event.preventDefault();
      props.onClear(range);
      return;
    }
    if (isTypingKey(event) && gridColumns[current.column]?.isInput) {
      event.preventDefault();
      props.onStartEdit(current, event.key);
      return;
    }
    if (event.key === ' ') {
      const row = cache.row(current.row);
      if (row) {
        event.preventDefault();
        props.onToggleRow(row.id, current.row, event.shiftKey);
      }
      return;
    }
    const key = event.key === 'Tab' ? (event.shiftKey ? 'ArrowLeft' : 'ArrowRight') : event.key;
    const visibleRows = Math.max(1, Math.floor((scrollReference.current?.clientHeight ?? 400) / ROW_HEIGHT) - 2);
    const next = moveCell(current, key, { rows: rowCount, columns: gridColumns.length, page: visibleRows, isJump: event.ctrlKey || event.metaKey });
    if (!next) return;
    event.preventDefault();
    const isExtending = event.shiftKey && event.key !== 'Tab';
    props.onSelectionChange(isExtending && selection ? { anchor: selection.anchor, focus: next } : singleCell(next));
    scrollTo(next);
  };

  const positionOf = (event: MouseEvent): CellPosition | null => {
    const element = (event.target as HTMLElement).closest<HTMLElement>('[data-grid-cell]');
    if (!element) return null;
    return { row: Number(element.dataset.row), column: Number(element.dataset.column) };
  };

  /** A clipboard event for the grid, not for the cell editor (its target is wherever the text caret is, often a cell's text). */
  const isForGrid = (event: ClipboardEvent<HTMLDivElement>) => !(event.target as HTMLElement).closest('input, textarea, select');

  const onCopy = (event: ClipboardEvent<HTMLDivElement>) => {
    if (!isForGrid(event) || !range) return;
    event.preventDefault();
    event.clipboardData.setData('text/plain', props.onCopy(range));
  };

  const onPaste = (event: ClipboardEvent<HTMLDivElement>) => {
    if (!isForGrid(event) || !range) return;
    event.preventDefault();
    props.onPaste(range, event.clipboardData.getData('text/plain'));
  };

  return (
    <div
      ref={scrollReference}
      className="grid-scroll"
      role="grid"
      aria-rowcount={rowCount + 1}
      aria-colcount={gridColumns.length}
      aria-multiselectable="true"
      aria-activedescendant={active ? cellId(active) : undefined}
      tabIndex={0}
      data-testid="grid"
      data-rows-held={cache.heldRowCount}
      onKeyDown={onKeyDown}
      onCopy={onCopy}
      onPaste={onPaste}
      onMouseDown={(event) => {
        const position = positionOf(event);
        if (!position || event.button !== 0) return;
        if (event.shiftKey && selection) {
          // Shift-click extends the selection; without this the browser would select the page's text.
          event.preventDefault();
          props.onSelectionChange({ anchor: selection.anchor, focus: position });
          return;
        }
        isDragging.current = true;
        props.onSelectionChange(singleCell(position));
      }}
      onMouseMove={(event) => {
        if (!isDragging.current || !selection) return;
        const position = positionOf(event);
        if (position && (position.row !== selection.focus.row || position.column !== selection.focus.column)) {
          props.onSelectionChange({ anchor: selection.anchor, focus: position });
        }
      }}
      onClick={(event) => {
        const position = positionOf(event);
        if (!position || event.shiftKey) return;
        props.onOpenPanel(position);
      }}
      onDoubleClick={(event) => {
        const position = positionOf(event);
        if (position && gridColumns[position.column]?.isInput) props.onStartEdit(position, null);
      }}
    >
      <div className="grid-canvas" style={{ width: columnVirtualizer.getTotalSize(), height: rowVirtualizer.getTotalSize() }}>
        <div className="grid-header" role="row" style={{ height: HEADER_HEIGHT }}>
          <div className="grid-sticky" style={{ width: stickyWidth }}>
            <div className="grid-gutter grid-header-cell" style={{ width: GUTTER_WIDTH }}>
              #
            </div>
            {frozen && <HeaderCell gridColumn={frozen} menu={props.renderColumnMenu(frozen)} onResize={props.onResizeColumn} />}
          </div>
          <div style={{ width: firstColumnStart - stickyWidth, flexShrink: 0 }} />
          {shownColumns.map(({ key, gridColumn }) => (
            <HeaderCell key={String(key)} gridColumn={gridColumn} menu={props.renderColumnMenu(gridColumn)} onResize={props.onResizeColumn} />
          ))}
        </div>
        {virtualRows.map((virtualRow) => {
          const row = cache.row(virtualRow.index);
          const isRowInRange = range !== null && virtualRow.index >= range.top && virtualRow.index <= range.bottom;
          return (
            <GridRow
              key={virtualRow.key}
              rowIndex={virtualRow.index}
              top={virtualRow.start}
              row={row}
              frozen={frozen}
              stickyWidth={stickyWidth}
              spacerWidth={firstColumnStart - stickyWidth}
              shownColumns={shownColumns}
              activeColumn={active?.row === virtualRow.index ? active.column : -1}
              rangeLeft={isRowInRange ? range.left : -1}
              rangeRight={isRowInRange ? range.right : -2}
              editingColumn={props.editing?.position.row === virtualRow.index ? props.editing.position.column : -1}
              editSeed={props.editing?.position.row === virtualRow.index ? props.editing.seed : null}
              isSelected={row ? props.selectedRowIds.has(row.id) : false}
              onToggleRow={props.onToggleRow}
              onExpandRow={props.onExpandRow}
              onEndEdit={props.onEndEdit}
              onFollowDependency={props.onFollowDependency}
            />
          );
        })}
      </div>
    </div>
  );
}

function cellId(position: CellPosition): string {
  return `grid-cell-${position.row}-${position.column}`;
}

function HeaderCell({ gridColumn, menu, onResize }: { gridColumn: GridColumn; menu: ReactNode; onResize(id: string, width: number): void }) {
  const config = gridColumn.column.config;
  const kind = gridColumn.field === null ? describeColumn(config).join(' · ') : `field of ${config.name}`;
  return (
    <div
      className={`grid-header-cell${gridColumn.field === null ? '' : ' is-field'}`}
      role="columnheader"
      style={{ width: gridColumn.width }}
      data-column-key={gridColumn.field === null ? config.key : `${config.key}.${gridColumn.field}`}
      title={`key: ${config.key}${gridColumn.field === null ? '' : `, field ${gridColumn.field}`}`}
    >
      <div className="grid-header-name">
        <span className="grid-header-title">{gridColumn.name}</span>
        {menu}
      </div>
      <div className="grid-header-kind">{kind}</div>
      <ColumnResizeHandle name={gridColumn.name} width={gridColumn.width} onResize={(width) => onResize(gridColumn.id, width)} />
    </div>
  );
}

interface GridRowProps {
  rowIndex: number;
  top: number;
  row: TableDataRow | undefined;
  frozen: GridColumn | undefined;
  stickyWidth: number;
  spacerWidth: number;
  shownColumns: { key: string | number | bigint; gridColumn: GridColumn; gridIndex: number }[];
  activeColumn: number;
  /** Columns of the selected range in this row (left > right when none). */
  rangeLeft: number;
  rangeRight: number;
  editingColumn: number;
  editSeed: string | null;
  isSelected: boolean;
  onToggleRow(rowId: string, rowIndex: number, isRange: boolean): void;
  onExpandRow(rowIndex: number): void;
  onEndEdit(position: CellPosition, value: string | null, move: 'down' | 'right' | null): void;
  onFollowDependency(row: number, columnName: string): void;
}

/** One row; re-renders only when its data, the selection in it, or the visible columns change. */
const GridRow = memo(function GridRow(props: GridRowProps) {
  const { rowIndex, row, frozen } = props;
  const renderCell = (gridColumn: GridColumn, gridIndex: number) => {
    const isActive = props.activeColumn === gridIndex;
    const isSelected = gridIndex >= props.rangeLeft && gridIndex <= props.rangeRight;
    const cell = row?.data[gridColumn.column.config.key];
    const key = gridColumn.field === null ? gridColumn.column.config.key : `${gridColumn.column.config.key}.${gridColumn.field}`;
    return (
      <div
        key={gridColumn.id}
        id={cellId({ row: rowIndex, column: gridIndex })}
        role="gridcell"
        className={`grid-cell${isActive ? ' is-active' : ''}${isSelected ? ' is-in-range' : ''}${gridColumn.isInput ? ' is-input' : ''}`}
        style={{ width: gridColumn.width }}
        data-grid-cell=""
        data-row={rowIndex}
        data-column={gridIndex}
        data-column-key={key}
        data-status={gridColumn.isInput ? 'input' : (cell?.status ?? 'created')}
        aria-selected={isSelected}
      >
        {row ? (
          <GridCellContent
            cell={cell}
            format={gridColumn.format}
            isInput={gridColumn.isInput}
            field={gridColumn.field}
            isEditing={props.editingColumn === gridIndex}
            editSeed={props.editingColumn === gridIndex ? props.editSeed : null}
            row={rowIndex}
            column={gridIndex}
            onEndEdit={props.onEndEdit}
            onFollowDependency={props.onFollowDependency}
          />
        ) : (
          <span className="cell-loading" aria-label="Loading" />
        )}
      </div>
    );
  };
  return (
    <div
      className={`grid-row${props.isSelected ? ' is-selected' : ''}`}
      role="row"
      aria-rowindex={rowIndex + 2}
      data-row-index={rowIndex}
      data-row-id={row?.id}
      style={{ transform: `translateY(${props.top}px)`, height: ROW_HEIGHT }}
    >
      <div className="grid-sticky" style={{ width: props.stickyWidth }}>
        <div className="grid-gutter" style={{ width: GUTTER_WIDTH }}>
          <input
            type="checkbox"
            aria-label={`Select row ${rowIndex + 1}`}
            checked={props.isSelected}
            disabled={!row}
            onClick={(event) => {
              event.stopPropagation();
              if (row) props.onToggleRow(row.id, rowIndex, event.shiftKey);
            }}
            onMouseDown={(event) => event.stopPropagation()}
            onChange={() => {}}
          />
          <span className="grid-row-number">{rowIndex + 1}</span>
          <button
            type="button"
            className="grid-expand-row"
            aria-label={`Open row ${rowIndex + 1}`}
            title="Open the whole row"
            disabled={!row}
            onMouseDown={(event) => event.stopPropagation()}
            onClick={(event) => {
              event.stopPropagation();
              props.onExpandRow(rowIndex);
            }}
          >
            ⤢
          </button>
        </div>
        {frozen && renderCell(frozen, 0)}
      </div>
      <div style={{ width: props.spacerWidth, flexShrink: 0 }} />
      {props.shownColumns.map(({ gridColumn, gridIndex }) => renderCell(gridColumn, gridIndex))}
    </div>
  );
});
