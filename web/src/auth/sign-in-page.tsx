import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../api/api-error.ts';

export interface SignInPageProps {
  /** Why the user is here again: their stored token stopped working. */
  notice: string | null;
  /** Checks the token against the server; rejects with an ApiError. */
  onSignIn(token: string): Promise<void>;
}

/** The first screen: paste an API token. It is checked against `GET /v1/user` before it is kept. */
export function SignInPage({ notice, onSignIn }: SignInPageProps) {
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [isChecking, setIsChecking] = useState(false);
  // Why the user was signed out is news until they try a token; after that, only the new answer counts.
  const [isNoticeShown, setIsNoticeShown] = useState(true);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = token.trim();
    if (trimmed === '') {
      setProblem('Paste an API token first.');
      return;
    }
    setIsChecking(true);
    setProblem(null);
    setIsNoticeShown(false);
    try {
      await onSignIn(trimmed);
    } catch (error) {
      setProblem(
        error instanceof ApiError && error.isUnauthorized
          ? 'The server did not accept this token (401). It may be mistyped or revoked: check it, or create a new one with `fathom keys create`.'
          : errorMessage(error),
      );
    } finally {
      setIsChecking(false);
    }
  };

  return (
    <main className="sign-in">
      <form className="sign-in-card" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to Fathom</h1>
        <p className="muted">Fathom builds research tables: paste a list, describe a column in plain words, and let the agents fill it in.</p>
        {notice && isNoticeShown && (
          <p className="notice notice-warning" role="alert" data-testid="signed-out-notice">
            {notice}
          </p>
        )}
        <label htmlFor="api-token">API token</label>
        <input
          id="api-token"
          name="api-token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(event) => setToken(event.target.value)}
          placeholder="fth_…"
          autoFocus
        />
        <p className="hint">
          The server printed a token when it first started. Make another with <code>fathom keys create</code>. It is kept in this browser only.
        </p>
        {problem && (
          <p className="notice notice-error" role="alert" data-testid="sign-in-error">
            {problem}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={isChecking}>
          {isChecking ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
