import { useState, type FormEvent } from 'react';
import type { TableKind } from '../api/api-types.ts';
import { useSession } from '../auth/session-context.tsx';
import { Dialog } from '../common/dialog.tsx';
import { ErrorMessage } from '../common/error-message.tsx';
import { navigate, tableUrl } from '../routing/routes.ts';
import { TABLE_KIND_DESCRIPTIONS, TABLE_KIND_ORDER } from './table-kinds.ts';

/** Choose a kind and a name; the new table opens straight away. */
export function CreateTableDialog({ onClose }: { onClose(): void }) {
  const { api } = useSession();
  const [kind, setKind] = useState<TableKind>('company');
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [isCreating, setIsCreating] = useState(false);
  const create = async (event: FormEvent) => {
    event.preventDefault();
    setIsCreating(true);
    setError(null);
    try {
      const table = await api.createTable({ kind, name: name.trim() || undefined });
      onClose();
      navigate(tableUrl(table.id));
    } catch (caught) {
      setError(caught);
      setIsCreating(false);
    }
  };
  return (
    <Dialog title="New table" onClose={onClose} testId="create-table-dialog">
      <form className="stack" onSubmit={create}>
        <fieldset className="kind-choices">
          <legend>What is each row?</legend>
          {TABLE_KIND_ORDER.map((option) => (
            <label key={option} className={`kind-choice${option === kind ? ' is-selected' : ''}`}>
              <input type="radio" name="kind" value={option} checked={option === kind} onChange={() => setKind(option)} />
              <span>
                <strong>{TABLE_KIND_DESCRIPTIONS[option].title}</strong>
                <span className="muted small">{TABLE_KIND_DESCRIPTIONS[option].description}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <label htmlFor="new-table-name">Name</label>
        {/* The name is what people type first; the kind is preselected and the choices are right above. */}
        <input id="new-table-name" value={name} placeholder="Untitled Table" onChange={(event) => setName(event.target.value)} data-autofocus />
        <ErrorMessage error={error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={isCreating}>
            {isCreating ? 'Creating…' : 'Create table'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
