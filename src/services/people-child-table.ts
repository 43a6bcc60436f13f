import type { Table } from '../domain/records.ts';
import { builtInColumns } from '../domain/table-kinds.ts';
import type { Store } from '../store/store.ts';
import { syncColumnDependencies } from './column-dependency-sync.ts';

export const COMPANY_PEOPLE = 'company_people';

/**
 * The company table's linked people table (contract §1.7), created on first need: one per
 * company table, shared by all its people finder columns, so every finder's people land in
 * one list and the same person found by two finders is one row.
 */
export async function ensurePeopleChildTable(store: Store, parent: Table, ids: { newId(): string; now(): string }): Promise<Table> {
  const existing = (await store.listChildTables(parent.id)).find((child) => child.kind === 'people' && child.relationshipType === COMPANY_PEOPLE);
  if (existing) return existing;
  const now = ids.now();
  const tableId = ids.newId();
  await store.insertTable({
    id: tableId,
    workspaceId: parent.workspaceId,
    ownerId: parent.ownerId,
    name: `${parent.name} — People`,
    description: `People found at the companies of ${parent.name}`,
    kind: 'people',
    tags: parent.tags,
    notify: false,
    settings: parent.settings,
    parentTableId: parent.id,
    relationshipType: COMPANY_PEOPLE,
    createdAt: now,
  });
  await store.insertColumns(
    tableId,
    builtInColumns('people').map((config, position) => ({ id: ids.newId(), tableId, key: config.key, position, config, createdAt: now })),
    now,
  );
  await syncColumnDependencies(store, tableId, 'people');
  return (await store.findTableById(tableId))!;
}
