import type { Kysely } from 'kysely';

// Company profiles are researched once per workspace and registrable domain, then shared by
// every table (rows.company_profile_id). JSON is text and times are ISO text on both engines.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('company_profiles')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('workspace_id', 'text', (column) => column.notNull())
    .addColumn('domain', 'text', (column) => column.notNull())
    .addColumn('name', 'text')
    // Lower-case name without punctuation, so a later "ACME Robotics, Inc." finds "Acme Robotics".
    .addColumn('name_key', 'text')
    .addColumn('website', 'text')
    .addColumn('fields', 'text', (column) => column.notNull())
    .addColumn('sources', 'text', (column) => column.notNull())
    .addColumn('as_of', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('company_profiles_workspace_domain').on('company_profiles').columns(['workspace_id', 'domain']).unique().execute();
  await db.schema.createIndex('company_profiles_workspace_name').on('company_profiles').columns(['workspace_id', 'name_key']).execute();

  // Other domains that led to a profile (a domain that redirects to the company's site), so the
  // old name is recognised again without a fetch.
  await db.schema
    .createTable('company_domain_aliases')
    .addColumn('workspace_id', 'text', (column) => column.notNull())
    .addColumn('domain', 'text', (column) => column.notNull())
    .addColumn('profile_id', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('company_domain_aliases_pk', ['workspace_id', 'domain'])
    .execute();
}
