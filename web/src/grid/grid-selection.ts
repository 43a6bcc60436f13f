import type { CellPosition } from './grid-navigation.ts';

/**
 * A rectangle of cells, as in a spreadsheet: the anchor is where it started (a click), the focus
 * where it ends (shift-click, shift-arrows, a drag) and is the active cell.
 */
export interface GridSelection {
  anchor: CellPosition;
  focus: CellPosition;
}

/** The selected rectangle, edges included. */
export interface CellRange {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export function singleCell(position: CellPosition): GridSelection {
  return { anchor: position, focus: position };
}

export function rangeOf(selection: GridSelection): CellRange {
  return {
    top: Math.min(selection.anchor.row, selection.focus.row),
    bottom: Math.max(selection.anchor.row, selection.focus.row),
    left: Math.min(selection.anchor.column, selection.focus.column),
    right: Math.max(selection.anchor.column, selection.focus.column),
  };
}

export function isInRange(range: CellRange, row: number, column: number): boolean {
  return row >= range.top && row <= range.bottom && column >= range.left && column <= range.right;
}

export function isSingleCell(range: CellRange): boolean {
  return range.top === range.bottom && range.left === range.right;
}

/** Rows × columns of the range. */
export function rangeSize(range: CellRange): { rows: number; columns: number } {
  return { rows: range.bottom - range.top + 1, columns: range.right - range.left + 1 };
}
