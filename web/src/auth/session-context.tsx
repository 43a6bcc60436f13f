import { createContext, useContext } from 'react';
import type { CurrentUser } from '../api/api-types.ts';
import type { FathomApi } from '../api/fathom-api.ts';

export interface Session {
  api: FathomApi;
  user: CurrentUser;
  signOut(): void;
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in session; every page below the sign-in screen has one. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside a signed-in page');
  return session;
}
