import { isNotFoundAnswer } from '../../../src/domain/output-formats/not-found.ts';
import type { TableDataRow } from '../api/api-types.ts';
import { answerAsText } from './answer-formatting.ts';
import { readCellValue } from './cell-value.ts';
import type { GridColumn } from './grid-columns.ts';
import { inputText } from './grid-cell.tsx';
import type { CellRange } from './grid-selection.ts';
import { isPlainObject } from './json-fields.ts';

/** A cell as copied: its input text, or the answer as text once done (empty while not). */
export function cellCopyText(row: TableDataRow, gridColumn: GridColumn): string {
  const cell = row.data[gridColumn.column.config.key];
  if (gridColumn.isInput) return inputText(cell);
  if (cell?.status !== 'done') return '';
  const answer = readCellValue(cell, false).answer;
  if (isNotFoundAnswer(answer)) return 'Not found';
  if (gridColumn.field === null) return answerAsText(answer);
  return isPlainObject(answer) ? answerAsText(answer[gridColumn.field]) : '';
}

/** The range's cells as rows of text, and how many of its rows were not in memory (copied empty). */
export function copyRange(
  range: CellRange,
  gridColumns: readonly GridColumn[],
  rowAt: (index: number) => TableDataRow | undefined,
): { rows: string[][]; missingRows: number } {
  const rows: string[][] = [];
  let missingRows = 0;
  for (let index = range.top; index <= range.bottom; index++) {
    const row = rowAt(index);
    if (!row) missingRows++;
    const line: string[] = [];
    for (let column = range.left; column <= range.right; column++) line.push(row ? cellCopyText(row, gridColumns[column]!) : '');
    rows.push(line);
  }
  return { rows, missingRows };
}

/** An input cell to write, by grid position. */
export interface PasteTarget {
  rowIndex: number;
  key: string;
  /** null empties the cell (an empty pasted cell). */
  value: string | null;
}

export interface PastePlan {
  targets: PasteTarget[];
  /** Lines past the last row, as new rows (input values by key). */
  newRows: Record<string, string>[];
  /** Pasted columns that had no input column to go into (past the last one to the right). */
  droppedColumns: number;
}

/**
 * Where pasted cells go, as in a spreadsheet. One value fills every input cell of the selection.
 * A block starts at the selection's top-left cell: its columns fill the input columns from there
 * rightwards (computed columns in between are stepped over, since only inputs can be written),
 * its lines fill the rows downwards, and lines past the last row become new rows.
 */
export function planPaste(range: CellRange, block: readonly (readonly string[])[], gridColumns: readonly GridColumn[], rowCount: number): PastePlan {
  const valueFrom = (text: string | undefined) => (text === undefined || text === '' ? null : text);
  if (block.length === 1 && block[0]!.length === 1) {
    const value = valueFrom(block[0]![0]);
    const targets: PasteTarget[] = [];
    for (let rowIndex = range.top; rowIndex <= range.bottom; rowIndex++) {
      for (let column = range.left; column <= range.right; column++) {
        const gridColumn = gridColumns[column]!;
        if (gridColumn.isInput) targets.push({ rowIndex, key: gridColumn.column.config.key, value });
      }
    }
    return { targets, newRows: [], droppedColumns: 0 };
  }
  const width = Math.max(...block.map((line) => line.length));
  const inputKeys = gridColumns.slice(range.left).flatMap((gridColumn) => (gridColumn.isInput ? [gridColumn.column.config.key] : []));
  const keys = inputKeys.slice(0, width);
  const targets: PasteTarget[] = [];
  const newRows: Record<string, string>[] = [];
  block.forEach((line, offset) => {
    const rowIndex = range.top + offset;
    if (rowIndex < rowCount) {
      keys.forEach((key, index) => {
        targets.push({ rowIndex, key, value: valueFrom(line[index]) });
      });
      return;
    }
    const data: Record<string, string> = {};
    keys.forEach((key, index) => {
      const value = valueFrom(line[index]);
      if (value !== null) data[key] = value;
    });
    if (Object.keys(data).length > 0) newRows.push(data);
  });
  return { targets, newRows, droppedColumns: width - keys.length };
}
