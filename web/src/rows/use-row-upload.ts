import { useRef, useState } from 'react';
import { useSession } from '../auth/session-context.tsx';
import { addRowsInBatches } from './add-rows-in-batches.ts';

export interface RowUpload {
  progress: { added: number; total: number } | null;
  error: unknown;
  /** Add the rows in batches; closes the dialog on success, keeps it open with the error otherwise. */
  upload(rows: Record<string, string>[], run: boolean): Promise<void>;
  /** Stop between batches (rows already added stay). */
  abort(): void;
}

/**
 * The upload behind both "add rows" dialogs (paste and CSV): progress, error, cancellation, and
 * telling the grid how many rows arrived even when a later batch failed.
 */
export function useRowUpload(tableId: string, onAdded: (count: number) => void, onClose: () => void): RowUpload {
  const { api } = useSession();
  const [progress, setProgress] = useState<{ added: number; total: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const controller = useRef<AbortController | null>(null);
  return {
    progress,
    error,
    abort: () => controller.current?.abort(),
    upload: async (rows, run) => {
      controller.current = new AbortController();
      setError(null);
      let added = 0;
      try {
        added = await addRowsInBatches(api, tableId, rows, {
          run,
          signal: controller.current.signal,
          onProgress: (count, total) => {
            added = count;
            setProgress({ added: count, total });
          },
        });
        onAdded(added);
        onClose();
      } catch (caught) {
        setError(caught);
        if (added > 0) onAdded(added);
        setProgress(null);
      }
    },
  };
}
