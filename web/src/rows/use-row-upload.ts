import { useRef, useState } from 'react';
import { useSession } from '../auth/session-context.tsx';
import { addRowsInBatches } from './add-rows-in-batches.ts';

export interface RowUpload {
  progress: { added: number; total: number } | null;
  error: unknown;
  /**
   * Create `newColumns` (input columns, in one request), then add the rows in batches; closes the
   * dialog on success, keeps it open with the error otherwise.
   */
  upload(rows: Record<string, string>[], run: boolean, newColumns?: { name: string; key: string }[]): Promise<void>;
  /** Stop between batches (rows already added stay). */
  abort(): void;
}

/** What arrived: rows added, and columns created for them (the grid reloads the table for those). */
export interface UploadResult {
  added: number;
  createdColumns: number;
  /** Ids of the rows added, in order (for undo). */
  rowIds: string[];
}

/**
 * The upload behind both "add rows" dialogs (paste and CSV): new input columns first, then
 * progress, error, cancellation, and telling the grid how many rows arrived even when a later
 * batch failed.
 */
export function useRowUpload(tableId: string, onAdded: (result: UploadResult) => void, onClose: () => void): RowUpload {
  const { api } = useSession();
  const [progress, setProgress] = useState<{ added: number; total: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const controller = useRef<AbortController | null>(null);
  // Columns created by an earlier attempt that then failed are not created twice on retry.
  const created = useRef(new Set<string>());
  return {
    progress,
    error,
    abort: () => controller.current?.abort(),
    upload: async (rows, run, newColumns = []) => {
      controller.current = new AbortController();
      setError(null);
      const rowIds: string[] = [];
      let createdColumns = 0;
      try {
        const missing = newColumns.filter((column) => !created.current.has(column.key));
        if (missing.length > 0) {
          await api.addColumns(
            tableId,
            missing.map((column) => ({ kind: 'input', name: column.name, key: column.key })),
          );
          for (const column of missing) created.current.add(column.key);
          createdColumns = missing.length;
        }
        await addRowsInBatches(api, tableId, rows, {
          run,
          signal: controller.current.signal,
          onProgress: (count, total) => setProgress({ added: count, total }),
          onBatch: (ids) => rowIds.push(...ids),
        });
        onAdded({ added: rowIds.length, createdColumns, rowIds });
        onClose();
      } catch (caught) {
        setError(caught);
        if (rowIds.length > 0 || createdColumns > 0) onAdded({ added: rowIds.length, createdColumns, rowIds });
        setProgress(null);
      }
    },
  };
}
