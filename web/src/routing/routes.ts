import { useSyncExternalStore, type MouseEvent } from 'react';

/** The app's pages. Paths are real URLs; the server answers index.html for them (static-web.ts). */
export type Route =
  | { page: 'tables' }
  | { page: 'table'; tableId: string }
  | { page: 'deep-search'; taskId: string | null }
  | { page: 'not-found'; path: string };

const NAVIGATED = 'fathom:navigated';

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '/tables' || pathname === '/tables/') return { page: 'tables' };
  const table = /^\/tables\/([^/]+)\/?$/.exec(pathname);
  if (table) return { page: 'table', tableId: decodeURIComponent(table[1]!) };
  if (pathname === '/deep-search' || pathname === '/deep-search/') return { page: 'deep-search', taskId: null };
  const task = /^\/deep-search\/([^/]+)\/?$/.exec(pathname);
  if (task) return { page: 'deep-search', taskId: decodeURIComponent(task[1]!) };
  return { page: 'not-found', path: pathname };
}

export function tableUrl(tableId: string): string {
  return `/tables/${encodeURIComponent(tableId)}`;
}

/** The Deep Search page: the new-search form and past tasks, or one task. */
export function deepSearchUrl(taskId: string | null = null): string {
  return taskId === null ? '/deep-search' : `/deep-search/${encodeURIComponent(taskId)}`;
}

export function navigate(path: string): void {
  if (path === window.location.pathname) return;
  window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATED));
}

/** A link's click handler that navigates in place (plain clicks only; new-tab clicks keep working). */
export function followLink(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(event.currentTarget.pathname);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATED, onChange);
  };
}

/** The current path, re-rendering on navigation and on the browser's back/forward. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}
