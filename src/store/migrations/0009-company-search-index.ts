import { sql, type Kysely } from 'kysely';
import type { MigrationEngine } from './migration-engine.ts';
import { indexExistingProfiles } from '../kysely/company-search-indexing.ts';

// The company index is the profile store itself: the firmographics that search filters compare
// become columns of company_profiles, and the profile's text is indexed beside it (an FTS5 table
// keyed by `search_key` on SQLite, a weighted tsvector column on PostgreSQL). Both are written in
// the transaction that saves the profile, so search never sees a profile its index does not.
export async function up(db: Kysely<unknown>, engine: MigrationEngine): Promise<void> {
  await db.schema.alterTable('company_profiles').addColumn('size_bucket', 'text').execute();
  await db.schema.alterTable('company_profiles').addColumn('country_key', 'text').execute();
  await db.schema.alterTable('company_profiles').addColumn('city_key', 'text').execute();
  await db.schema.alterTable('company_profiles').addColumn('founding_year', 'integer').execute();
  if (engine === 'sqlite') {
    // An explicit integer key: VACUUM may renumber the implicit rowid of a table with a text
    // primary key, which would point the full-text rows at other profiles.
    await db.schema.alterTable('company_profiles').addColumn('search_key', 'integer').execute();
    await db.schema.createIndex('company_profiles_search_key').on('company_profiles').column('search_key').unique().execute();
    // Porter stemming so "payments" finds "payment"; diacritics folded so "Zürich" finds "Zurich".
    await sql`create virtual table company_profile_text using fts5(name, domain, about, offer, audience, place, tags, tokenize = 'porter unicode61 remove_diacritics 2')`.execute(
      db,
    );
  } else {
    await sql`alter table company_profiles add column search_vector tsvector`.execute(db);
    await sql`create index company_profiles_search_vector on company_profiles using gin (search_vector)`.execute(db);
  }
  await indexExistingProfiles(db, engine);
}
