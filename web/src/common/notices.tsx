import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { ErrorMessage } from './error-message.tsx';

interface Notice {
  id: number;
  kind: 'error' | 'info';
  title: string;
  error?: unknown;
}

interface Notices {
  /** Show a failed action's error; it stays until dismissed, so nothing fails silently. */
  showError(title: string, error: unknown): void;
  showInfo(title: string): void;
}

const NoticesContext = createContext<Notices>({ showError: () => {}, showInfo: () => {} });

export function useNotices(): Notices {
  return useContext(NoticesContext);
}

let nextId = 1;

/** Messages about actions that ended away from any form (a run, an export, a deletion). */
export function NoticesProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const dismiss = useCallback((id: number) => setNotices((current) => current.filter((notice) => notice.id !== id)), []);
  const value = useMemo<Notices>(
    () => ({
      showError: (title, error) => setNotices((current) => [...current.slice(-3), { id: nextId++, kind: 'error', title, error }]),
      showInfo: (title) => {
        const id = nextId++;
        setNotices((current) => [...current.slice(-3), { id, kind: 'info', title }]);
        window.setTimeout(() => dismiss(id), 5_000);
      },
    }),
    [dismiss],
  );
  return (
    <NoticesContext.Provider value={value}>
      {children}
      <div className="notices" aria-live="polite">
        {notices.map((notice) => (
          <div key={notice.id} className="notices-item">
            {notice.kind === 'error' ? (
              <ErrorMessage title={`${notice.title}:`} error={notice.error} />
            ) : (
              <div className="notice notice-info">{notice.title}</div>
            )}
            <button type="button" className="button button-quiet" aria-label="Dismiss" onClick={() => dismiss(notice.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </NoticesContext.Provider>
  );
}
