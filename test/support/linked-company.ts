import type { Kysely } from 'kysely';
import { createChildPeopleRows } from '../../src/services/child-people-service.ts';
import type { Database } from '../../src/store/database-schema.ts';
import type { Store } from '../../src/store/store.ts';

/**
 * A company profile (Company Zero at `domain`) linked to one row, and a people child table of two
 * under that row: what upgrade tests and the release fixtures keep beside cells and runs, so an
 * upgrade is checked against profiles, links and child rows too. Answers the child table's id.
 */
export async function linkCompanyAndPeople(
  store: Store,
  db: Kysely<Database>,
  options: {
    tableId: string;
    rowId: string;
    domain: string;
    fields?: Record<string, unknown>;
    people?: { name: string; role: string }[];
  },
): Promise<{ childTableId: string }> {
  const { tableId, rowId, domain } = options;
  const workspaceId = (await store.findTableById(tableId))!.workspaceId;
  const now = new Date().toISOString();
  const profile = await store.saveCompanyProfile(
    {
      id: crypto.randomUUID(),
      workspaceId,
      domain,
      name: 'Company Zero',
      nameKey: 'companyzero',
      website: `https://${domain}/`,
      fields: options.fields ?? { short_description: 'Makes anvils', hq_city: 'Lyon' },
      sources: [`https://${domain}/about`],
      asOf: now,
      createdAt: now,
      updatedAt: now,
    },
    ['Company Zero'],
  );
  await db.updateTable('rows').set({ company_profile_id: profile.id }).where('id', '=', rowId).execute();
  const people = createChildPeopleRows(store, { newId: () => crypto.randomUUID(), now: () => new Date().toISOString() });
  const synced = await people.sync({
    parentTableId: tableId,
    parentRowId: rowId,
    columnKey: 'people',
    columnName: 'People',
    people: (
      options.people ?? [
        { name: 'Ada Lovelace', role: 'CEO' },
        { name: 'Alan Turing', role: 'CEO' },
      ]
    ).map(({ name, role }) => ({
      full_name: name,
      role,
      profile_url: null,
      source: `https://${domain}/team`,
      excerpt: `${name}, ${role}`,
      fetched_at: now,
    })),
  });
  return { childTableId: synced.childTableId };
}
