import { useState, type FormEvent } from 'react';
import { useSession } from '../auth/session-context.tsx';
import { Dialog } from '../common/dialog.tsx';
import { ErrorMessage } from '../common/error-message.tsx';

export interface CloneTableDialogProps {
  table: { id: string; name: string };
  onClose(): void;
  onCloned(cloneId: string): void;
}

export function CloneTableDialog({ table, onClose, onCloned }: CloneTableDialogProps) {
  const { api } = useSession();
  const [isSchemaOnly, setIsSchemaOnly] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [isCloning, setIsCloning] = useState(false);
  const clone = async (event: FormEvent) => {
    event.preventDefault();
    setIsCloning(true);
    setError(null);
    try {
      const copy = await api.cloneTable(table.id, isSchemaOnly);
      onClose();
      onCloned(copy.id);
    } catch (caught) {
      setError(caught);
      setIsCloning(false);
    }
  };
  return (
    <Dialog title={`Clone “${table.name}”`} onClose={onClose}>
      <form className="stack" onSubmit={clone}>
        <label className="checkbox">
          <input type="checkbox" checked={isSchemaOnly} onChange={(event) => setIsSchemaOnly(event.target.checked)} />
          Columns only (no rows)
        </label>
        <p className="hint">A full clone copies every row and answer, and any people tables made from this one.</p>
        <ErrorMessage error={error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={isCloning}>
            {isCloning ? 'Cloning…' : 'Clone'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
