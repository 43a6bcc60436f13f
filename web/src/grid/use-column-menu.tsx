import { useCallback, type ReactNode } from 'react';
import type { Column } from '../api/api-types.ts';
import { Menu, type MenuItem } from '../common/menu.tsx';
import { readCellValue } from './cell-value.ts';
import { isInputColumn } from './column-display.ts';
import type { GridColumn } from './grid-columns.ts';
import type { GridPreferences } from './grid-preferences.ts';
import { knownFields } from './json-fields.ts';
import type { RowPageCache } from './row-page-cache.ts';

/** Rows read for the fields a JSON column's answers have (when its schema does not declare them). */
const FIELD_SAMPLE_ROWS = 300;

export interface ColumnMenuOptions {
  rowCount: number;
  cache: RowPageCache;
  preferences: GridPreferences;
  updatePreferences(change: (current: GridPreferences) => GridPreferences): void;
  notify(message: string): void;
  onEdit(column: Column): void;
  onRun(column: Column): void;
  /** Run mode `stale` on this column only. */
  onRunStale(column: Column): void;
  onDelete(column: Column): void;
}

/**
 * The ⋯ menu of a column header: edit, run, show a JSON column's fields as columns (or hide
 * them), reset a dragged width, delete. A field column's menu only hides the field columns.
 */
export function useColumnMenu(options: ColumnMenuOptions): (gridColumn: GridColumn) => ReactNode {
  const { rowCount, cache, preferences, updatePreferences, notify, onEdit, onRun, onRunStale, onDelete } = options;

  const toggleFields = useCallback(
    (column: Column) => {
      if (preferences.expandedFields[column.id]) {
        updatePreferences((current) => ({ ...current, expandedFields: omit(current.expandedFields, column.id) }));
        return;
      }
      const answers: unknown[] = [];
      for (let index = 0; index < Math.min(rowCount, FIELD_SAMPLE_ROWS); index++) {
        const cell = cache.row(index)?.data[column.config.key];
        if (cell?.status === 'done') answers.push(readCellValue(cell, false).answer);
      }
      const schema = column.config.kind === 'agent' ? column.config.value.output_schema : undefined;
      const fields = knownFields(schema, answers);
      if (fields.length === 0) {
        notify(`${column.config.name} has no fields to show yet: run it first.`);
        return;
      }
      updatePreferences((current) => ({ ...current, expandedFields: { ...current.expandedFields, [column.id]: fields } }));
    },
    [preferences, updatePreferences, rowCount, cache, notify],
  );

  return useCallback(
    (gridColumn: GridColumn) => {
      const column = gridColumn.column;
      if (gridColumn.field !== null) {
        return (
          <Menu
            label="⋯"
            ariaLabel={`Column ${gridColumn.name} actions`}
            buttonClassName="button button-quiet button-small"
            items={[{ label: 'Hide the field columns', onSelect: () => toggleFields(column) }]}
          />
        );
      }
      const hasFields = gridColumn.format === 'json' || gridColumn.format === 'profile';
      const items: MenuItem[] = [
        { label: 'Edit column', onSelect: () => onEdit(column) },
        ...(isInputColumn(column)
          ? []
          : [
              { label: 'Run this column…', onSelect: () => onRun(column) },
              { label: 'Re-run its out-of-date answers', onSelect: () => onRunStale(column) },
            ]),
        ...(hasFields
          ? [{ label: preferences.expandedFields[column.id] ? 'Hide the field columns' : 'Show fields as columns', onSelect: () => toggleFields(column) }]
          : []),
        ...(preferences.widths[column.id] === undefined
          ? []
          : [{ label: 'Reset width', onSelect: () => updatePreferences((current) => ({ ...current, widths: omit(current.widths, column.id) })) }]),
        { label: 'Delete column', isDanger: true, onSelect: () => onDelete(column) },
      ];
      return <Menu label="⋯" ariaLabel={`Column ${column.config.name} actions`} buttonClassName="button button-quiet button-small" items={items} />;
    },
    [toggleFields, preferences, updatePreferences, onEdit, onRun, onDelete],
  );
}

function omit<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const { [key]: _removed, ...rest } = record;
  return rest;
}
