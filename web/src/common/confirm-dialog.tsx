import { useState, type ReactNode } from 'react';
import { Dialog } from './dialog.tsx';
import { ErrorMessage } from './error-message.tsx';

export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Runs the action; the dialog stays open and shows the error if it fails. */
  onConfirm(): Promise<void>;
  onClose(): void;
}

/** "Are you sure?" for destructive actions: delete a table, rows or a column. */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onClose }: ConfirmDialogProps) {
  const [isWorking, setIsWorking] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const confirm = async () => {
    setIsWorking(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (caught) {
      setError(caught);
      setIsWorking(false);
    }
  };
  return (
    <Dialog title={title} onClose={onClose} testId="confirm-dialog">
      <div className="stack">
        {children}
        <ErrorMessage error={error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button button-danger" onClick={confirm} disabled={isWorking}>
            {isWorking ? 'Working…' : confirmLabel}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
