/**
 * The API token lives in localStorage so a reload keeps the user signed in. It never leaves this
 * origin except in the Authorization header of calls to the same server.
 */
const TOKEN_KEY = 'fathom.apiToken';

export function readStoredToken(): string | null {
  try {
    return window.localStorage.getItem(TOKEN_KEY);
  } catch {
    // Storage can be disabled (private modes, policies); the user then signs in on every visit.
    return null;
  }
}

export function storeToken(token: string): void {
  try {
    window.localStorage.setItem(TOKEN_KEY, token);
  } catch {
    // See readStoredToken: without storage the session lasts until the tab closes.
  }
}

export function forgetToken(): void {
  try {
    window.localStorage.removeItem(TOKEN_KEY);
  } catch {
    // Nothing was stored.
  }
}
