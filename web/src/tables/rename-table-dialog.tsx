import { useState, type FormEvent } from 'react';
import { useSession } from '../auth/session-context.tsx';
import { Dialog } from '../common/dialog.tsx';
import { ErrorMessage } from '../common/error-message.tsx';

export interface RenameTableDialogProps {
  table: { id: string; name: string };
  onClose(): void;
  onRenamed(name: string): void;
}

export function RenameTableDialog({ table, onClose, onRenamed }: RenameTableDialogProps) {
  const { api } = useSession();
  const [name, setName] = useState(table.name);
  const [error, setError] = useState<unknown>(null);
  const [isSaving, setIsSaving] = useState(false);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setIsSaving(true);
    setError(null);
    try {
      const updated = await api.updateTable(table.id, { name });
      onRenamed(updated.name);
      onClose();
    } catch (caught) {
      setError(caught);
      setIsSaving(false);
    }
  };
  return (
    <Dialog title="Rename table" onClose={onClose}>
      <form className="stack" onSubmit={save}>
        <label htmlFor="table-name">Name</label>
        <input id="table-name" value={name} onChange={(event) => setName(event.target.value)} data-autofocus />
        <ErrorMessage error={error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={isSaving}>
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}
