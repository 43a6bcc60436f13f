import { useState } from 'react';
import type { TableSummary } from '../api/api-types.ts';
import { useSession } from '../auth/session-context.tsx';
import { ConfirmDialog } from '../common/confirm-dialog.tsx';
import { followLink, navigate, tableUrl } from '../routing/routes.ts';
import { CloneTableDialog } from './clone-table-dialog.tsx';
import { RenameTableDialog } from './rename-table-dialog.tsx';
import { TABLE_KIND_DESCRIPTIONS } from './table-kinds.ts';
import { countOf } from '../common/counts.ts';

type Action = { kind: 'rename' | 'clone' | 'delete'; table: TableSummary } | null;

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function TablesList({ tables, onChanged }: { tables: TableSummary[]; onChanged(): void }) {
  const { api } = useSession();
  const [action, setAction] = useState<Action>(null);
  const close = () => setAction(null);
  return (
    <>
      <table className="tables-list" data-testid="tables-list">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Tags</th>
            <th scope="col" className="number">
              Rows
            </th>
            <th scope="col">Created</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tables.map((table) => (
            <tr key={table.id} data-table-id={table.id}>
              <td>
                <a href={tableUrl(table.id)} onClick={followLink} className="table-name">
                  {table.name}
                </a>
                {table.description && <div className="muted small">{table.description}</div>}
              </td>
              <td>{TABLE_KIND_DESCRIPTIONS[table.kind].title}</td>
              <td>
                {(table.tags ?? []).map((tag) => (
                  <span key={tag} className="chip chip-quiet">
                    {tag}
                  </span>
                ))}
              </td>
              <td className="number" data-testid="row-count">
                {table.num_rows.toLocaleString()}
              </td>
              <td className="muted">{dateFormat.format(new Date(table.created_at))}</td>
              <td className="actions">
                <button type="button" className="button button-small" onClick={() => setAction({ kind: 'rename', table })}>
                  Rename
                </button>
                <button type="button" className="button button-small" onClick={() => setAction({ kind: 'clone', table })}>
                  Clone
                </button>
                <button type="button" className="button button-small button-danger-quiet" onClick={() => setAction({ kind: 'delete', table })}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {action?.kind === 'rename' && <RenameTableDialog table={action.table} onClose={close} onRenamed={onChanged} />}
      {action?.kind === 'clone' && <CloneTableDialog table={action.table} onClose={close} onCloned={(cloneId) => navigate(tableUrl(cloneId))} />}
      {action?.kind === 'delete' && (
        <ConfirmDialog
          title="Delete this table?"
          confirmLabel="Delete table"
          onClose={close}
          onConfirm={async () => {
            await api.deleteTable(action.table.id);
            onChanged();
          }}
        >
          <p>
            <strong>{action.table.name}</strong> and its {countOf(action.table.num_rows, 'row')} will be deleted for good, with any people tables made from it.
            This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
