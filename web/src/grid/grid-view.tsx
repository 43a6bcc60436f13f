import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef, useSyncExternalStore, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import type { Column, TableDataRow } from '../api/api-types.ts';
import { answerFormatOf, columnWidth, describeColumn, isInputColumn, type AnswerFormat } from './column-display.ts';
import { GridCellContent } from './grid-cell.tsx';
import { moveCell, type CellPosition } from './grid-navigation.ts';
import type { RowPageCache } from './row-page-cache.ts';

export const ROW_HEIGHT = 36;
const HEADER_HEIGHT = 52;
/** Checkbox and row number, left of the frozen column. */
const GUTTER_WIDTH = 64;

export interface GridViewProps {
  /** Columns in display order; the first is frozen at the left when `hasFrozenColumn`. */
  gridColumns: Column[];
  hasFrozenColumn: boolean;
  rowCount: number;
  cache: RowPageCache;
  active: CellPosition | null;
  editing: CellPosition | null;
  selectedRowIds: ReadonlySet<string>;
  onActiveChange(position: CellPosition): void;
  onOpenPanel(position: CellPosition): void;
  onClosePanel(): void;
  onStartEdit(position: CellPosition): void;
  onEndEdit(position: CellPosition, value: string | null): void;
  onToggleRow(rowId: string, rowIndex: number, isRange: boolean): void;
  renderColumnMenu(column: Column): ReactNode;
}

interface ColumnLayout {
  column: Column;
  format: AnswerFormat;
  isInput: boolean;
  width: number;
}

/**
 * The grid: rows and columns both virtualised, so only what is on screen is in the DOM, and only
 * the pages of rows around the screen are in memory (RowPageCache). The gutter and the frozen
 * input column stick to the left; the header sticks to the top.
 */
export function GridView(props: GridViewProps) {
  const { gridColumns, hasFrozenColumn, rowCount, cache, active, onActiveChange } = props;
  const scrollReference = useRef<HTMLDivElement>(null);
  useSyncExternalStore(cache.subscribe, cache.getVersion);

  const layouts = useMemo<ColumnLayout[]>(
    () =>
      gridColumns.map((column) => ({
        column,
        format: answerFormatOf(column.config),
        isInput: isInputColumn(column),
        width: columnWidth(column.config) + (column === gridColumns[0] && hasFrozenColumn ? 40 : 0),
      })),
    [gridColumns, hasFrozenColumn],
  );
  const frozen = hasFrozenColumn ? layouts[0] : undefined;
  // Memoised: the virtualizer is re-measured when this array changes, and measuring re-renders.
  const scrolling = useMemo(() => (hasFrozenColumn ? layouts.slice(1) : layouts), [layouts, hasFrozenColumn]);
  const stickyWidth = GUTTER_WIDTH + (frozen?.width ?? 0);

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

  // Column widths change with the columns; the virtualizer caches sizes by index.
  useEffect(() => columnVirtualizer.measure(), [columnVirtualizer, scrolling]);

  const firstColumnStart = virtualColumns[0]?.start ?? stickyWidth;
  const shownColumns = useMemo(
    () => virtualColumns.map((item) => ({ key: item.key, layout: scrolling[item.index]!, gridIndex: item.index + (hasFrozenColumn ? 1 : 0) })),
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
      return;
    }
    if (rowCount === 0 || gridColumns.length === 0) return;
    const current = active ?? { row: 0, column: 0 };
    if (event.key === 'Enter') {
      event.preventDefault();
      props.onOpenPanel(current);
      return;
    }
    if (event.key === 'F2' && layouts[current.column]?.isInput) {
      event.preventDefault();
      props.onStartEdit(current);
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
    const visibleRows = Math.max(1, Math.floor((scrollReference.current?.clientHeight ?? 400) / ROW_HEIGHT) - 2);
    const next = moveCell(current, event.key, { rows: rowCount, columns: gridColumns.length, page: visibleRows, isJump: event.ctrlKey || event.metaKey });
    if (!next) return;
    event.preventDefault();
    onActiveChange(next);
    scrollTo(next);
  };

  const positionOf = (event: MouseEvent): CellPosition | null => {
    const element = (event.target as HTMLElement).closest<HTMLElement>('[data-grid-cell]');
    if (!element) return null;
    return { row: Number(element.dataset.row), column: Number(element.dataset.column) };
  };

  return (
    <div
      ref={scrollReference}
      className="grid-scroll"
      role="grid"
      aria-rowcount={rowCount + 1}
      aria-colcount={gridColumns.length}
      aria-activedescendant={active ? cellId(active) : undefined}
      tabIndex={0}
      data-testid="grid"
      data-rows-held={cache.heldRowCount}
      onKeyDown={onKeyDown}
      onClick={(event) => {
        const position = positionOf(event);
        if (!position) return;
        onActiveChange(position);
        props.onOpenPanel(position);
      }}
      onDoubleClick={(event) => {
        const position = positionOf(event);
        if (position && layouts[position.column]?.isInput) props.onStartEdit(position);
      }}
    >
      <div className="grid-canvas" style={{ width: columnVirtualizer.getTotalSize(), height: rowVirtualizer.getTotalSize() }}>
        <div className="grid-header" role="row" style={{ height: HEADER_HEIGHT }}>
          <div className="grid-sticky" style={{ width: stickyWidth }}>
            <div className="grid-gutter grid-header-cell" style={{ width: GUTTER_WIDTH }}>
              #
            </div>
            {frozen && <HeaderCell layout={frozen} menu={props.renderColumnMenu(frozen.column)} />}
          </div>
          <div style={{ width: firstColumnStart - stickyWidth, flexShrink: 0 }} />
          {shownColumns.map(({ key, layout }) => (
            <HeaderCell key={String(key)} layout={layout} menu={props.renderColumnMenu(layout.column)} />
          ))}
        </div>
        {virtualRows.map((virtualRow) => {
          const row = cache.row(virtualRow.index);
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
              editingColumn={props.editing?.row === virtualRow.index ? props.editing.column : -1}
              isSelected={row ? props.selectedRowIds.has(row.id) : false}
              onToggleRow={props.onToggleRow}
              onEndEdit={props.onEndEdit}
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

function HeaderCell({ layout, menu }: { layout: ColumnLayout; menu: ReactNode }) {
  const config = layout.column.config;
  return (
    <div className="grid-header-cell" role="columnheader" style={{ width: layout.width }} data-column-key={config.key} title={`key: ${config.key}`}>
      <div className="grid-header-name">
        <span className="grid-header-title">{config.name}</span>
        {menu}
      </div>
      <div className="grid-header-kind">{describeColumn(config).join(' · ')}</div>
    </div>
  );
}

interface GridRowProps {
  rowIndex: number;
  top: number;
  row: TableDataRow | undefined;
  frozen: ColumnLayout | undefined;
  stickyWidth: number;
  spacerWidth: number;
  shownColumns: { key: string | number | bigint; layout: ColumnLayout; gridIndex: number }[];
  activeColumn: number;
  editingColumn: number;
  isSelected: boolean;
  onToggleRow(rowId: string, rowIndex: number, isRange: boolean): void;
  onEndEdit(position: CellPosition, value: string | null): void;
}

/** One row; re-renders only when its data, the active cell in it, or the visible columns change. */
const GridRow = memo(function GridRow(props: GridRowProps) {
  const { rowIndex, row, frozen } = props;
  const renderCell = (layout: ColumnLayout, gridIndex: number) => {
    const isActive = props.activeColumn === gridIndex;
    const cell = row?.data[layout.column.config.key];
    return (
      <div
        key={layout.column.id}
        id={cellId({ row: rowIndex, column: gridIndex })}
        role="gridcell"
        className={`grid-cell${isActive ? ' is-active' : ''}${layout.isInput ? ' is-input' : ''}`}
        style={{ width: layout.width }}
        data-grid-cell=""
        data-row={rowIndex}
        data-column={gridIndex}
        data-column-key={layout.column.config.key}
        data-status={layout.isInput ? 'input' : (cell?.status ?? 'created')}
        aria-selected={isActive}
      >
        {row ? (
          <GridCellContent
            cell={cell}
            format={layout.format}
            isInput={layout.isInput}
            isEditing={props.editingColumn === gridIndex}
            row={rowIndex}
            column={gridIndex}
            onEndEdit={props.onEndEdit}
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
            onChange={() => {}}
          />
          <span className="grid-row-number">{rowIndex + 1}</span>
        </div>
        {frozen && renderCell(frozen, 0)}
      </div>
      <div style={{ width: props.spacerWidth, flexShrink: 0 }} />
      {props.shownColumns.map(({ layout, gridIndex }) => renderCell(layout, gridIndex))}
    </div>
  );
});
