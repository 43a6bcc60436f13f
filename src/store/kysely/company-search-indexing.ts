import { sql, type Kysely, type RawBuilder } from 'kysely';
import { searchDocument, searchFirmographics, type SearchDocument } from '../../domain/company-search/search-document.ts';
import type { CompanyProfileRecord } from '../store.ts';

/** Columns of company_profiles that the index reads, written with every save of a profile. */
export function firmographicColumns(profile: Pick<CompanyProfileRecord, 'fields'>) {
  const firmographics = searchFirmographics(profile.fields);
  return {
    size_bucket: firmographics.sizeBucket,
    country_key: firmographics.countryKey,
    city_key: firmographics.cityKey,
    founding_year: firmographics.foundingYear,
  };
}

/**
 * The weighted tsvector of a profile on PostgreSQL: name and domain weigh most (A), what it
 * offers, whom it sells to and where it is next (B), industry words (B), descriptions last (C).
 * 'english' stems the words as FTS5's porter tokenizer does on SQLite.
 */
export function postgresSearchVector(document: SearchDocument): RawBuilder<string> {
  return sql<string>`setweight(to_tsvector('english', ${`${document.name} ${document.domain}`}), 'A')
    || setweight(to_tsvector('english', ${`${document.offer} ${document.audience} ${document.place} ${document.tags}`}), 'B')
    || setweight(to_tsvector('english', ${document.about}), 'C')`;
}

/** Replace a profile's row in the SQLite full-text table (keyed by the profile's `search_key`). */
export async function writeSqliteSearchText(db: Kysely<any>, searchKey: number, document: SearchDocument): Promise<void> {
  await sql`delete from company_profile_text where rowid = ${searchKey}`.execute(db);
  await sql`insert into company_profile_text (rowid, name, domain, about, offer, audience, place, tags)
    values (${searchKey}, ${document.name}, ${document.domain}, ${document.about}, ${document.offer}, ${document.audience}, ${document.place}, ${document.tags})`.execute(
    db,
  );
}

/** Index the profiles saved before the index existed (run once, by the migration that creates it). */
export async function indexExistingProfiles(db: Kysely<any>, engine: 'sqlite' | 'postgres'): Promise<void> {
  const rows: Array<{ id: string; name: string | null; domain: string; fields: string }> = await db
    .selectFrom('company_profiles')
    .select(['id', 'name', 'domain', 'fields'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  let searchKey = 0;
  for (const row of rows) {
    const fields = JSON.parse(row.fields) as Record<string, unknown>;
    const document = searchDocument({ name: row.name, domain: row.domain, fields });
    if (engine === 'sqlite') {
      searchKey += 1;
      await db
        .updateTable('company_profiles')
        .set({ ...firmographicColumns({ fields }), search_key: searchKey })
        .where('id', '=', row.id)
        .execute();
      await writeSqliteSearchText(db, searchKey, document);
    } else {
      await db
        .updateTable('company_profiles')
        .set({ ...firmographicColumns({ fields }), search_vector: postgresSearchVector(document) })
        .where('id', '=', row.id)
        .execute();
    }
  }
}
