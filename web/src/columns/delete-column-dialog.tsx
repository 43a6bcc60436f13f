import { useEffect, useState } from 'react';
import type { Column, TableKind } from '../api/api-types.ts';
import { ConfirmDialog } from '../common/confirm-dialog.tsx';
import { Dialog } from '../common/dialog.tsx';

export interface DeleteColumnDialogProps {
  column: Column;
  columns: Column[];
  tableKind: TableKind;
  onDelete(): Promise<void>;
  /** Open the column form on a column that uses this one. */
  onEditColumn(column: Column): void;
  onClose(): void;
}

/**
 * Delete a column, after saying — by name, before anything is sent — which columns use it: those
 * must change first (the server would refuse), so the dialog offers to edit them instead.
 */
export function DeleteColumnDialog({ column, columns, tableKind, onDelete, onEditColumn, onClose }: DeleteColumnDialogProps) {
  const [dependents, setDependents] = useState<Column[] | null>(null);
  useEffect(() => {
    let isCurrent = true;
    // The dependency rules come with the column kinds (zod schemas): loaded with the dialog, not with the grid.
    void import('../../../src/domain/column-dependencies.ts').then(({ directDependents }) => {
      if (!isCurrent) return;
      const using = new Set(
        directDependents(
          columns.map((candidate) => candidate.config),
          tableKind,
          column.config.key,
        ).map((config) => config.key),
      );
      setDependents(columns.filter((candidate) => using.has(candidate.config.key)));
    });
    return () => {
      isCurrent = false;
    };
  }, [column, columns, tableKind]);

  if (dependents === null) return null;
  if (dependents.length > 0) {
    const names = dependents.map((dependent) => dependent.config.name);
    const listed = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
    return (
      <Dialog title={`“${column.config.name}” is in use`} onClose={onClose} testId="column-in-use-dialog">
        <div className="stack">
          <p data-testid="column-dependents">
            {listed} {dependents.length === 1 ? 'uses' : 'use'} {column.config.name}. Change {dependents.length === 1 ? 'it' : 'them'} so{' '}
            {dependents.length === 1 ? 'it no longer reads' : 'they no longer read'} {column.config.name}, or delete {dependents.length === 1 ? 'it' : 'them'}{' '}
            first; then {column.config.name} can be deleted.
          </p>
          <div className="dialog-actions">
            {dependents.map((dependent) => (
              <button key={dependent.id} type="button" className="button" onClick={() => onEditColumn(dependent)}>
                Edit {dependent.config.name}
              </button>
            ))}
            <button type="button" className="button button-primary" onClick={onClose}>
              OK
            </button>
          </div>
        </div>
      </Dialog>
    );
  }
  return (
    <ConfirmDialog title={`Delete “${column.config.name}”?`} confirmLabel="Delete column" onClose={onClose} onConfirm={onDelete}>
      <p>The column and every value in it are deleted. This cannot be undone.</p>
    </ConfirmDialog>
  );
}
