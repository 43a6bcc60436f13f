import type { RowCondition } from '../../../src/sdk/api-types.ts';

/** What the grid shows of a table: filter conditions, sort and search, all by column key (the API's find parameters). */
export interface FindState {
  filter: RowCondition[];
  /** `key` or `-key`, or null for table order. */
  sort: string | null;
  q: string;
}

export const NO_FIND: FindState = { filter: [], sort: null, q: '' };

export function isFindActive(find: FindState): boolean {
  return find.filter.length > 0 || find.q.trim() !== '';
}

/** The API query for a find state (nothing for the parts left empty). */
export function findQuery(find: FindState): { filter?: RowCondition[]; sort?: string; q?: string } {
  return {
    ...(find.filter.length > 0 ? { filter: find.filter } : {}),
    ...(find.sort ? { sort: find.sort } : {}),
    ...(find.q.trim() ? { q: find.q.trim() } : {}),
  };
}

/** The find state kept in the page's URL (`?filter=…&sort=…&q=…`), so a view can be bookmarked and shared. */
export function readFindFromUrl(search: string = window.location.search): FindState {
  const parameters = new URLSearchParams(search);
  let filter: RowCondition[] = [];
  try {
    const parsed = JSON.parse(parameters.get('filter') ?? '[]') as unknown;
    if (Array.isArray(parsed)) filter = parsed as RowCondition[];
  } catch {
    filter = [];
  }
  return { filter, sort: parameters.get('sort') || null, q: parameters.get('q') ?? '' };
}

export function writeFindToUrl(find: FindState): void {
  const parameters = new URLSearchParams(window.location.search);
  for (const name of ['filter', 'sort', 'q']) parameters.delete(name);
  if (find.filter.length > 0) parameters.set('filter', JSON.stringify(find.filter));
  if (find.sort) parameters.set('sort', find.sort);
  if (find.q.trim()) parameters.set('q', find.q);
  const search = parameters.toString();
  window.history.replaceState(null, '', `${window.location.pathname}${search ? `?${search}` : ''}`);
}

/** A condition in words, for the chips of the find bar. */
export function describeCondition(condition: RowCondition, nameOf: (key: string) => string): string {
  const column = condition.column ? nameOf(condition.column) : 'Any column';
  if (condition.status) return `${column}: ${condition.status.replace('_', ' ')}`;
  if (condition.contains !== undefined) return `${column} contains "${condition.contains}"`;
  if (condition.equals !== undefined) return `${column} is "${condition.equals}"`;
  if (condition.one_of) return `${column} is one of ${condition.one_of.join(', ')}`;
  if (condition.not_found) return `${column} is Not found`;
  if (condition.empty) return `${column} is empty`;
  const parts = [condition.min !== undefined ? `≥ ${condition.min}` : '', condition.max !== undefined ? `≤ ${condition.max}` : ''].filter(Boolean);
  return `${column} ${parts.join(' and ')}`;
}
