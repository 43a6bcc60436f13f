import type { ReactNode } from 'react';

/** What a new user sees instead of an empty list: what this place is for and the next step. */
export function EmptyState({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="empty-state" data-testid="empty-state">
      <h2>{title}</h2>
      <div className="muted">{children}</div>
      {actions && <div className="empty-state-actions">{actions}</div>}
    </section>
  );
}
