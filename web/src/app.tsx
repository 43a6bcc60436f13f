import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError } from './api/api-error.ts';
import type { CurrentUser } from './api/api-types.ts';
import { createFathomApi, type FathomApi } from './api/fathom-api.ts';
import { SessionContext, type Session } from './auth/session-context.tsx';
import { SignInPage } from './auth/sign-in-page.tsx';
import { forgetToken, readStoredToken, storeToken } from './auth/token-storage.ts';
import { ErrorMessage } from './common/error-message.tsx';
import { NoticesProvider } from './common/notices.tsx';
import { AppHeader } from './app-header.tsx';
import { DeepSearchPage } from './deep-search/deep-search-page.tsx';
import { TablePage } from './grid/table-page.tsx';
import { followLink, parseRoute, usePathname } from './routing/routes.ts';
import { TablesPage } from './tables/tables-page.tsx';

const REVOKED_NOTICE = 'Your API token was refused (401): it was revoked or is no longer valid. Sign in with another token.';

type SessionState =
  | { state: 'signed-out'; notice: string | null }
  | { state: 'checking'; token: string }
  | { state: 'unreachable'; token: string; error: unknown }
  | { state: 'signed-in'; api: FathomApi; user: CurrentUser };

/** Signs the user in (or shows why not), then shows the page the URL names. */
export function App() {
  const [session, setSession] = useState<SessionState>(() => {
    const token = readStoredToken();
    return token ? { state: 'checking', token } : { state: 'signed-out', notice: null };
  });

  const signOut = useCallback((notice: string | null) => {
    forgetToken();
    setSession({ state: 'signed-out', notice });
  }, []);

  /**
   * Resolves when the token works; a 401 from any later call signs out with the revoked notice.
   * The check itself only rejects: the sign-in page says why once, in its own words.
   */
  const verify = useCallback(
    async (token: string) => {
      let isSignedIn = false;
      const api = createFathomApi(token, () => {
        if (isSignedIn) signOut(REVOKED_NOTICE);
      });
      const user = await api.getUser();
      isSignedIn = true;
      storeToken(token);
      setSession({ state: 'signed-in', api, user });
    },
    [signOut],
  );

  const checkingToken = session.state === 'checking' ? session.token : null;
  useEffect(() => {
    if (checkingToken === null) return;
    verify(checkingToken).catch((error: unknown) => {
      if (error instanceof ApiError && error.isUnauthorized) signOut(REVOKED_NOTICE);
      else setSession({ state: 'unreachable', token: checkingToken, error });
    });
  }, [checkingToken, verify, signOut]);

  const sessionValue = useMemo<Session | null>(
    () => (session.state === 'signed-in' ? { api: session.api, user: session.user, signOut: () => signOut(null) } : null),
    [session, signOut],
  );

  if (session.state === 'signed-out') {
    return <SignInPage notice={session.notice} onSignIn={verify} />;
  }
  if (session.state === 'checking') {
    return <main className="centered muted">Checking your token…</main>;
  }
  if (session.state === 'unreachable') {
    return (
      <main className="centered stack">
        <ErrorMessage title="Fathom did not answer." error={session.error} />
        <div className="row-of-buttons">
          <button type="button" className="button button-primary" onClick={() => setSession({ state: 'checking', token: session.token })}>
            Try again
          </button>
          <button type="button" className="button" onClick={() => signOut(null)}>
            Use another token
          </button>
        </div>
      </main>
    );
  }
  return (
    <SessionContext.Provider value={sessionValue}>
      <NoticesProvider>
        <SignedInPages />
      </NoticesProvider>
    </SessionContext.Provider>
  );
}

function SignedInPages() {
  const route = parseRoute(usePathname());
  return (
    <div className="app">
      <AppHeader />
      {route.page === 'tables' && <TablesPage />}
      {route.page === 'table' && <TablePage key={route.tableId} tableId={route.tableId} />}
      {route.page === 'deep-search' && <DeepSearchPage taskId={route.taskId} />}
      {route.page === 'not-found' && (
        <main className="centered stack">
          <h1>Nothing here</h1>
          <p className="muted">No page lives at {route.path}.</p>
          <a href="/" onClick={followLink}>
            Go to your tables
          </a>
        </main>
      )}
    </div>
  );
}
