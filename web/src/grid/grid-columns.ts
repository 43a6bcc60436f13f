import type { Column } from '../api/api-types.ts';
import { answerFormatOf, columnWidth, isInputColumn, type AnswerFormat } from './column-display.ts';
import { fieldLabel } from './json-fields.ts';

/** Narrowest and widest a column may be dragged to. */
export const MIN_COLUMN_WIDTH = 70;
export const MAX_COLUMN_WIDTH = 900;
/** The frozen column is this much wider than its format's default: it names the row. */
const FROZEN_EXTRA_WIDTH = 40;

/**
 * One column of the grid as drawn: a table column, or one field of a column's JSON answers shown
 * as a column of its own ("show fields as columns"), which is read-only and sits right after it.
 */
export interface GridColumn {
  /** Unique in the grid: the column id, or `<column id>.<field>` for a field. */
  id: string;
  column: Column;
  /** The field of the answer this grid column shows, or null for the whole answer. */
  field: string | null;
  /** Header text. */
  name: string;
  /** An input column the user can type into (fields never are). */
  isInput: boolean;
  format: AnswerFormat;
  width: number;
}

export interface GridColumnSettings {
  /** Widths the user dragged, by grid column id. */
  widths: Readonly<Record<string, number>>;
  /** Fields shown as columns, by column id. */
  expandedFields: Readonly<Record<string, readonly string[]>>;
}

/** The grid's columns in display order: the frozen one first, each expanded column followed by its fields. */
export function buildGridColumns(columns: readonly Column[], frozen: Column | undefined, settings: GridColumnSettings): GridColumn[] {
  const ordered = frozen ? [frozen, ...columns.filter((column) => column !== frozen)] : [...columns];
  const result: GridColumn[] = [];
  for (const column of ordered) {
    const format = answerFormatOf(column.config);
    const defaultWidth = columnWidth(column.config) + (column === frozen ? FROZEN_EXTRA_WIDTH : 0);
    result.push({
      id: column.id,
      column,
      field: null,
      name: column.config.name,
      isInput: isInputColumn(column),
      format,
      width: clampWidth(settings.widths[column.id] ?? defaultWidth),
    });
    if (column === frozen) continue;
    for (const field of settings.expandedFields[column.id] ?? []) {
      const id = `${column.id}.${field}`;
      result.push({
        id,
        column,
        field,
        name: `${column.config.name} › ${fieldLabel(field)}`,
        isInput: false,
        format: 'text',
        width: clampWidth(settings.widths[id] ?? 180),
      });
    }
  }
  return result;
}

export function clampWidth(width: number): number {
  return Math.round(Math.max(MIN_COLUMN_WIDTH, Math.min(MAX_COLUMN_WIDTH, width)));
}
