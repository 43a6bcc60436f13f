import { ConfirmDialog } from '../common/confirm-dialog.tsx';
import { countOf } from '../common/counts.ts';
import { MAX_UNDOABLE_ROW_DELETE } from './use-grid-editing.ts';

/** "Delete 3 rows?", saying whether Undo can bring them back. */
export function DeleteRowsDialog({ count, onDelete, onClose }: { count: number; onDelete(): Promise<void>; onClose(): void }) {
  return (
    <ConfirmDialog title={`Delete ${countOf(count, 'row')}?`} confirmLabel="Delete rows" onClose={onClose} onConfirm={onDelete}>
      <p>
        The selected rows and their answers are deleted.{' '}
        {count <= MAX_UNDOABLE_ROW_DELETE
          ? 'Undo (Ctrl+Z) brings the rows back, at the end of the table, with their inputs; their answers are computed again by a run.'
          : `More than ${MAX_UNDOABLE_ROW_DELETE.toLocaleString()} rows at once cannot be undone.`}
      </p>
    </ConfirmDialog>
  );
}
