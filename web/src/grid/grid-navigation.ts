/** A cell of the grid: row position in the table, column position in the grid (0 = frozen column). */
export interface CellPosition {
  row: number;
  column: number;
}

export interface GridBounds {
  rows: number;
  columns: number;
  /** Rows one PageUp/PageDown moves. */
  page: number;
  /** Ctrl/Cmd held: arrows jump to the edge, Home/End go to the first/last row. */
  isJump: boolean;
}

/** Where a navigation key moves the active cell, or null for keys that do not move it. */
export function moveCell(current: CellPosition, key: string, bounds: GridBounds): CellPosition | null {
  const lastRow = bounds.rows - 1;
  const lastColumn = bounds.columns - 1;
  const clamp = (row: number, column: number): CellPosition => ({
    row: Math.max(0, Math.min(lastRow, row)),
    column: Math.max(0, Math.min(lastColumn, column)),
  });
  switch (key) {
    case 'ArrowUp':
      return clamp(bounds.isJump ? 0 : current.row - 1, current.column);
    case 'ArrowDown':
      return clamp(bounds.isJump ? lastRow : current.row + 1, current.column);
    case 'ArrowLeft':
      return clamp(current.row, bounds.isJump ? 0 : current.column - 1);
    case 'ArrowRight':
      return clamp(current.row, bounds.isJump ? lastColumn : current.column + 1);
    case 'PageUp':
      return clamp(current.row - bounds.page, current.column);
    case 'PageDown':
      return clamp(current.row + bounds.page, current.column);
    case 'Home':
      return bounds.isJump ? clamp(0, 0) : clamp(current.row, 0);
    case 'End':
      return bounds.isJump ? clamp(lastRow, lastColumn) : clamp(current.row, lastColumn);
    default:
      return null;
  }
}
