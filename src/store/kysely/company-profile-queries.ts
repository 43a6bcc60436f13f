import type { Kysely } from 'kysely';
import type { CompanyProfileRow, Database } from '../database-schema.ts';
import type { CompanyProfileRecord } from '../store.ts';

/** Company profiles: one per workspace and registrable domain, plus domains that led to one. */

export async function findCompanyProfile(db: Kysely<Database>, workspaceId: string, profileId: string): Promise<CompanyProfileRecord | undefined> {
  const row = await db.selectFrom('company_profiles').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', profileId).executeTakeFirst();
  return row ? toCompanyProfile(row) : undefined;
}

/** By the profile's own domain, else by a domain recorded as leading to it. */
export async function findCompanyProfileByDomain(db: Kysely<Database>, workspaceId: string, domain: string): Promise<CompanyProfileRecord | undefined> {
  const own = await db.selectFrom('company_profiles').selectAll().where('workspace_id', '=', workspaceId).where('domain', '=', domain).executeTakeFirst();
  if (own) return toCompanyProfile(own);
  const aliased = await db
    .selectFrom('company_domain_aliases')
    .innerJoin('company_profiles', 'company_profiles.id', 'company_domain_aliases.profile_id')
    .selectAll('company_profiles')
    .where('company_domain_aliases.workspace_id', '=', workspaceId)
    .where('company_domain_aliases.domain', '=', domain)
    .executeTakeFirst();
  return aliased ? toCompanyProfile(aliased) : undefined;
}

/** The most recently updated profile whose reduced name is `nameKey`. */
export async function findCompanyProfileByName(db: Kysely<Database>, workspaceId: string, nameKey: string): Promise<CompanyProfileRecord | undefined> {
  const row = await db
    .selectFrom('company_profiles')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('name_key', '=', nameKey)
    .orderBy('updated_at', 'desc')
    .executeTakeFirst();
  return row ? toCompanyProfile(row) : undefined;
}

/**
 * Insert or refresh the profile of (workspace, domain) and record `aliases` as leading to it.
 * Two workers building the same domain at once both end here; the unique index makes the second
 * an update of the first, and the stored row (with the first one's id) is returned to both.
 */
export async function saveCompanyProfile(db: Kysely<Database>, profile: CompanyProfileRecord, aliases: string[]): Promise<CompanyProfileRecord> {
  const values = {
    name: profile.name,
    name_key: profile.nameKey,
    website: profile.website,
    fields: JSON.stringify(profile.fields),
    sources: JSON.stringify(profile.sources),
    as_of: profile.asOf,
    updated_at: profile.updatedAt,
  };
  await db
    .insertInto('company_profiles')
    .values({ id: profile.id, workspace_id: profile.workspaceId, domain: profile.domain, created_at: profile.createdAt, ...values })
    .onConflict((conflict) => conflict.columns(['workspace_id', 'domain']).doUpdateSet(values))
    .execute();
  const stored = await db
    .selectFrom('company_profiles')
    .selectAll()
    .where('workspace_id', '=', profile.workspaceId)
    .where('domain', '=', profile.domain)
    .executeTakeFirstOrThrow();
  for (const alias of new Set(aliases)) {
    if (alias === profile.domain) continue;
    await db
      .insertInto('company_domain_aliases')
      .values({ workspace_id: profile.workspaceId, domain: alias, profile_id: stored.id })
      .onConflict((conflict) => conflict.columns(['workspace_id', 'domain']).doUpdateSet({ profile_id: stored.id }))
      .execute();
  }
  return toCompanyProfile(stored);
}

export function toCompanyProfile(row: CompanyProfileRow): CompanyProfileRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    domain: row.domain,
    name: row.name,
    nameKey: row.name_key,
    website: row.website,
    fields: JSON.parse(row.fields) as Record<string, unknown>,
    sources: JSON.parse(row.sources) as string[],
    asOf: row.as_of,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
