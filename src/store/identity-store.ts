import type { ApiToken, Principal, User, Workspace } from '../domain/records.ts';

export interface ApiTokenWithOwner extends ApiToken {
  email: string;
  workspaceSlug: string;
}

/** Workspaces, their users and API tokens (authentication and `fathom keys`). */
export interface IdentityStore {
  findWorkspaceBySlug(slug: string): Promise<Workspace | undefined>;
  insertWorkspace(workspace: Workspace): Promise<void>;
  findUserByEmail(workspaceId: string, email: string): Promise<User | undefined>;
  insertUser(user: User): Promise<void>;
  insertApiToken(token: ApiToken & { tokenHash: string }): Promise<void>;
  /** The principal of an unrevoked token with this hash. */
  findPrincipalByTokenHash(tokenHash: string): Promise<Principal | undefined>;
  listApiTokens(): Promise<ApiTokenWithOwner[]>;
  /** Whether a token with this hash was ever stored, revoked or not. */
  hasApiToken(tokenHash: string): Promise<boolean>;
  /** Revoke by id or by the printed prefix; returns how many tokens were revoked. */
  revokeApiToken(idOrPrefix: string, now: string): Promise<number>;
  countActiveApiTokens(): Promise<number>;
}
