import type { ChildPeopleRows, FoundPerson, PeopleSyncOutcome } from '../domain/people/child-people-rows.ts';
import { isComputedKind } from '../domain/column-config-schema.ts';
import { normalisePersonName } from '../domain/people/person-name.ts';
import type { Column, Row } from '../domain/records.ts';
import type { NewCell, NewRow, Store } from '../store/store.ts';
import { ensurePeopleChildTable } from './people-child-table.ts';

/** Row metadata the finder keeps on a child row (beside whatever the client stored there). */
export const PEOPLE_FINDER_METADATA = 'people_finder';

/**
 * Writes a company row's people into its child table in one transaction: new people become
 * rows (input = "name, role, profile URL"; built-ins full_name, role and profile_url done, no
 * model call), people already there are kept, and people no longer found are marked in their
 * row's metadata (`people_finder.status = "no_longer_found"`), never deleted.
 */
export function createChildPeopleRows(store: Store, ids: { newId(): string; now(): string }): ChildPeopleRows {
  return {
    sync: (request) =>
      store.transaction(async (transaction): Promise<PeopleSyncOutcome> => {
        const parent = await transaction.findTableById(request.parentTableId);
        if (!parent) throw new Error(`table ${request.parentTableId} no longer exists`);
        // Two finders of one company row (two columns, or a re-run racing a retry) must not both
        // see "not there yet" and add the same person: they take turns on the company row, held
        // until commit, so the second reads the first one's rows.
        if (!(await transaction.lockRow(request.parentRowId))) throw new Error(`row ${request.parentRowId} no longer exists`);
        const child = await ensurePeopleChildTable(transaction, parent, ids);
        const columns = await transaction.listColumns(child.id);
        const byKey = new Map(columns.map((column) => [column.key, column]));
        const existing = (await transaction.listRowsByParent([request.parentRowId])).filter((row) => row.tableId === child.id);
        const identities = await identitiesOf(transaction, existing, byKey);
        const now = ids.now();
        const matched = new Set<string>();
        const added: string[] = [];
        const kept: string[] = [];
        const newRows: NewRow[] = [];
        const newCells: NewCell[] = [];
        for (const person of request.people) {
          const match = existing.find((row) => !matched.has(row.id) && isSamePerson(identities.get(row.id)!, person));
          if (match) {
            matched.add(match.id);
            kept.push(match.id);
            await transaction.updateRowMetadata(match.id, withFinderStatus(match.metadata, request.columnKey, 'found', now), now);
            continue;
          }
          const rowId = ids.newId();
          added.push(rowId);
          newRows.push({
            id: rowId,
            parentRowId: request.parentRowId,
            companyProfileId: null,
            metadata: withFinderStatus(null, request.columnKey, 'found', now),
            createdAt: now,
          });
          newCells.push(...personCells(rowId, columns, person, request.columnName));
        }
        if (newRows.length > 0) await transaction.insertRows(child.id, newRows, newCells);
        const noLongerFound: string[] = [];
        for (const row of existing) {
          if (matched.has(row.id)) continue;
          noLongerFound.push(identities.get(row.id)!.name);
          const status = (row.metadata?.[PEOPLE_FINDER_METADATA] as { status?: string } | undefined)?.status;
          if (status !== 'no_longer_found')
            await transaction.updateRowMetadata(row.id, withFinderStatus(row.metadata, request.columnKey, 'no_longer_found', now), now);
        }
        return { childTableId: child.id, added, kept, noLongerFound };
      }),
  };
}

interface Identity {
  name: string;
  normalisedName: string;
  profileUrl: string | null;
}

async function identitiesOf(store: Store, rows: Row[], byKey: Map<string, Column>): Promise<Map<string, Identity>> {
  const nameColumn = byKey.get('full_name');
  const urlColumn = byKey.get('profile_url');
  const cells = await store.listCells(
    rows.map((row) => row.id),
    [nameColumn?.id, urlColumn?.id].filter((id): id is string => id !== undefined),
  );
  const identities = new Map<string, Identity>();
  for (const row of rows) {
    const answerOf = (column: Column | undefined) => {
      const cell = cells.find((candidate) => candidate.rowId === row.id && candidate.columnId === column?.id);
      const answer = (cell?.value as { answer?: unknown } | null)?.answer;
      return typeof answer === 'string' && answer !== 'Not found' ? answer : null;
    };
    const name = answerOf(nameColumn) ?? '';
    const profileUrl = answerOf(urlColumn);
    identities.set(row.id, { name, normalisedName: normalisePersonName(name), profileUrl: profileUrl ? profileKey(profileUrl) : null });
  }
  return identities;
}

/** The same person: same profile URL when both have one, else the same normalised name. */
function isSamePerson(identity: Identity, person: FoundPerson): boolean {
  if (identity.profileUrl && person.profile_url) return identity.profileUrl === profileKey(person.profile_url);
  return identity.normalisedName !== '' && identity.normalisedName === normalisePersonName(person.full_name);
}

function profileKey(url: string): string {
  const parsed = URL.parse(url);
  if (!parsed) return url.toLowerCase();
  return `${parsed.hostname.replace(/^www\./, '')}${parsed.pathname.replace(/\/+$/, '')}`.toLowerCase();
}

function withFinderStatus(
  metadata: Record<string, unknown> | null,
  columnKey: string,
  status: 'found' | 'no_longer_found',
  now: string,
): Record<string, unknown> {
  const previous = (metadata?.[PEOPLE_FINDER_METADATA] as Record<string, unknown> | undefined) ?? {};
  const entry =
    status === 'found' ? { column_key: columnKey, status, last_found_at: now } : { ...previous, column_key: columnKey, status, no_longer_found_at: now };
  return { ...(metadata ?? {}), [PEOPLE_FINDER_METADATA]: entry };
}

function personCells(rowId: string, columns: Column[], person: FoundPerson, finderName: string): NewCell[] {
  const explanation = `Found by the people finder "${finderName}" on ${person.source}.`;
  const builtIn = (answer: string) => ({
    answer,
    source: [person.source],
    explanation,
    excerpts: [{ url: person.source, quote: person.excerpt }],
    as_of: person.fetched_at,
  });
  const values: Record<string, unknown> = {
    input: [person.full_name, person.role, person.profile_url].filter(Boolean).join(', '),
    full_name: builtIn(person.full_name),
    role: builtIn(person.role),
    profile_url: builtIn(person.profile_url ?? 'Not found'),
  };
  return columns.map((column): NewCell => {
    const isInput = !isComputedKind(column.config.kind);
    const value = values[column.key] ?? null;
    return { rowId, columnId: column.id, status: value === null ? 'created' : 'done', value, error: null, isInput };
  });
}
