import type { Kysely } from 'kysely';
import type { Database } from '../database-schema.ts';
import type { CompanyProfileRecord } from '../store.ts';
import { toCompanyProfile } from './company-profile-queries.ts';

/**
 * Profiles of the workspace whose reduced name or domain contains one of `words` or the first
 * four letters of one (so "acme robotcs" still finds "acmerobotics"), most recently updated
 * first. A plain LIKE scan of one workspace's profiles: the company index replaces it with
 * full-text search; the resolver scores whatever this proposes.
 */
export async function findCompanyProfilesByNameWords(
  db: Kysely<Database>,
  workspaceId: string,
  words: string[],
  limit: number,
): Promise<CompanyProfileRecord[]> {
  const patterns = [...new Set(words.flatMap((word) => [word, word.slice(0, 4)]).filter((pattern) => pattern.length >= 3))].map(
    (pattern) => `%${pattern.replace(/[%_\\]/g, '')}%`,
  );
  if (patterns.length === 0) return [];
  const rows = await db
    .selectFrom('company_profiles')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where((expression) => expression.or(patterns.flatMap((pattern) => [expression('name_key', 'like', pattern), expression('domain', 'like', pattern)])))
    .orderBy('updated_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toCompanyProfile);
}
