import { useCallback, useState } from 'react';
import type { GridColumnSettings } from './grid-columns.ts';

/**
 * How the user laid the grid out, per table, in this browser: column widths they dragged and the
 * JSON fields they spread into columns. Kept in localStorage; a damaged entry is ignored.
 */
export type GridPreferences = GridColumnSettings;

const EMPTY: GridPreferences = { widths: {}, expandedFields: {} };
const storageKey = (tableId: string) => `fathom.grid.${tableId}`;

export function readGridPreferences(tableId: string, storage: Pick<Storage, 'getItem'> = window.localStorage): GridPreferences {
  try {
    const stored = JSON.parse(storage.getItem(storageKey(tableId)) ?? 'null') as Partial<GridPreferences> | null;
    return { widths: { ...stored?.widths }, expandedFields: { ...stored?.expandedFields } };
  } catch {
    return EMPTY;
  }
}

function writeGridPreferences(tableId: string, preferences: GridPreferences): void {
  try {
    window.localStorage.setItem(storageKey(tableId), JSON.stringify(preferences));
  } catch {
    // Storage full or disabled: the layout lasts for this page only.
  }
}

/** The table's grid layout and a way to change it (saved as it changes). */
export function useGridPreferences(tableId: string): [GridPreferences, (change: (current: GridPreferences) => GridPreferences) => void] {
  const [preferences, setPreferences] = useState(() => readGridPreferences(tableId));
  const update = useCallback(
    (change: (current: GridPreferences) => GridPreferences) =>
      setPreferences((current) => {
        const next = change(current);
        writeGridPreferences(tableId, next);
        return next;
      }),
    [tableId],
  );
  return [preferences, update];
}
