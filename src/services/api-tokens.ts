import { createHash, randomBytes } from 'node:crypto';
import { AuthenticationError } from '../domain/errors.ts';
import type { Principal, User, Workspace } from '../domain/records.ts';
import type { IdentityStore } from '../store/identity-store.ts';
import type { ServiceContext } from './service-context.ts';

export const DEFAULT_WORKSPACE_SLUG = 'default';
export const DEFAULT_USER_EMAIL = 'admin@localhost';
const TOKEN_PREFIX = 'fth_';

/** Tokens are stored only as this hash; the plaintext is shown once, when it is made. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** The printable, non-secret start of a token, used to list and revoke it. */
export function tokenPrefix(token: string): string {
  return token.slice(0, TOKEN_PREFIX.length + 8);
}

/** Resolve `Authorization: Bearer <token>` to a principal, or fail with 401. */
export async function authenticate(store: Pick<IdentityStore, 'findPrincipalByTokenHash'>, authorizationHeader: string | undefined): Promise<Principal> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorizationHeader ?? '');
  if (!match) throw new AuthenticationError();
  const principal = await store.findPrincipalByTokenHash(hashToken(match[1]!));
  if (!principal) throw new AuthenticationError('Invalid or revoked API token');
  return principal;
}

/** Find or create a workspace and a user in it. */
export async function ensureUser(context: ServiceContext, workspaceSlug: string, email: string): Promise<{ workspace: Workspace; user: User }> {
  return context.store.transaction(async (store) => {
    let workspace = await store.findWorkspaceBySlug(workspaceSlug);
    if (!workspace) {
      workspace = { id: context.newId(), name: workspaceSlug, slug: workspaceSlug, createdAt: context.now() };
      await store.insertWorkspace(workspace);
    }
    let user = await store.findUserByEmail(workspace.id, email);
    if (!user) {
      user = { id: context.newId(), workspaceId: workspace.id, email, isAdmin: true, createdAt: context.now() };
      await store.insertUser(user);
    }
    return { workspace, user };
  });
}

export interface CreatedToken {
  token: string;
  id: string;
  prefix: string;
  workspace: Workspace;
  user: User;
}

/** Create a token for a user of a workspace (both made if missing). */
export async function createApiToken(
  context: ServiceContext,
  options: { workspaceSlug?: string; email?: string; name?: string; token?: string },
): Promise<CreatedToken> {
  const { workspace, user } = await ensureUser(context, options.workspaceSlug ?? DEFAULT_WORKSPACE_SLUG, options.email ?? DEFAULT_USER_EMAIL);
  const token = options.token ?? generateToken();
  const id = context.newId();
  const prefix = tokenPrefix(token);
  await context.store.insertApiToken({
    id,
    userId: user.id,
    name: options.name ?? 'default',
    tokenHash: hashToken(token),
    tokenPrefix: prefix,
    createdAt: context.now(),
    revokedAt: null,
  });
  return { token, id, prefix, workspace, user };
}

/**
 * Start-up: make FATHOM_API_TOKEN valid for the default workspace, and when no token exists at
 * all, create one. Returns the plaintext of a token created here (to print once), else undefined.
 */
export async function prepareStartupTokens(context: ServiceContext, configuredToken: string | undefined): Promise<string | undefined> {
  await ensureUser(context, DEFAULT_WORKSPACE_SLUG, DEFAULT_USER_EMAIL);
  if (configuredToken) {
    // A configured token that was revoked stays revoked: only an unknown one is added.
    if (!(await context.store.hasApiToken(hashToken(configuredToken)))) await createApiToken(context, { token: configuredToken, name: 'FATHOM_API_TOKEN' });
    return undefined;
  }
  if ((await context.store.countActiveApiTokens()) > 0) return undefined;
  return (await createApiToken(context, { name: 'first start' })).token;
}
