import { useSession } from './auth/session-context.tsx';
import { deepSearchUrl, followLink } from './routing/routes.ts';

export function AppHeader() {
  const { user, signOut } = useSession();
  return (
    <header className="app-header">
      <a className="brand" href="/" onClick={followLink}>
        <img src="/favicon.svg" alt="" width={20} height={20} /> Fathom
      </a>
      <nav className="app-header-links">
        <a href="/" onClick={followLink}>
          Tables
        </a>
        <a href={deepSearchUrl()} onClick={followLink}>
          Deep Search
        </a>
        <a href="/docs" target="_blank" rel="noreferrer">
          API reference
        </a>
      </nav>
      <span className="app-header-user" data-testid="signed-in-user">
        {user.email}
        {user.organization_name ? ` · ${user.organization_name}` : ''}
      </span>
      <button type="button" className="button button-quiet" onClick={signOut}>
        Sign out
      </button>
    </header>
  );
}
