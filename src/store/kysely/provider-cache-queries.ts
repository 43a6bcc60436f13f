import type { Kysely } from 'kysely';
import type { Database } from '../database-schema.ts';

export async function getCachedResponse(db: Kysely<Database>, key: string, nowMs: number): Promise<string | undefined> {
  const row = await db.selectFrom('provider_cache').select('value').where('key', '=', key).where('expires_at', '>', nowMs).executeTakeFirst();
  return row?.value;
}

export async function setCachedResponse(db: Kysely<Database>, key: string, value: string, expiresAt: number): Promise<void> {
  await db
    .insertInto('provider_cache')
    .values({ key, value, expires_at: expiresAt })
    .onConflict((conflict) => conflict.column('key').doUpdateSet({ value, expires_at: expiresAt }))
    .execute();
}
