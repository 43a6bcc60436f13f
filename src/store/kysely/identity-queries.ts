import type { Kysely } from 'kysely';
import type { ApiToken, Principal, User, Workspace } from '../../domain/records.ts';
import type { Database } from '../database-schema.ts';
import type { ApiTokenWithOwner } from '../store.ts';

export async function findWorkspaceBySlug(db: Kysely<Database>, slug: string): Promise<Workspace | undefined> {
  const row = await db.selectFrom('workspaces').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row && { id: row.id, name: row.name, slug: row.slug, createdAt: row.created_at };
}

export async function insertWorkspace(db: Kysely<Database>, workspace: Workspace): Promise<void> {
  await db.insertInto('workspaces').values({ id: workspace.id, name: workspace.name, slug: workspace.slug, created_at: workspace.createdAt }).execute();
}

export async function findUserByEmail(db: Kysely<Database>, workspaceId: string, email: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('workspace_id', '=', workspaceId).where('email', '=', email).executeTakeFirst();
  return row && { id: row.id, workspaceId: row.workspace_id, email: row.email, isAdmin: Boolean(row.is_admin), createdAt: row.created_at };
}

export async function insertUser(db: Kysely<Database>, user: User): Promise<void> {
  await db
    .insertInto('users')
    .values({ id: user.id, workspace_id: user.workspaceId, email: user.email, is_admin: user.isAdmin ? 1 : 0, created_at: user.createdAt })
    .execute();
}

export async function insertApiToken(db: Kysely<Database>, token: ApiToken & { tokenHash: string }): Promise<void> {
  await db
    .insertInto('api_tokens')
    .values({
      id: token.id,
      user_id: token.userId,
      name: token.name,
      token_hash: token.tokenHash,
      token_prefix: token.tokenPrefix,
      created_at: token.createdAt,
      revoked_at: token.revokedAt,
    })
    .execute();
}

export async function findPrincipalByTokenHash(db: Kysely<Database>, tokenHash: string): Promise<Principal | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .innerJoin('workspaces', 'workspaces.id', 'users.workspace_id')
    .select([
      'api_tokens.id as token_id',
      'users.id as user_id',
      'users.email',
      'users.is_admin',
      'users.created_at as user_created_at',
      'workspaces.id as workspace_id',
      'workspaces.name as workspace_name',
      'workspaces.slug',
      'workspaces.created_at as workspace_created_at',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    tokenId: row.token_id,
    user: { id: row.user_id, workspaceId: row.workspace_id, email: row.email, isAdmin: Boolean(row.is_admin), createdAt: row.user_created_at },
    workspace: { id: row.workspace_id, name: row.workspace_name, slug: row.slug, createdAt: row.workspace_created_at },
  };
}

export async function listApiTokens(db: Kysely<Database>): Promise<ApiTokenWithOwner[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .innerJoin('workspaces', 'workspaces.id', 'users.workspace_id')
    .select([
      'api_tokens.id',
      'api_tokens.user_id',
      'api_tokens.name',
      'api_tokens.token_prefix',
      'api_tokens.created_at',
      'api_tokens.revoked_at',
      'users.email',
      'workspaces.slug',
    ])
    .orderBy('api_tokens.created_at')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    userId: row.user_id,
    name: row.name,
    tokenPrefix: row.token_prefix,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    email: row.email,
    workspaceSlug: row.slug,
  }));
}

export async function revokeApiToken(db: Kysely<Database>, idOrPrefix: string, now: string): Promise<number> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where((where) => where.or([where('id', '=', idOrPrefix), where('token_prefix', '=', idOrPrefix)]))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function countActiveApiTokens(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('api_tokens')
    .select((expression) => expression.fn.countAll<number>().as('count'))
    .where('revoked_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function hasApiToken(db: Kysely<Database>, tokenHash: string): Promise<boolean> {
  return (await db.selectFrom('api_tokens').select('id').where('token_hash', '=', tokenHash).executeTakeFirst()) !== undefined;
}
